import type { ClientTransport, EventName, MethodName, Result, Unsubscribe } from '../../shared/contract'
import { err } from '../../shared/contract'
import type { ServerMessage } from '../../shared/wire'
import { decodeFrame, encodeFrame, WS_PATH } from '../../shared/wire'

export type ConnectionState = 'connecting' | 'open' | 'closed'

/**
 * The contract over a WebSocket to `quorum serve`. The token comes from the page's URL (the
 * server printed it); calls made before the socket opens wait for it; a lost socket fails every
 * pending call with `unavailable` and reconnects with back-off.
 */
export function createWebSocketTransport(
  location: { host: string; protocol: string; search: string },
  onState: (state: ConnectionState) => void,
): ClientTransport {
  const token = new URLSearchParams(location.search).get('token') ?? ''
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1
  let socket: WebSocket | null = null
  let opened: Promise<WebSocket> | null = null
  let retryMs = 250

  const connect = (): Promise<WebSocket> => {
    onState('connecting')
    return new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.binaryType = 'arraybuffer'
      ws.onopen = () => {
        socket = ws
        retryMs = 250
        onState('open')
        resolve(ws)
      }
      ws.onmessage = (ev: MessageEvent<ArrayBuffer>) => {
        const msg = decodeFrame(new Uint8Array(ev.data)) as ServerMessage
        if (msg.type === 'reply') {
          pending.get(msg.id)?.(msg.result)
          pending.delete(msg.id)
        } else {
          for (const listener of listeners.get(msg.name) ?? []) listener(msg.payload)
        }
      }
      ws.onclose = () => {
        socket = null
        opened = null
        for (const settle of pending.values()) settle(err('unavailable', 'The connection to the Quorum engine was lost; retrying.'))
        pending.clear()
        onState('closed')
        reject(new Error('closed'))
        setTimeout(() => {
          opened = connect()
          opened.catch(() => undefined)
        }, retryMs)
        retryMs = Math.min(retryMs * 2, 5000)
      }
    })
  }

  const ready = (): Promise<WebSocket> => {
    if (socket) return Promise.resolve(socket)
    opened ??= connect()
    return opened
  }

  return {
    async invoke(name: MethodName, request: unknown): Promise<Result<unknown>> {
      let ws: WebSocket
      try {
        ws = await ready()
      } catch {
        return err('unavailable', 'Cannot reach the Quorum engine: is `quorum serve` still running, and is the token in the address bar current?')
      }
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        ws.send(encodeFrame({ type: 'call', id, method: name, request }))
      })
    },
    subscribe(name: EventName, listener: (payload: unknown) => void): Unsubscribe {
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      set.add(listener)
      void ready().catch(() => undefined)
      return () => set.delete(listener)
    },
  }
}
