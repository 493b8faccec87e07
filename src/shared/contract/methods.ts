import { appMethods } from './app'
import { barMethods, instrumentMethods } from './market-data'
import { settingsMethods } from './settings'

export * from './app'
export * from './market-data'
export * from './settings'

/**
 * Every method the engine offers, by namespace, each declared in its own file. Main binds each
 * one; the preload and the WebSocket client are generated from this object; nothing else
 * crosses the boundary.
 */
export const methods = {
  app: appMethods,
  instruments: instrumentMethods,
  bars: barMethods,
  settings: settingsMethods,
} as const
