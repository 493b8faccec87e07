import { useMemo, useState } from 'react'
import type { SortState } from './table-sort'
import { nextSort, pageBounds, sortedRows } from './table-sort'

/** One column over row indices: the value sorted by and the text shown. */
export interface TableColumn {
  readonly key: string
  readonly label: string
  readonly title?: string
  readonly numeric: boolean
  value(row: number): number | string
  text(row: number): string
  /** Extra class for the cell (e.g. profit or loss colour). */
  tone?(row: number): string | undefined
}

interface ColumnTableProps {
  readonly rows: number
  /** Memoise: a new array re-sorts. */
  readonly columns: readonly TableColumn[]
  readonly initialSort: SortState | null
  readonly pageSize?: number
  readonly testId: string
  readonly rowTestId: string
  readonly label: string
  readonly selectedRow?: number
  readonly onRowClick?: (row: number) => void
  /** data-* attributes of a row, for tests and styling. */
  readonly rowData?: (row: number) => Record<string, string | number>
}

/**
 * A table over columns of typed arrays: sorted by any column (click a header; again to flip),
 * shown a page at a time so thousands of rows stay quick.
 */
export function ColumnTable({ rows, columns, initialSort, pageSize = 200, testId, rowTestId, label, selectedRow, onRowClick, rowData }: ColumnTableProps) {
  const [sort, setSort] = useState<SortState | null>(initialSort)
  const [page, setPage] = useState(0)
  const order = useMemo(() => {
    const column = sort ? columns.find((c) => c.key === sort.key) : undefined
    return column && sort ? sortedRows(rows, (i) => column.value(i), sort.direction) : Int32Array.from({ length: rows }, (_, i) => i)
  }, [rows, columns, sort])
  const bounds = pageBounds(rows, page, pageSize)
  const shown = order.subarray(bounds.from, bounds.to)
  return (
    <div className="lab-column-table">
      <div className="lab-table-wrap">
        <table className="lab-table lab-table--data" data-testid={testId} data-rows={rows} aria-label={label}>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = sort?.key === c.key
                return (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} title={c.title} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <button type="button" className="lab-sort" data-testid={`${testId}-sort-${c.key}`} onClick={() => setSort(nextSort(sort, c.key, c.numeric ? 'desc' : 'asc'))}>
                      {c.label}
                      <span className="lab-sort__mark" aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {Array.from(shown, (row) => (
              <tr
                key={row}
                data-testid={rowTestId}
                data-row={row}
                {...Object.fromEntries(Object.entries(rowData?.(row) ?? {}).map(([k, v]) => [`data-${k}`, v]))}
                className={`${onRowClick ? 'lab-table__clickable' : ''}${row === selectedRow ? ' lab-table__row--selected' : ''}`}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
              >
                {columns.map((c) => (
                  <td key={c.key} className={[c.numeric ? 'num' : '', c.tone?.(row) ?? ''].join(' ').trim() || undefined}>
                    {c.text(row)}
                  </td>
                ))}
              </tr>
            ))}
            {rows === 0 ? (
              <tr>
                <td colSpan={columns.length} className="lab-table__empty">
                  None
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {bounds.pages > 1 ? (
        <div className="lab-pager" aria-label={`${label} pages`}>
          <button type="button" className="button button--small" disabled={bounds.page === 0} onClick={() => setPage(0)} aria-label="First page">
            «
          </button>
          <button type="button" className="button button--small" disabled={bounds.page === 0} onClick={() => setPage(bounds.page - 1)} aria-label="Previous page">
            ‹
          </button>
          <span className="lab-pager__text">
            {(bounds.from + 1).toLocaleString('en-US')}–{bounds.to.toLocaleString('en-US')} of {rows.toLocaleString('en-US')}
          </span>
          <button type="button" className="button button--small" disabled={bounds.page >= bounds.pages - 1} onClick={() => setPage(bounds.page + 1)} aria-label="Next page">
            ›
          </button>
          <button type="button" className="button button--small" disabled={bounds.page >= bounds.pages - 1} onClick={() => setPage(bounds.pages - 1)} aria-label="Last page">
            »
          </button>
        </div>
      ) : null}
    </div>
  )
}
