import type { BarColumns } from '../../../shared/domain'
import { BAR_FIELDS } from '../../../shared/domain'

/**
 * Older bars in front of the loaded ones. Anything in `older` at or after the first loaded time
 * is dropped, so the result stays strictly ascending (the chart refuses anything else).
 */
export function prependBars(older: BarColumns, loaded: BarColumns): BarColumns {
  const firstLoaded = loaded.time[0]
  let keep = older.time.length
  if (firstLoaded !== undefined) while (keep > 0 && (older.time[keep - 1] ?? -Infinity) >= firstLoaded) keep--
  const n = keep + loaded.time.length
  const out = {} as Record<(typeof BAR_FIELDS)[number], Float64Array>
  for (const field of BAR_FIELDS) {
    const column = new Float64Array(n)
    column.set(older[field].subarray(0, keep), 0)
    column.set(loaded[field], keep)
    out[field] = column
  }
  return out
}
