/**
 * Bars in columnar form: one Float64Array per field, all the same length, ascending by time.
 * `time` is the bar's open time in epoch seconds (UTC). This is the only shape in which bars
 * cross a process boundary (typed arrays are transferred, never cloned as objects).
 */
export interface BarColumns {
  readonly time: Float64Array
  readonly open: Float64Array
  readonly high: Float64Array
  readonly low: Float64Array
  readonly close: Float64Array
  readonly volume: Float64Array
}

export const BAR_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const
export type BarField = (typeof BAR_FIELDS)[number]

export function barCount(bars: BarColumns): number {
  return bars.time.length
}

/** Allocates zero-filled columns for `n` bars. */
export function allocateBars(n: number): BarColumns {
  return {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  }
}

/** Views of the first `n` bars (no copy). */
export function sliceBars(bars: BarColumns, start: number, end: number): BarColumns {
  return {
    time: bars.time.subarray(start, end),
    open: bars.open.subarray(start, end),
    high: bars.high.subarray(start, end),
    low: bars.low.subarray(start, end),
    close: bars.close.subarray(start, end),
    volume: bars.volume.subarray(start, end),
  }
}
