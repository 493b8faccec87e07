import type { Timeframe } from '../../shared/domain'
import { TIMEFRAMES, timeframeSeconds } from '../../shared/domain'

const DAY = 86_400

export type TimeframeGuess = { readonly timeframe: Timeframe; readonly spacing: number } | { readonly timeframe: null; readonly spacing: number; readonly reason: string }

function describeSpacing(seconds: number): string {
  if (seconds % DAY === 0) return `${seconds / DAY} day${seconds === DAY ? '' : 's'}`
  if (seconds % 3600 === 0) return `${seconds / 3600} h`
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}

/**
 * The timeframe of bars from the spacing of their times (ascending epoch seconds): the most
 * common distance between neighbours. Daily bars are 1–4 days apart (weekends, holidays), weekly
 * ones 5–9; intraday spacing must be one of Quorum's timeframes exactly.
 */
export function detectTimeframe(times: Float64Array, dateOnly: boolean): TimeframeGuess {
  const n = times.length
  if (n < 2) {
    if (dateOnly) return { timeframe: '1D', spacing: DAY }
    return { timeframe: null, spacing: 0, reason: 'a single bar with a time of day does not show its timeframe' }
  }
  const tally = new Map<number, number>()
  const limit = Math.min(n, 20_001)
  for (let i = 1; i < limit; i++) {
    const d = Math.round((times[i] as number) - (times[i - 1] as number))
    if (d > 0) tally.set(d, (tally.get(d) ?? 0) + 1)
  }
  let spacing = 0
  let count = 0
  let shortest = Number.POSITIVE_INFINITY
  for (const [d, c] of tally) {
    shortest = Math.min(shortest, d)
    if (c > count || (c === count && d < spacing)) {
      spacing = d
      count = c
    }
  }
  if (spacing === 0) return { timeframe: null, spacing, reason: 'the bars share one timestamp' }
  if (spacing >= DAY || dateOnly) {
    const days = spacing / DAY
    // Weekly bars are never less than five days apart; any shorter step means daily bars with holes.
    if (shortest <= 4 * DAY && shortest >= DAY) return { timeframe: '1D', spacing: shortest }
    if (days >= 1 && days <= 4) return { timeframe: '1D', spacing }
    if (days >= 5 && days <= 9) return { timeframe: '1W', spacing }
    return { timeframe: null, spacing, reason: `the bars are ${describeSpacing(spacing)} apart; Quorum stores bars from 1 minute to 1 week` }
  }
  const exact = TIMEFRAMES.find((tf) => timeframeSeconds(tf) === spacing)
  if (exact) return { timeframe: exact, spacing }
  return {
    timeframe: null,
    spacing,
    reason: `the bars are ${describeSpacing(spacing)} apart, which matches no timeframe Quorum stores (${TIMEFRAMES.join(', ')})`,
  }
}
