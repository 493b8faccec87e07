import type { ColumnMapping, DateFormat, MappedField } from '../../../shared/contract'
import { DATE_FORMATS, MAPPED_FIELDS } from '../../../shared/contract'
import { setFileOverrides } from './data-actions'
import { formatBarTime, formatCount, formatPrice, plural } from './data-format'
import type { StagedFile } from './data-store'

const FIELD_LABELS: Record<MappedField, string> = {
  date: 'Date',
  time: 'Time',
  open: 'Open',
  high: 'High',
  low: 'Low',
  close: 'Close',
  volume: 'Volume',
  adjClose: 'Adj close',
  symbol: 'Ticker',
}
const REQUIRED: ReadonlySet<MappedField> = new Set(['date', 'open', 'high', 'low', 'close'])
const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'yyyy-mm-dd',
  mdy: 'm/d/yyyy (US)',
  dmy: 'd.m.yyyy',
  yyyymmdd: 'yyyymmdd',
  'epoch-s': 'Unix seconds',
  'epoch-ms': 'Unix ms',
}
const DELIMITERS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' }

function startingMapping(columns: number): ColumnMapping {
  const at = (i: number): number => Math.min(i, Math.max(0, columns - 1))
  return { date: at(0), open: at(1), high: at(2), low: at(3), close: at(4) }
}

/** How the engine would read the selected file: format, column mapping (editable), first rows and problems. */
export function ImportPreviewView({ file }: { file: StagedFile }) {
  const preview = file.preview
  if (!preview) return <div className="data-preview data-preview--empty">{file.previewing ? 'Reading the file…' : 'The file could not be read.'}</div>
  const mapping = file.overrides.mapping ?? preview.mapping
  const columns = preview.columns

  const setMapping = (field: MappedField, value: string): void => {
    const base: ColumnMapping = mapping ?? startingMapping(columns.length)
    const others = Object.entries(base).filter(([key]) => key !== field)
    const next = Object.fromEntries(value === '' ? others : [...others, [field, Number(value)]]) as ColumnMapping
    void setFileOverrides(file.id, { ...file.overrides, mapping: next })
  }

  const zone = preview.timeZone ?? 'UTC'
  const bad = preview.rows.filter((r) => r.problem !== null).length
  return (
    <div className="data-preview" data-testid="data-import-preview" data-format={preview.format ?? ''} data-fatal={preview.fatal ? 'true' : 'false'}>
      <div className="data-preview__summary">
        <span>
          <strong>{preview.format ? preview.format.toUpperCase() : 'Not recognised'}</strong>
          <span className="data-preview__muted"> · {preview.formatReason}</span>
        </span>
        {preview.delimiter ? <span className="data-preview__muted">{DELIMITERS[preview.delimiter] ?? preview.delimiter}-separated</span> : null}
        <span className="data-preview__muted">
          {formatCount(preview.linesRead)} lines → {formatCount(preview.barCount)} bars
          {preview.timeframe ? ` · ${preview.timeframe}` : ''}
          {preview.timeZone ? ` · naive times in ${preview.timeZone}` : ''}
        </span>
      </div>

      {preview.fatal ? (
        <p className="data-preview__fatal" data-testid="data-import-fatal">
          {preview.fatal}
        </p>
      ) : null}

      {columns.length > 0 ? (
        <div className="data-mapping" data-testid="data-import-mapping">
          {MAPPED_FIELDS.map((field) => (
            <label key={field} className="data-field">
              <span>
                {FIELD_LABELS[field]}
                {REQUIRED.has(field) ? '' : ' (opt.)'}
              </span>
              <select
                className="select"
                data-field={field}
                value={mapping?.[field] === undefined ? '' : String(mapping[field])}
                onChange={(e) => setMapping(field, e.target.value)}
              >
                {REQUIRED.has(field) && mapping?.[field] !== undefined ? null : <option value="">—</option>}
                {columns.map((c, i) => (
                  <option key={`${i}-${c}`} value={String(i)}>
                    {i + 1}: {c === '' ? '(untitled)' : c}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label className="data-field">
            <span>Dates</span>
            <select
              className="select"
              value={file.overrides.dateFormat ?? preview.dateFormat ?? ''}
              onChange={(e) => void setFileOverrides(file.id, { ...file.overrides, dateFormat: e.target.value as DateFormat })}
            >
              {preview.dateFormat === null && file.overrides.dateFormat === undefined ? <option value="">—</option> : null}
              {DATE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {DATE_FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          {Object.keys(file.overrides).length > 0 ? (
            <button type="button" className="button button--small data-mapping__reset" onClick={() => void setFileOverrides(file.id, {})}>
              Detect again
            </button>
          ) : null}
        </div>
      ) : null}

      {preview.rows.length > 0 ? (
        <div className="data-table-wrap data-preview__rows">
          <table className="data-table" data-testid="data-import-rows">
            <thead>
              <tr>
                <th className="num">Line</th>
                <th>Time</th>
                <th className="num">Open</th>
                <th className="num">High</th>
                <th className="num">Low</th>
                <th className="num">Close</th>
                <th className="num">Volume</th>
                {mapping?.adjClose !== undefined ? <th className="num">Adj close</th> : null}
                {mapping?.symbol !== undefined ? <th>Ticker</th> : null}
                <th>{bad > 0 ? 'Problem' : ''}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={r.problem ? 'data-table__row--bad' : undefined}>
                  <td className="mono num data-table__muted">{r.line}</td>
                  <td className="mono">{r.time === null ? '' : formatBarTime(r.time, preview.timeframe, zone)}</td>
                  <td className="mono num">{formatPrice(r.open)}</td>
                  <td className="mono num">{formatPrice(r.high)}</td>
                  <td className="mono num">{formatPrice(r.low)}</td>
                  <td className="mono num">{formatPrice(r.close)}</td>
                  <td className="mono num">{r.volume === null ? '' : formatCount(r.volume)}</td>
                  {mapping?.adjClose !== undefined ? <td className="mono num">{formatPrice(r.adjClose)}</td> : null}
                  {mapping?.symbol !== undefined ? <td className="mono">{r.symbol ?? ''}</td> : null}
                  <td className="data-table__problem">{r.problem ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : preview.sampleCells.length > 0 ? (
        <div className="data-table-wrap data-preview__rows">
          <table className="data-table">
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={`${i}-${c}`}>{c || `column ${i + 1}`}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sampleCells.map((cells, i) => (
                <tr key={i}>
                  {cells.map((c, j) => (
                    <td key={j} className="mono">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {preview.rejectedTotal > 0 || preview.warningsTotal > 0 ? (
        <div className="data-problems">
          {preview.rejectedTotal > 0 ? (
            <div className="data-problems__title data-problems__title--bad">
              {plural(preview.rejectedTotal, 'bad line')} — the file is rejected unless “Skip bad lines” is on
            </div>
          ) : null}
          <ul className="data-problems__list mono">
            {preview.rejected.slice(0, 20).map((r) => (
              <li key={`r${r.line}`} className="data-problems__bad">
                line {r.line}: {r.field ? `${r.field}: ` : ''}
                {r.reason}
              </li>
            ))}
            {preview.warnings.slice(0, 12).map((w, i) => (
              <li key={`w${i}`} className="data-problems__warn">
                {w.line === null ? '' : `line ${w.line}: `}
                {w.message}
              </li>
            ))}
          </ul>
          {preview.warningsTotal > 12 ? <div className="data-preview__muted">… {plural(preview.warningsTotal - 12, 'more warning')}</div> : null}
        </div>
      ) : null}
    </div>
  )
}
