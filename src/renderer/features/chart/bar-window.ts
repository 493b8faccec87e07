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
  return concatBars(older, 0, keep, loaded, 0, loaded.time.length)
}

/** Newer bars after the loaded ones; anything in `newer` at or before the last loaded time is dropped. */
export function appendBars(loaded: BarColumns, newer: BarColumns): BarColumns {
  const lastLoaded = loaded.time[loaded.time.length - 1]
  let skip = 0
  if (lastLoaded !== undefined) while (skip < newer.time.length && (newer.time[skip] ?? Infinity) <= lastLoaded) skip++
  return concatBars(loaded, 0, loaded.time.length, newer, skip, newer.time.length)
}

/** A copy of bars [start, end). */
export function copyBars(bars: BarColumns, start: number, end: number): BarColumns {
  const out = {} as Record<(typeof BAR_FIELDS)[number], Float64Array>
  for (const field of BAR_FIELDS) out[field] = bars[field].slice(start, end)
  return out
}

function concatBars(a: BarColumns, aStart: number, aEnd: number, b: BarColumns, bStart: number, bEnd: number): BarColumns {
  const n = aEnd - aStart + (bEnd - bStart)
  const out = {} as Record<(typeof BAR_FIELDS)[number], Float64Array>
  for (const field of BAR_FIELDS) {
    const column = new Float64Array(n)
    column.set(a[field].subarray(aStart, aEnd), 0)
    column.set(b[field].subarray(bStart, bEnd), aEnd - aStart)
    out[field] = column
  }
  return out
}

/** Which side of a too-long window to give up: the one farther from where the trader is looking. */
export type DropSide = 'oldest' | 'newest'

/** The window cut to at most `max` bars from the given side; `dropped` says how many went. */
export function capBars(bars: BarColumns, max: number, side: DropSide): { bars: BarColumns; dropped: number } {
  const n = bars.time.length
  if (n <= max) return { bars, dropped: 0 }
  const dropped = n - max
  return { bars: side === 'oldest' ? copyBars(bars, dropped, n) : copyBars(bars, 0, max), dropped }
}

export interface LiveMerge {
  readonly bars: BarColumns
  /** Index of the first bar that changed or was added; -1 when nothing changed. */
  readonly firstChanged: number
  /** Bars added after the previous last one. */
  readonly appended: number
  /**
   * True when an incoming bar falls between two loaded bars without matching either: the window
   * cannot take it in place and should be loaded again.
   */
  readonly needsReload: boolean
}

/**
 * Live bars (changed ones, ascending, the current partial bar last) merged into the window:
 * a bar with a loaded time replaces it in place (same arrays), later bars are appended (new
 * arrays), bars older than the window are ignored.
 */
export function mergeLiveBars(loaded: BarColumns, incoming: BarColumns): LiveMerge {
  const n = loaded.time.length
  const m = incoming.time.length
  let firstChanged = -1
  let appendFrom = m
  let needsReload = false
  const lastLoaded = n > 0 ? (loaded.time[n - 1] as number) : -Infinity
  const firstLoaded = n > 0 ? (loaded.time[0] as number) : Infinity
  for (let j = 0; j < m; j++) {
    const t = incoming.time[j] as number
    if (t > lastLoaded) {
      appendFrom = j
      break
    }
    if (t < firstLoaded) continue
    const i = indexOfTime(loaded.time, t)
    if (i < 0) {
      needsReload = true
      continue
    }
    for (const field of BAR_FIELDS) loaded[field][i] = incoming[field][j] as number
    if (firstChanged < 0 || i < firstChanged) firstChanged = i
  }
  if (appendFrom >= m) return { bars: loaded, firstChanged, appended: 0, needsReload }
  // Keep what is appended strictly ascending even if a batch repeats a time.
  const keep: number[] = []
  let last = lastLoaded
  for (let j = appendFrom; j < m; j++) {
    const t = incoming.time[j] as number
    if (t > last) {
      keep.push(j)
      last = t
    } else if (t === last && keep.length > 0) {
      keep[keep.length - 1] = j
    }
  }
  const out = {} as Record<(typeof BAR_FIELDS)[number], Float64Array>
  for (const field of BAR_FIELDS) {
    const column = new Float64Array(n + keep.length)
    column.set(loaded[field], 0)
    keep.forEach((j, k) => (column[n + k] = incoming[field][j] as number))
    out[field] = column
  }
  return { bars: out, firstChanged: firstChanged < 0 ? n : firstChanged, appended: keep.length, needsReload }
}

/** Index of the bar opening exactly at `time`, or -1 (binary search; times ascend). */
export function indexOfTime(times: Float64Array, time: number): number {
  let lo = 0
  let hi = times.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const t = times[mid] as number
    if (t === time) return mid
    if (t < time) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/**
 * Live bars held back while the window cannot take them (not loaded yet, or scrolled so far back
 * that the newest bars were dropped), one entry per bar time: a later version of a bar replaces
 * the earlier one, so the buffer stays as small as the bars that formed meanwhile.
 */
export class LiveBarBuffer {
  private readonly bars = new Map<number, readonly number[]>()

  get size(): number {
    return this.bars.size
  }

  add(incoming: BarColumns): void {
    for (let j = 0; j < incoming.time.length; j++) this.bars.set(incoming.time[j] as number, BAR_FIELDS.map((f) => incoming[f][j] as number))
  }

  /** Everything held, ascending by time, and the buffer emptied. */
  drain(): BarColumns {
    const times = [...this.bars.keys()].sort((a, b) => a - b)
    const out = {} as Record<(typeof BAR_FIELDS)[number], Float64Array>
    BAR_FIELDS.forEach((field, k) => (out[field] = Float64Array.from(times, (t) => this.bars.get(t)?.[k] ?? NaN)))
    this.bars.clear()
    return out
  }
}
