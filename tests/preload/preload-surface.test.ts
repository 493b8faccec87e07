import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { EVENT_CHANNEL, methods } from '../../src/shared/contract'

/**
 * Runs the real preload bundle (out/preload/index.cjs, built by `npm run build`) in a fresh VM
 * context whose `require('electron')` records what the preload exposes and sends.
 */
function loadPreload() {
  const exposed: Array<[string, unknown]> = []
  const invoked: Array<[string, unknown]> = []
  const ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>()
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
    ipcRenderer: {
      invoke: (channel: string, payload: unknown) => {
        invoked.push([channel, payload])
        return Promise.resolve({ ok: true, value: channel })
      },
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => ipcListeners.set(channel, listener),
    },
  }
  const requireInPreload = (name: string): unknown => {
    if (name === 'electron') return electron
    throw new Error(`the sandboxed preload required "${name}"`)
  }
  const code = readFileSync(join(process.cwd(), 'out/preload/index.cjs'), 'utf8')
  const module = { exports: {} }
  runInNewContext(code, { require: requireInPreload, module, exports: module.exports, console })
  return { exposed, invoked, ipcListeners }
}

describe('preload', () => {
  it('exposes exactly one global, `quorum`, and requires nothing but electron', () => {
    const { exposed } = loadPreload()
    expect(exposed.map(([key]) => key)).toEqual(['quorum'])
  })

  it('exposes exactly the contract: every namespace and method, plus `on`, nothing else', () => {
    const api = loadPreload().exposed[0]![1] as Record<string, Record<string, unknown>>
    expect(Object.keys(api).sort()).toEqual([...Object.keys(methods), 'on'].sort())
    for (const [ns, group] of Object.entries(methods)) {
      expect(Object.keys(api[ns]!).sort()).toEqual(Object.keys(group).sort())
    }
  })

  it('sends each method on its own channel with the request unchanged', async () => {
    const { exposed, invoked } = loadPreload()
    const api = exposed[0]![1] as { bars: { load: (r: unknown) => Promise<unknown> } }
    const result = await api.bars.load({ instrumentId: 1, timeframe: '1D' })
    expect(invoked).toEqual([['bars.load', { instrumentId: 1, timeframe: '1D' }]])
    expect(result).toEqual({ ok: true, value: 'bars.load' })
  })

  it('delivers known push events to subscribers until they unsubscribe, and drops unknown ones', () => {
    const { exposed, ipcListeners } = loadPreload()
    const api = exposed[0]![1] as { on: (name: string, l: (p: unknown) => void) => () => void }
    const seen: unknown[] = []
    const stop = api.on('status', (p) => seen.push(p))
    const deliver = ipcListeners.get(EVENT_CHANNEL)!
    deliver({}, 'status', { engine: 'ready' })
    deliver({}, 'not-an-event', { x: 1 })
    stop()
    deliver({}, 'status', { engine: 'error' })
    expect(seen).toEqual([{ engine: 'ready' }])
  })
})
