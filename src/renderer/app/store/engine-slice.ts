import type { StateCreator } from 'zustand'
import type { AppInfo } from '../../../shared/contract'
import type { EngineStatus } from '../../../shared/domain'
import type { ConnectionState } from '../../bridge'
import type { QuorumStore } from './index'

export type TransportKind = 'ipc' | 'websocket'

export interface EngineSlice {
  /** Null until `app.info` answers. */
  readonly appInfo: AppInfo | null
  /** Null until `app.status` answers or the first 'status' event arrives. */
  readonly status: EngineStatus | null
  readonly transport: TransportKind | null
  readonly connection: ConnectionState
  setAppInfo(info: AppInfo): void
  setStatus(status: EngineStatus): void
  setConnection(transport: TransportKind, connection: ConnectionState): void
}

export const createEngineSlice: StateCreator<QuorumStore, [], [], EngineSlice> = (set) => ({
  appInfo: null,
  status: null,
  transport: null,
  connection: 'connecting',
  setAppInfo: (appInfo) => set({ appInfo }),
  setStatus: (status) => set({ status }),
  setConnection: (transport, connection) => set({ transport, connection }),
})
