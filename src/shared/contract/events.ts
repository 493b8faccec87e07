import type { EngineStatus } from '../domain'
import type { Settings } from './methods'
import { event } from './define'

/** Every push event from the engine. High-rate streams are batched into one event per tick. */
export const events = {
  status: event<EngineStatus>(),
  settings: event<Settings>(),
} as const
