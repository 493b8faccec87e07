import type { BarColumns } from '../../../shared/domain'
import { allocateBars } from '../../../shared/domain'

/**
 * Heikin-Ashi bars from raw bars, recomputing from index `from` on (earlier ones are copied from
 * `previous`, which must hold at least `from` bars computed from the same raw bars).
 *
 * Formula: HA close = (O + H + L + C) / 4; HA open = (previous HA open + previous HA close) / 2,
 * seeded with (O + C) / 2 on the first bar; HA high = max(H, HA open, HA close); HA low =
 * min(L, HA open, HA close). Volume and time are the raw bar's. The seed's effect halves every
 * bar, so a window that starts later than the stored history differs only in its first few bars.
 */
export function toHeikinAshi(raw: BarColumns, previous?: BarColumns, from = 0): BarColumns {
  const n = raw.time.length
  const start = previous ? Math.min(from, previous.time.length, n) : 0
  const ha = allocateBars(n)
  if (previous && start > 0) {
    ha.open.set(previous.open.subarray(0, start))
    ha.high.set(previous.high.subarray(0, start))
    ha.low.set(previous.low.subarray(0, start))
    ha.close.set(previous.close.subarray(0, start))
  }
  ha.time.set(raw.time)
  ha.volume.set(raw.volume)
  writeHeikinAshi(raw, ha, start)
  return ha
}

/** Recomputes `ha` in place from index `from` to the end; `ha` and `raw` have the same length. */
export function writeHeikinAshi(raw: BarColumns, ha: BarColumns, from: number): void {
  const n = raw.time.length
  for (let i = Math.max(0, from); i < n; i++) {
    const o = raw.open[i] as number
    const h = raw.high[i] as number
    const l = raw.low[i] as number
    const c = raw.close[i] as number
    const close = (o + h + l + c) / 4
    const open = i === 0 ? (o + c) / 2 : ((ha.open[i - 1] as number) + (ha.close[i - 1] as number)) / 2
    ha.time[i] = raw.time[i] as number
    ha.volume[i] = raw.volume[i] as number
    ha.open[i] = open
    ha.close[i] = close
    ha.high[i] = Math.max(h, open, close)
    ha.low[i] = Math.min(l, open, close)
  }
}
