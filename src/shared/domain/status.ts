export type EngineState = 'starting' | 'ready' | 'error'
export type DataState = 'empty' | 'generating-demo' | 'ready' | 'error'
export type BrokerState = 'not-configured' | 'disconnected' | 'connecting' | 'ready' | 'degraded'

/** What the status bar shows; pushed whenever any part changes. */
export interface EngineStatus {
  readonly engine: EngineState
  readonly data: DataState
  readonly broker: BrokerState
  /** One plain sentence for the trader, e.g. why the store is in error. */
  readonly message: string
}
