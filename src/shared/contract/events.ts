import type { EngineStatus } from '../domain'
import type { ImportFinished, ImportProgress } from './data-import'
import type { LiveBarsEvent } from './live'
import type { JobProgress } from './strategy-lab'
import type { Settings } from './methods'
import { event } from './define'

/** Every push event from the engine. High-rate streams are batched into one event per tick. */
export const events = {
  status: event<EngineStatus>(),
  settings: event<Settings>(),
  /** A running import: files and lines done, at most every 100 ms. */
  importProgress: event<ImportProgress>(),
  importFinished: event<ImportFinished>(),
  /** Bars built from live ticks, per subscription, batched every 100 ms. */
  liveBars: event<LiveBarsEvent>(),
  /** A running Strategy Lab job (backtest, optimisation, walk-forward, Monte Carlo), at most every 100 ms. */
  jobProgress: event<JobProgress>(),
} as const
