import { methods } from './methods'
import type { EventName, EventPayload, MethodName, Namespace, QuorumApi, Unsubscribe } from './types'
import type { Result } from './result'

/** A transport: one function that calls a method by name, one that subscribes to events. */
export interface ClientTransport {
  invoke(name: MethodName, request: unknown): Promise<Result<unknown>>
  subscribe(name: EventName, listener: (payload: unknown) => void): Unsubscribe
}

/**
 * Builds `window.quorum` from the contract and a transport. Used by the preload (over IPC) and by
 * the renderer's WebSocket client, so both expose exactly the same, frozen surface.
 */
export function buildClient(transport: ClientTransport): QuorumApi {
  const api: Record<string, unknown> = {}
  for (const ns of Object.keys(methods) as Namespace[]) {
    const group: Record<string, unknown> = {}
    for (const m of Object.keys(methods[ns])) {
      const name = `${ns}.${m}` as MethodName
      group[m] = (request: unknown) => transport.invoke(name, request ?? {})
    }
    api[ns] = Object.freeze(group)
  }
  api.on = <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe =>
    transport.subscribe(name, listener as (payload: unknown) => void)
  return Object.freeze(api) as unknown as QuorumApi
}
