import { z } from 'zod'

/**
 * Bar timeframes. Seconds-based ones align to UTC epoch buckets; `1D` and `1W` are session
 * bars whose timestamps are the session date at 00:00 UTC (weeks start on Monday).
 */
export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1D', '1W'] as const
export const Timeframe = z.enum(TIMEFRAMES)
export type Timeframe = z.infer<typeof Timeframe>

const SECONDS: Record<Timeframe, number> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '4h': 14400,
  '1D': 86400,
  '1W': 604800,
}

/** Nominal length of one bar of this timeframe, in seconds. */
export function timeframeSeconds(tf: Timeframe): number {
  return SECONDS[tf]
}

export function isIntraday(tf: Timeframe): boolean {
  return SECONDS[tf] < SECONDS['1D']
}
