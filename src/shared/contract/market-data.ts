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
    /** Prices adjusted for splits and dividends (raw × stored factor) instead of the raw prices as imported. */
    adjusted: z.boolean().default(false),
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

export const DeleteInstrumentDataRequest = z
  .object({
    instrumentId: InstrumentId,
    /** Only this timeframe's bars (and adjustment factors); the whole instrument when absent. */
    timeframe: Timeframe.optional(),
  })
  .strict()

export interface DeletedInstrumentData {
  readonly instrumentId: InstrumentId
  readonly timeframe: Timeframe | null
  /** Bars removed. */
  readonly bars: number
  /** True when the instrument itself was removed. */
  readonly instrumentDeleted: boolean
}

export const BarGapsRequest = z
  .object({
    instrumentId: InstrumentId,
    timeframe: Timeframe,
    /** At most this many gaps, oldest first; `total` still counts them all. */
    maxResults: z.number().int().positive().max(100_000).default(500),
  })
  .strict()

/** Bars missing between stored ones: weekdays for daily bars, bar slots within the regular session for intraday bars. */
export interface BarGap {
  /** Open time of the first missing bar (epoch seconds; the session date at 00:00 UTC for daily bars). */
  readonly from: number
  /** Open time of the last missing bar. */
  readonly to: number
  /** How many bars are missing. */
  readonly missing: number
}

/** What is stored for one instrument and timeframe, with the holes in it. */
export interface TimeframeCoverage extends Coverage {
  readonly gaps: readonly BarGap[]
  /** All gaps found, even past maxResults. */
  readonly gapCount: number
  readonly missingBars: number
  readonly truncated: boolean
  /** True when adjustment factors are stored, so adjusted prices differ from raw ones. */
  readonly hasAdjustments: boolean
  /** Exchange holidays not counted as gaps (New York instruments), or null when no calendar applies. */
  readonly calendar: string | null
}

export const instrumentMethods = {
  list: method<typeof NoRequest, readonly Instrument[]>(NoRequest),
  coverage: method<z.ZodObject<{ instrumentId: typeof InstrumentId }>, readonly Coverage[]>(z.object({ instrumentId: InstrumentId }).strict()),
  /** Deletes an instrument with everything stored for it, or one timeframe of its bars. */
  delete: method<typeof DeleteInstrumentDataRequest, DeletedInstrumentData>(DeleteInstrumentDataRequest),
  /** Coverage of one timeframe with its gaps. */
  gaps: method<typeof BarGapsRequest, TimeframeCoverage>(BarGapsRequest),
} as const

export const barMethods = {
  load: method<typeof LoadBarsRequest, LoadedBars>(LoadBarsRequest),
} as const
