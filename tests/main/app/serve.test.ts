import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { AppInfo, LoadedBars } from '../../../src/shared/contract'
import type { Instrument } from '../../../src/shared/domain'
import { createEngine, type Engine, type RunningServer, startServer } from '../../../src/main/app'
import { ManualClock, silentLogger } from '../../../src/main/kernel'
import { connectClient } from '../../support/ws-client'

let engine: Engine
let server: RunningServer
const rendererDir = mkdtempSync(join(tmpdir(), 'quorum-renderer-'))

beforeAll(async () => {
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quorum</title>')
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}')
  writeFileSync(join(rendererDir, '..', 'secret.txt'), 'not for the browser')
  engine = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'quorum-serve-')), clock: new ManualClock(Date.parse('2026-11-21T12:00:00Z')), logger: silentLogger })
  server = await startServer({ engine, rendererDir, logger: silentLogger })
})

afterAll(async () => {
  await server.close()
  engine.close()
})

/** A raw GET, so the Host header can be set as an attacker's page would (fetch forbids it). */
function get(path: string, host = `127.0.0.1:${server.port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: host } }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('quorum serve', () => {
  it('prints a 127.0.0.1 URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/)
  })

  it('serves the page with its token, with a strict CSP and no referrer', async () => {
    const res = await get(`/?token=${server.token}`)
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Quorum</title>')
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    expect(res.headers['referrer-policy']).toBe('no-referrer')
  })

  it('refuses the page without its token', async () => {
    expect((await get('/')).status).toBe(403)
    expect((await get('/index.html?token=nope')).status).toBe(403)
  })

  it('serves bundle assets and nothing outside the bundle folder', async () => {
    expect((await get('/assets/app.js')).status).toBe(200)
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.body).not.toContain('not for the browser')
    }
  })

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    expect((await get(`/?token=${server.token}`, `evil.example:${server.port}`)).status).toBe(421)
  })

  it('answers contract calls over the WebSocket, bars as typed arrays', async () => {
    const client = await connectClient(`http://127.0.0.1:${server.port}`, server.token)
    const info = await client.call<AppInfo>('app.info', {})
    expect(info.ok && info.value.transport).toBe('websocket')
    const list = await client.call<Instrument[]>('instruments.list', {})
    const id = list.ok ? list.value[0]!.id : 0
    const bars = await client.call<LoadedBars>('bars.load', { instrumentId: id, timeframe: '1D', limit: 10 })
    expect(bars.ok && bars.value.bars.close).toBeInstanceOf(Float64Array)
    expect(bars.ok && bars.value.bars.close.length).toBe(10)
    client.close()
  })

  it('pushes events to connected clients', async () => {
    const client = await connectClient(`http://127.0.0.1:${server.port}`, server.token)
    await client.call('settings.update', { theme: 'light' })
    await expect.poll(() => client.events.map((e) => e.name)).toContain('settings')
    client.close()
  })

  it('answers a malformed message with an error instead of dropping the connection', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { headers: { Origin: `http://127.0.0.1:${server.port}` } })
    await new Promise((r) => ws.once('open', r))
    const reply = new Promise<Buffer>((r) => ws.once('message', r))
    ws.send(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]))
    expect((await reply).toString()).toContain('invalid-request')
    ws.close()
  })

  it('refuses a WebSocket without the token, from a foreign origin, or on another path', async () => {
    const origin = `http://127.0.0.1:${server.port}`
    await expect(connectClient(origin, '')).rejects.toThrow('403')
    await expect(connectClient(origin, server.token, { Origin: 'http://localhost.evil.example' })).rejects.toThrow('403')
    await expect(connectClient(origin, server.token, {})).rejects.toThrow('403')
  })
})
