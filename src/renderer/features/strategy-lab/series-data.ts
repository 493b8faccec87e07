import type { LineData, UTCTimestamp } from 'lightweight-charts'

/**
 * Columns to line points for lightweight-charts, which wants strictly increasing times: NaN
 * values are skipped, and of several points at one time the last one is kept (a portfolio's
 * instruments closing at the same second).
 */
export function toLineData(time: ArrayLike<number>, values: ArrayLike<number>, scale = 1): LineData<UTCTimestamp>[] {
  const out: LineData<UTCTimestamp>[] = []
  const n = Math.min(time.length, values.length)
  for (let i = 0; i < n; i++) {
    const t = time[i] as number
    const v = values[i] as number
    if (!Number.isFinite(t) || !Number.isFinite(v)) continue
    const last = out[out.length - 1]
    const point = { time: t as UTCTimestamp, value: v * scale }
    if (last && last.time >= t) {
      if (last.time === t) out[out.length - 1] = point
      continue
    }
    out.push(point)
  }
  return out
}

/** The Monte Carlo fan's paths: paths × length, row-major, into one array per path. */
export function splitPaths(paths: Float64Array, pathLength: number): Float64Array[] {
  if (pathLength <= 0) return []
  const count = Math.floor(paths.length / pathLength)
  return Array.from({ length: count }, (_, p) => paths.subarray(p * pathLength, (p + 1) * pathLength))
}
