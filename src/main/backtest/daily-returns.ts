const DAY = 86_400

/** The UTC calendar day of a time in epoch seconds. */
const utcDay = (t: number): number => Math.floor(t / DAY)

/**
 * The last of `values` in each period: consecutive points whose times `periodOf` maps to the
 * same number form one period (UTC calendar days unless told otherwise). Times are epoch seconds.
 */
export function lastOfEachPeriod(time: ArrayLike<number>, values: ArrayLike<number>, periodOf: (t: number) => number = utcDay): number[] {
  const out: number[] = []
  const n = time.length
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && periodOf(time[i] ?? 0) === periodOf(time[i + 1] ?? 0)) continue
    out.push(values[i] ?? NaN)
  }
  return out
}

/**
 * Daily returns of an equity curve: the last equity of each UTC calendar day against the
 * previous day's (the first day against `startingEquity`), as docs/metrics.md defines them for
 * the statistics. Times are epoch seconds.
 */
export function dailyReturns(time: ArrayLike<number>, equity: ArrayLike<number>, startingEquity: number): Float64Array {
  const days = lastOfEachPeriod(time, equity)
  const out = new Float64Array(days.length)
  let previous = startingEquity
  days.forEach((e, k) => {
    out[k] = previous > 0 ? e / previous - 1 : NaN
    previous = e
  })
  return out
}
