import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import type { Result } from '../../shared/contract'
import { err } from '../../shared/contract'
import { CONTENT_SECURITY_POLICY } from '../../shared/security'
import { decodeFrame, encodeFrame, WS_PATH } from '../../shared/wire'
import type { Logger } from '../kernel'
import type { Engine } from './engine'
import { readStaticFile } from './static-files'

/** Only this machine may connect: the engine trades a real account. */
export const SERVE_HOST = '127.0.0.1'

export interface ServeOptions {
  readonly engine: Engine
  readonly rendererDir: string
  readonly logger: Logger
  /** 0 picks a free port. */
  readonly port?: number
  /** A fixed token (tests); otherwise 32 random bytes per start. */
  readonly token?: string
}

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

const CallMessage = z.object({ type: z.literal('call'), id: z.number().int(), method: z.string().max(200), request: z.unknown() })


const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The token is in the page's URL: never send it to anyone in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

const REFUSED_PAGE = `<!doctype html><meta charset="utf-8"><title>Quorum</title>
<body style="font:15px system-ui;background:#111418;color:#d7dde4;padding:3em">
<h1 style="font-size:20px">This Quorum engine needs its access token.</h1>
<p>Open the full address that <code>quorum serve</code> printed when it started, including <code>?token=…</code>.
The token changes each time the engine starts.</p></body>`

/**
 * Serves the renderer bundle and the contract over a WebSocket on 127.0.0.1 only. Every start
 * prints a new random token in the URL; the page and the socket refuse a wrong or missing token,
 * a foreign Origin, or a Host header other than this address (DNS rebinding).
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { engine, logger } = options
  const token = options.token ?? randomBytes(32).toString('base64url')
  let port = 0
  const allowedHosts = (): string[] => [`${SERVE_HOST}:${port}`, `localhost:${port}`]
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`)

  const refuse = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' })
    res.end(body)
  }

  const handleHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(res, 421, 'Unknown host.\n')
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.\n')
    const url = new URL(req.url ?? '/', `http://${SERVE_HOST}`)
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!sameSecret(url.searchParams.get('token') ?? '', token)) return refuse(res, 403, REFUSED_PAGE, 'text/html; charset=utf-8')
    }
    const file = await readStaticFile(options.rendererDir, url.pathname)
    if (!file) return refuse(res, 404, 'Not found.\n')
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': file.body.byteLength,
      'Cache-Control': file.contentType.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((e: unknown) => {
      logger.error('http request failed', { url: req.url, error: String(e) })
      if (!res.headersSent) refuse(res, 500, 'Internal error.\n')
    })
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 })

  const rejectUpgrade = (socket: Duplex, status: number, reason: string): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${SERVE_HOST}`)
    const origin = req.headers.origin ?? ''
    if (url.pathname !== WS_PATH) return rejectUpgrade(socket, 404, 'Not Found')
    if (!allowedHosts().includes(req.headers.host ?? '')) return rejectUpgrade(socket, 421, 'Misdirected Request')
    if (!allowedOrigins().includes(origin) || !sameSecret(url.searchParams.get('token') ?? '', token)) {
      logger.warn('refused a WebSocket connection', { origin, tokenGiven: url.searchParams.has('token') })
      return rejectUpgrade(socket, 403, 'Forbidden')
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws: WebSocket) => {
    const send = (message: unknown): void => {
      if (ws.readyState === ws.OPEN) ws.send(encodeFrame(message))
    }
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let id = -1
        let result: Result<unknown>
        try {
          if (!isBinary) throw new Error('text frames are not part of the protocol')
          const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
          const call = CallMessage.parse(decodeFrame(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)))
          id = call.id
          result = await engine.dispatch(call.method, call.request, { transport: 'websocket' })
        } catch (e) {
          result = err('invalid-request', `Malformed message: ${e instanceof Error ? e.message : String(e)}`)
        }
        send({ type: 'reply', id, result })
      })()
    })
  })

  const subscription = engine.events.subscribe((name, payload) => {
    const frame = encodeFrame({ type: 'event', name, payload })
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame)
  })

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, SERVE_HOST, () => resolvePromise())
  })
  port = (server.address() as AddressInfo).port
  const url = `http://${SERVE_HOST}:${port}/?token=${token}`

  return {
    url,
    port,
    token,
    close: async () => {
      subscription.dispose()
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
