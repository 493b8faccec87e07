import type { QuorumApi } from '../../shared/contract'
import { buildClient } from '../../shared/contract'
import type { ConnectionState } from './websocket-transport'
import { createWebSocketTransport } from './websocket-transport'

export type { ConnectionState } from './websocket-transport'

declare global {
  interface Window {
    /** Present in the desktop app (exposed by the preload); absent in a browser. */
    readonly quorum?: QuorumApi
  }
}

const connectionListeners = new Set<(state: ConnectionState) => void>()
let connectionState: ConnectionState = window.quorum ? 'open' : 'connecting'

/**
 * The renderer's only way to the engine: the preload's `window.quorum` in the desktop app, or the
 * same contract over the serve WebSocket in a browser. Both are built from the shared contract.
 */
export const quorum: QuorumApi =
  window.quorum ??
  buildClient(
    createWebSocketTransport(window.location, (state) => {
      connectionState = state
      for (const l of connectionListeners) l(state)
    }),
  )

export const transportKind: 'ipc' | 'websocket' = window.quorum ? 'ipc' : 'websocket'

export function getConnectionState(): ConnectionState {
  return connectionState
}

export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  connectionListeners.add(listener)
  return () => connectionListeners.delete(listener)
}
