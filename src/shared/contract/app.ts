import type { EngineStatus } from '../domain'
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

export const appMethods = {
  info: method<typeof NoRequest, AppInfo>(NoRequest),
  status: method<typeof NoRequest, EngineStatus>(NoRequest),
} as const
