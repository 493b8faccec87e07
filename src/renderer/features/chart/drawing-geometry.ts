/**
 * Where a drawing's time falls on a chart of any timeframe. Drawings are stored by time, not by
 * bar, so a trend line drawn on 5-minute bars lands between the right daily bars: a time between
 * two bars maps to a fractional bar index, and a time past either end is extrapolated at the
 * timeframe's nominal spacing.
 */
export function timeToLogical(times: Float64Array, time: number, barSeconds: number): number {
  const n = times.length
  if (n === 0) return NaN
  const first = times[0] as number
  const last = times[n - 1] as number
  if (time <= first) return (time - first) / barSeconds
  if (time >= last) return n - 1 + (time - last) / barSeconds
  let lo = 0
  let hi = n - 1
  // times[lo] <= time < times[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if ((times[mid] as number) <= time) lo = mid
    else hi = mid
  }
  const a = times[lo] as number
  const b = times[hi] as number
  return lo + (time - a) / (b - a)
}

/** The time at a whole bar index, extrapolated past either end of the loaded bars. */
export function logicalToTime(times: Float64Array, logical: number, barSeconds: number): number {
  const n = times.length
  if (n === 0) return NaN
  const i = Math.round(logical)
  if (i < 0) return (times[0] as number) + i * barSeconds
  if (i >= n) return (times[n - 1] as number) + (i - (n - 1)) * barSeconds
  return times[i] as number
}

/** Distance in pixels from a point to the segment a–b. */
export function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const lengthSquared = dx * dx + dy * dy
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

/** A price rounded to the instrument's tick, as a trader would type it. */
export function roundToTick(price: number, tickSize: number): number {
  if (!(tickSize > 0)) return price
  const decimals = Math.max(0, Math.min(10, Math.ceil(-Math.log10(tickSize)) + 1))
  return Number((Math.round(price / tickSize) * tickSize).toFixed(decimals))
}
