import { z } from 'zod'
import type { IndicatorInfo } from '../domain'
import { InstrumentId, Timeframe } from '../domain'
import { method, NoRequest } from './define'

export const ComputeIndicatorRequest = z
  .object({
    instrumentId: InstrumentId,
    timeframe: Timeframe,
    /** TA-Lib's name, e.g. `RSI`. */
    name: z.string().min(1).max(40),
    /** By parameter name; missing ones take their defaults. */
    params: z.record(z.string(), z.number().finite()).default({}),
    /** The same window as `bars.load`: the latest `limit` bars before `before`. */
    before: z.number().finite().optional(),
    limit: z.number().int().positive().max(5_000_000).default(5000),
  })
  .strict()

export interface ComputedIndicator {
  readonly name: string
  /** Every parameter, defaults filled in. */
  readonly params: Readonly<Record<string, number>>
  readonly lookback: number
  /** Open times of the bars the values belong to: the same window `bars.load` returns. */
  readonly time: Float64Array
  /** One column per output, aligned with `time`; NaN where the indicator is still warming up. */
  readonly outputs: Readonly<Record<string, Float64Array>>
}

export const indicatorMethods = {
  list: method<typeof NoRequest, readonly IndicatorInfo[]>(NoRequest),
  compute: method<typeof ComputeIndicatorRequest, ComputedIndicator>(ComputeIndicatorRequest),
} as const
