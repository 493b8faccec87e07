import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppInfo, LoadedBars, Result, Settings } from '../../../src/shared/contract'
import { METHOD_NAMES, methods } from '../../../src/shared/contract'
import type { EngineStatus, Instrument } from '../../../src/shared/domain'
import { createEngine, DATABASE_FILE, type Engine } from '../../../src/main/app'
import { ManualClock, silentLogger } from '../../../src/main/kernel'
import { StoreDamagedError } from '../../../src/main/store'

// Saturday 2026-11-21 12:00 UTC: the demo market ends on Friday's session.
const NOW = Date.parse('2026-11-21T12:00:00Z')

let engine: Engine
let dataDir: string

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}

const call = async <T>(name: string, request: unknown = {}): Promise<T> => value<T>(await engine.dispatch(name, request, { transport: 'ipc' }))

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'quorum-engine-'))
  engine = createEngine({ dataDir, clock: new ManualClock(NOW), logger: silentLogger })
})

afterEach(() => engine.close())

describe('engine', () => {
  it('has a request schema and a handler for every contract method', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(0)
    for (const name of METHOD_NAMES) {
      const [ns, m] = name.split('.') as [keyof typeof methods, string]
      const spec = (methods[ns] as Record<string, { request?: { safeParse?: unknown } }>)[m]
      expect(typeof spec?.request?.safeParse, `${name} schema`).toBe('function')
      expect(typeof (engine.handlers[ns] as Record<string, unknown>)[m], `${name} handler`).toBe('function')
    }
  })

  it('fills an empty store with the demo market and reports ready', async () => {
    const instruments = await call<Instrument[]>('instruments.list')
    expect(instruments.length).toBe(5)
    expect(instruments.every((i) => i.isDemo && i.symbol.startsWith('DEMO-'))).toBe(true)
    expect(await call<EngineStatus>('app.status')).toMatchObject({ engine: 'ready', data: 'ready', broker: 'not-configured' })
  })

  it('ends the demo market at the last completed session, never in the future', async () => {
    const [first] = await call<Instrument[]>('instruments.list')
    const daily = await call<LoadedBars>('bars.load', { instrumentId: first!.id, timeframe: '1D', limit: 1 })
    expect(new Date(daily.bars.time[0]! * 1000).toISOString().slice(0, 10)).toBe('2026-11-20')
    const minute = await call<LoadedBars>('bars.load', { instrumentId: first!.id, timeframe: '1m', limit: 1 })
    expect(minute.bars.time[0]! * 1000).toBeLessThan(NOW)
  })

  it('describes itself: version, files, native and SQLite versions, transport', async () => {
    const info = await call<AppInfo>('app.info')
    expect(info).toMatchObject({ name: 'Quorum', dataDir, databaseFile: join(dataDir, DATABASE_FILE), transport: 'ipc', nativeVersion: '0.1.0' })
    expect(info.sqliteVersion).toMatch(/^3\.\d+\.\d+$/)
  })

  it('serves stored daily bars and natively resampled weekly bars that agree with them', async () => {
    const [first] = await call<Instrument[]>('instruments.list')
    const daily = await call<LoadedBars>('bars.load', { instrumentId: first!.id, timeframe: '1D', limit: 100_000 })
    const weekly = await call<LoadedBars>('bars.load', { instrumentId: first!.id, timeframe: '1W', limit: 100_000 })
    expect(weekly.source).toBe('1D')
    expect(weekly.bars.time.length).toBeGreaterThan(250)
    // Every weekly bar starts on a Monday and its volume is the sum of its days.
    const last = weekly.bars.time.length - 1
    expect(new Date(weekly.bars.time[last]! * 1000).getUTCDay()).toBe(1)
    let volume = 0
    for (let i = 0; i < daily.bars.time.length; i++) if (daily.bars.time[i]! >= weekly.bars.time[last]!) volume += daily.bars.volume[i]!
    expect(weekly.bars.volume[last]).toBe(volume)
  })

  it('starts hourly bars at the 09:30 session open, in New York time', async () => {
    const [first] = await call<Instrument[]>('instruments.list')
    const hourly = await call<LoadedBars>('bars.load', { instrumentId: first!.id, timeframe: '1h', limit: 7 })
    expect(hourly.source).toBe('1m')
    const ny = (t: number): string => new Date(t * 1000).toLocaleTimeString('en-US', { timeZone: 'America/New_York', hour12: false, hour: '2-digit', minute: '2-digit' })
    expect(Array.from(hourly.bars.time, ny)).toEqual(['09:30', '10:30', '11:30', '12:30', '13:30', '14:30', '15:30'])
  })

  it('pages resampled bars back in time without gaps, overlaps or cut buckets', async () => {
    const [first] = await call<Instrument[]>('instruments.list')
    const all = await call<LoadedBars>('bars.load', { instrumentId: first!.id, timeframe: '15m', limit: 100_000 })
    const pages: number[] = []
    let before: number | undefined
    for (;;) {
      const page: LoadedBars = await call<LoadedBars>('bars.load', { instrumentId: first!.id, timeframe: '15m', limit: 100, before })
      pages.unshift(...Array.from(page.bars.close))
      if (!page.hasMore) break
      before = page.bars.time[0]
    }
    expect(pages).toEqual(Array.from(all.bars.close))
    expect(all.hasMore).toBe(false)
  })

  it('answers not-found for an unknown instrument, naming it', async () => {
    const result = await engine.dispatch('bars.load', { instrumentId: 999, timeframe: '1D' }, { transport: 'ipc' })
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'No instrument with id 999.' } })
  })

  it('persists settings and pushes them to every window', async () => {
    const pushed: unknown[] = []
    engine.events.subscribe((name, payload) => name === 'settings' && pushed.push(payload))
    const next = await call<Settings>('settings.update', { theme: 'light' })
    expect(next.theme).toBe('light')
    expect(pushed).toEqual([next])
    engine.close()
    engine = createEngine({ dataDir, clock: new ManualClock(NOW), logger: silentLogger })
    expect((await call<Settings>('settings.get')).theme).toBe('light')
  })

  it('refuses an invalid setting and keeps the stored one', async () => {
    const result = await engine.dispatch('settings.update', { theme: 'neon' }, { transport: 'ipc' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect((await call<Settings>('settings.get')).theme).toBe('dark')
  })
})

