import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../../src/shared/contract'
import { EVENT_CHANNEL, METHOD_NAMES } from '../../../src/shared/contract'
import { createEngine, type Engine } from '../../../src/main/app'
import { ManualClock, silentLogger } from '../../../src/main/kernel'
import { bindIpc, type IpcMainLike } from '../../../src/main/shell/ipc-binding'

type Handler = Parameters<IpcMainLike['handle']>[1]

let engine: Engine
const handlers = new Map<string, Handler>()
const sent: unknown[][] = []
const ipcMain: IpcMainLike = {
  handle: (channel, listener) => handlers.set(channel, listener),
  removeHandler: (channel) => handlers.delete(channel),
}
const TRUSTED = 'file:///opt/quorum/out/renderer/index.html'

beforeAll(() => {
  engine = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'quorum-ipc-')), clock: new ManualClock(Date.parse('2026-11-21T12:00:00Z')), logger: silentLogger })
})
afterAll(() => engine.close())

describe('IPC binding', () => {
  it('binds every contract method, on the real engine, and unbinds them on dispose', async () => {
    const binding = bindIpc(ipcMain, engine, (url) => url === TRUSTED, () => [{ send: (...args: unknown[]) => sent.push(args) }])
    expect([...handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort())
    const result: Result<unknown> = await handlers.get('app.status')!({ senderFrame: { url: TRUSTED } }, {})
    expect(result).toMatchObject({ ok: true, value: { engine: 'ready' } })
    binding.dispose()
    expect(handlers.size).toBe(0)
  })

  it('refuses a call from a page that is not the app', async () => {
    const binding = bindIpc(ipcMain, engine, (url) => url === TRUSTED, () => [])
    const result = await handlers.get('settings.update')!({ senderFrame: { url: 'https://example.com/' } }, { theme: 'light' })
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect((await handlers.get('settings.get')!({ senderFrame: null }, {})).ok).toBe(false)
    expect(engine.store.settings.get().theme).toBe('dark')
    binding.dispose()
  })

  it('forwards push events to every window on the event channel', async () => {
    sent.length = 0
    const binding = bindIpc(ipcMain, engine, () => true, () => [{ send: (...args: unknown[]) => sent.push(args) }])
    await handlers.get('settings.update')!({ senderFrame: { url: TRUSTED } }, { theme: 'light' })
    expect(sent).toContainEqual([EVENT_CHANNEL, 'settings', expect.objectContaining({ theme: 'light' })])
    binding.dispose()
  })
})
