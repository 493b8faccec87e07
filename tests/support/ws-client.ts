import WebSocket from 'ws'
import type { Result } from '../../src/shared/contract'
import { decodeFrame, encodeFrame, type ServerMessage, WS_PATH } from '../../src/shared/wire'

export interface TestClient {
  call<T = unknown>(method: string, request: unknown): Promise<Result<T>>
  events: Array<{ name: string; payload: unknown }>
  close(): void
}

/** A WebSocket client speaking the serve protocol, as the renderer's bridge does. */
export function connectClient(origin: string, token: string, headers: Record<string, string> = { Origin: origin }): Promise<TestClient> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}${WS_PATH}?token=${encodeURIComponent(token)}`, { headers })
  ws.binaryType = 'nodebuffer'
  const pending = new Map<number, (r: Result<unknown>) => void>()
  const events: Array<{ name: string; payload: unknown }> = []
  let next = 1
  ws.on('message', (data: Buffer) => {
    const msg = decodeFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as ServerMessage
    if (msg.type === 'reply') pending.get(msg.id)?.(msg.result)
    else events.push({ name: msg.name, payload: msg.payload })
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        call: <T>(method: string, request: unknown) =>
          new Promise<Result<T>>((r) => {
            const id = next++
            pending.set(id, r as (x: Result<unknown>) => void)
            ws.send(encodeFrame({ type: 'call', id, method, request }))
          }),
        events,
        close: () => ws.close(),
      }),
    )
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}