describe('engine start-up on a damaged file', () => {
  it('refuses to start, names the file, and leaves it untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quorum-engine-bad-'))
    const file = join(dir, DATABASE_FILE)
    const garbage = Buffer.alloc(8192, 0x5a)
    writeFileSync(file, garbage)
    expect(() => createEngine({ dataDir: dir, clock: new ManualClock(NOW), logger: silentLogger })).toThrow(StoreDamagedError)
    try {
      createEngine({ dataDir: dir, clock: new ManualClock(NOW), logger: silentLogger })
    } catch (e) {
      expect((e as Error).message).toContain(file)
    }
    expect(Buffer.compare(readFileSync(file), garbage)).toBe(0)
  })
})

describe('indicators through the contract', () => {
  it('lists the native library with parameters and outputs', async () => {
    const list = await call<Array<{ name: string; params: unknown[] }>>('indicators.list')
    expect(list.map((i) => i.name)).toContain('SMA')
  })

  it('computes over the whole history, so a window shows the same values as the full series', async () => {
    const [first] = await call<Instrument[]>('instruments.list')
    type Computed = { time: Float64Array; outputs: Record<string, Float64Array>; lookback: number }
    const full = await call<Computed>('indicators.compute', { instrumentId: first!.id, timeframe: '1D', name: 'SMA', params: { period: 20 }, limit: 100_000 })
    const window = await call<Computed>('indicators.compute', { instrumentId: first!.id, timeframe: '1D', name: 'SMA', params: { period: 20 }, limit: 50 })
    expect(window.time.length).toBe(50)
    expect(Number.isNaN(window.outputs.real![0])).toBe(false)
    expect(Array.from(window.outputs.real!)).toEqual(Array.from(full.outputs.real!.slice(-50)))
    const bars = await call<LoadedBars>('bars.load', { instrumentId: first!.id, timeframe: '1D', limit: 50 })
    expect(Array.from(window.time)).toEqual(Array.from(bars.bars.time))
  })

  it('answers a bad parameter with the indicator, the parameter and its range', async () => {
    const [first] = await call<Instrument[]>('instruments.list')
    const result = await engine.dispatch('indicators.compute', { instrumentId: first!.id, timeframe: '1D', name: 'SMA', params: { period: 1 } }, { transport: 'ipc' })
    expect(result).toEqual({ ok: false, error: { code: 'invalid-request', message: 'SMA period must be in 2–100000, got 1.' } })
  })
})

describe('daily and weekly bars for an instrument that has only intraday bars', () => {
  it('builds session days from minutes that equal the demo market’s own daily bars', async () => {
    const [alpha] = await call<Instrument[]>('instruments.list')
    const minutes = engine.store.bars.loadRange(alpha!.id, '1m', {})
    const { id: _alphaId, ...spec } = alpha!
    const intraday = engine.store.instruments.upsert({ ...spec, symbol: 'INTRA', name: 'Minutes only', isDemo: false })
    engine.store.bars.writeBars(intraday.id, '1m', minutes)

    const built = await call<LoadedBars>('bars.load', { instrumentId: intraday.id, timeframe: '1D', limit: 100 })
    const stored = await call<LoadedBars>('bars.load', { instrumentId: alpha!.id, timeframe: '1D', limit: built.bars.time.length })
    expect(built.source).toBe('1m')
    expect(built.bars.time.length).toBe(20)
    for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(Array.from(built.bars[field]), field).toEqual(Array.from(stored.bars[field]))
    }

    const weeks = await call<LoadedBars>('bars.load', { instrumentId: intraday.id, timeframe: '1W', limit: 100 })
    const storedWeeks = await call<LoadedBars>('bars.load', { instrumentId: alpha!.id, timeframe: '1W', limit: 2 })
    expect(weeks.source).toBe('1D')
    expect(Array.from(weeks.bars.close.slice(-2))).toEqual(Array.from(storedWeeks.bars.close))
    expect(Array.from(weeks.bars.time.slice(-2))).toEqual(Array.from(storedWeeks.bars.time))
  })
})
