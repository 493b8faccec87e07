/**
 * Daily returns of an equity curve: the last equity of each UTC calendar day against the
 * previous day's (the first day against `startingEquity`), as docs/metrics.md defines them for
 * the statistics. Times are epoch seconds.
 */
export function dailyReturns(time: ArrayLike<number>, equity: ArrayLike<number>, startingEquity: number): Float64Array {
  const out: number[] = []
  let previous = startingEquity
  const n = time.length
  for (let i = 0; i < n; i++) {
    const day = Math.floor((time[i] ?? 0) / 86_400)
    const nextDay = i + 1 < n ? Math.floor((time[i + 1] ?? 0) / 86_400) : NaN
    if (day === nextDay) continue
    const e = equity[i] ?? NaN
    out.push(previous > 0 ? e / previous - 1 : NaN)
    previous = e
  }
  return Float64Array.from(out)
}
