import { appMethods } from './app'
import { chartMethods } from './charts'
import { importMethods } from './data-import'
import { indicatorMethods } from './indicators'
import { liveMethods } from './live'
import { barMethods, instrumentMethods } from './market-data'
import { settingsMethods } from './settings'
import { backtestMethods, runMethods, strategyMethods } from './strategy-lab'

export * from './app'
export * from './charts'
export * from './data-import'
export * from './indicators'
export * from './live'
export * from './market-data'
export * from './settings'
export * from './strategy-lab'

/**
 * Every method the engine offers, by namespace, each declared in its own file. Main binds each
 * one; the preload and the WebSocket client are generated from this object; nothing else
 * crosses the boundary.
 */
export const methods = {
  app: appMethods,
  instruments: instrumentMethods,
  bars: barMethods,
  live: liveMethods,
  indicators: indicatorMethods,
  settings: settingsMethods,
  charts: chartMethods,
  imports: importMethods,
  strategies: strategyMethods,
  backtests: backtestMethods,
  runs: runMethods,
} as const
