import { z } from 'zod'
import type { BarColumns, Coverage, Instrument } from '../domain'
import { InstrumentId, Timeframe } from '../domain'
import { method, NoRequest } from './define'

export const LoadBarsRequest = z
  .object({
    instrumentId: InstrumentId,
    timeframe: Timeframe,
    /** Only bars whose open time is strictly before this (epoch seconds); for paging back. */
    before: z.number().finite().optional(),
    /** At most this many of the most recent bars (before `before`). */
    limit: z.number().int().positive().max(5_000_000).default(5000),
  })
  .strict()

export interface LoadedBars {
  readonly instrumentId: InstrumentId
  readonly timeframe: Timeframe
  readonly bars: BarColumns
  /** The timeframe the bars were read from (resampled natively when it differs). */
  readonly source: Timeframe
  /** True when older bars exist before the first one returned. */
  readonly hasMore: boolean
}

export const instrumentMethods = {
  list: method<typeof NoRequest, readonly Instrument[]>(NoRequest),
  coverage: method<z.ZodObject<{ instrumentId: typeof InstrumentId }>, readonly Coverage[]>(z.object({ instrumentId: InstrumentId }).strict()),
} as const

export const barMethods = {
  load: method<typeof LoadBarsRequest, LoadedBars>(LoadBarsRequest),
} as const
