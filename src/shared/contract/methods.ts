import { z } from 'zod'
import type { BarColumns, Coverage, EngineStatus, Instrument } from '../domain'
import { InstrumentId, Timeframe } from '../domain'
import { method, NoRequest } from './define'

export interface AppInfo {
  readonly name: string
  readonly version: string
  readonly dataDir: string
  readonly databaseFile: string
  readonly sqliteVersion: string
  readonly nativeVersion: string
  readonly transport: 'ipc' | 'websocket'
  readonly platform: string
}

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

export const Theme = z.enum(['dark', 'light'])
export type Theme = z.infer<typeof Theme>

/** Settings the trader can change; every field has a default, so a fresh store has them all. */
export const Settings = z
  .object({
    theme: Theme,
    lastInstrumentId: InstrumentId.nullable(),
    lastTimeframe: Timeframe,
  })
  .strict()
export type Settings = z.infer<typeof Settings>

export const DEFAULT_SETTINGS: Settings = { theme: 'dark', lastInstrumentId: null, lastTimeframe: '1D' }

/**
 * Every method the engine offers, by namespace. Main binds each one; the preload and the
 * WebSocket client are generated from this object; nothing else crosses the boundary.
 */
export const methods = {
  app: {
    info: method<typeof NoRequest, AppInfo>(NoRequest),
    status: method<typeof NoRequest, EngineStatus>(NoRequest),
  },
  instruments: {
    list: method<typeof NoRequest, readonly Instrument[]>(NoRequest),
    coverage: method<z.ZodObject<{ instrumentId: typeof InstrumentId }>, readonly Coverage[]>(
      z.object({ instrumentId: InstrumentId }).strict(),
    ),
  },
  bars: {
    load: method<typeof LoadBarsRequest, LoadedBars>(LoadBarsRequest),
  },
  settings: {
    get: method<typeof NoRequest, Settings>(NoRequest),
    update: method<ReturnType<typeof Settings.partial>, Settings>(Settings.partial().strict()),
  },
} as const
