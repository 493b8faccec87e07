export type SortDirection = 'asc' | 'desc'

export interface SortState<K extends string = string> {
  readonly key: K
  readonly direction: SortDirection
}

/**
 * Row indices 0..n−1 ordered by `value(i)`. Stable (ties keep their order), and rows whose
 * value is NaN (or an empty string) go last in either direction, so missing values never
 * crowd the top of a table.
 */
export function sortedRows(n: number, value: (row: number) => number | string, direction: SortDirection): Int32Array {
  const keys = Array.from({ length: n }, (_, i) => value(i))
  const missing = (k: number | string): boolean => (typeof k === 'number' ? Number.isNaN(k) : k === '')
  const sign = direction === 'asc' ? 1 : -1
  const order = Array.from({ length: n }, (_, i) => i)
  order.sort((a, b) => {
    const ka = keys[a] as number | string
    const kb = keys[b] as number | string
    const ma = missing(ka)
    const mb = missing(kb)
    if (ma || mb) return ma === mb ? a - b : ma ? 1 : -1
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb))
    return c === 0 ? a - b : sign * c
  })
  return Int32Array.from(order)
}

/** Clicking a column: the same one flips its direction; another one starts with `initial`. */
export function nextSort<K extends string>(current: SortState<K> | null, key: K, initial: SortDirection = 'desc'): SortState<K> {
  if (current && current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
  return { key, direction: initial }
}

/** The page of `size` rows that holds row position `page * size`; pages are clamped to what exists. */
export function pageBounds(total: number, page: number, size: number): { readonly page: number; readonly pages: number; readonly from: number; readonly to: number } {
  const pages = Math.max(1, Math.ceil(total / size))
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1)
  return { page: p, pages, from: p * size, to: Math.min(total, (p + 1) * size) }
}
