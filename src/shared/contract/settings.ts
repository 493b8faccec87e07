import { z } from 'zod'
import { InstrumentId, Timeframe } from '../domain'
import { method, NoRequest } from './define'

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

export const settingsMethods = {
  get: method<typeof NoRequest, Settings>(NoRequest),
  update: method<ReturnType<typeof Settings.partial>, Settings>(Settings.partial().strict()),
} as const
