import type { BrokerState, DataState, EngineState } from '../../shared/domain'
import type { ConnectionState } from '../bridge'

/** The colour of a status dot: ok (green), busy (amber), bad (red), idle (grey). */
export type Tone = 'ok' | 'busy' | 'bad' | 'idle'

interface Shown {
  readonly tone: Tone
  readonly text: string
}

export const ENGINE_SHOWN: Record<EngineState, Shown> = {
  starting: { tone: 'busy', text: 'starting' },
  ready: { tone: 'ok', text: 'ready' },
  error: { tone: 'bad', text: 'error' },
}

export const DATA_SHOWN: Record<DataState, Shown> = {
  empty: { tone: 'idle', text: 'empty' },
  'generating-demo': { tone: 'busy', text: 'generating demo market' },
  ready: { tone: 'ok', text: 'ready' },
  error: { tone: 'bad', text: 'error' },
}

export const BROKER_SHOWN: Record<BrokerState, Shown> = {
  'not-configured': { tone: 'idle', text: 'not configured' },
  disconnected: { tone: 'bad', text: 'disconnected' },
  connecting: { tone: 'busy', text: 'connecting' },
  ready: { tone: 'ok', text: 'connected' },
  degraded: { tone: 'busy', text: 'degraded' },
}

export const CONNECTION_SHOWN: Record<ConnectionState, Shown> = {
  connecting: { tone: 'busy', text: 'connecting' },
  open: { tone: 'ok', text: 'connected' },
  closed: { tone: 'bad', text: 'disconnected, retrying' },
}

/** Before the first status arrives. */
export const PENDING: Shown = { tone: 'idle', text: '…' }
/** While the link to the engine is down. */
export const UNKNOWN: Shown = { tone: 'idle', text: 'unknown' }
export const UNREACHABLE: Shown = { tone: 'bad', text: 'unreachable' }
