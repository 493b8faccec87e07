import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChartLayout, Drawing, Result } from '../../../src/shared/contract'
import type { Instrument } from '../../../src/shared/domain'
import { createEngine, type Engine } from '../../../src/main/app'
import { ManualClock, silentLogger } from '../../../src/main/kernel'

const NOW = Date.parse('2026-11-21T12:00:00Z')

let engine: Engine
let dataDir: string
let clock: ManualClock
let instrument: Instrument

const dispatch = (name: string, request: unknown): Promise<Result<unknown>> => engine.dispatch(name, request, { transport: 'websocket' })
async function call<T>(name: string, request: unknown = {}): Promise<T> {
  const result = await dispatch(name, request)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'quorum-charts-'))
  clock = new ManualClock(NOW)
  engine = createEngine({ dataDir, clock, logger: silentLogger })
  instrument = (await call<Instrument[]>('instruments.list'))[0]!
})
afterEach(() => engine.close())

describe('charts.getLayout / saveLayout', () => {
  it('answers one chart with the settings’ last instrument and timeframe before any layout is saved', async () => {
    await call('settings.update', { lastInstrumentId: instrument.id, lastTimeframe: '1h' })
    expect(await call<ChartLayout>('charts.getLayout', { id: 'main' })).toEqual({
      grid: '1',
      active: 0,
      charts: [{ instrumentId: instrument.id, timeframe: '1h', chartType: 'candles', indicators: [] }],
    })
  })

  it('keeps a saved layout across a restart', async () => {
    const layout: ChartLayout = {
      grid: '4',
      active: 2,
      charts: [0, 1, 2, 3].map((i) => ({
        instrumentId: instrument.id,
        timeframe: i % 2 === 0 ? '1D' : '15m',
        chartType: i === 3 ? 'heikin-ashi' : 'candles',
        indicators: i === 2 ? [{ id: 'rsi-1', name: 'RSI', params: { period: 9 }, visible: false }] : [],
      })),
    }
    expect(await call('charts.saveLayout', { id: 'main', layout })).toEqual({ updatedAt: NOW })
    engine.close()
    engine = createEngine({ dataDir, clock, logger: silentLogger })
    expect(await call<ChartLayout>('charts.getLayout', { id: 'main' })).toEqual(layout)
  })

  it('refuses a layout whose active chart is outside its grid, naming the field', async () => {
    const result = await dispatch('charts.saveLayout', {
      id: 'main',
      layout: { grid: '2', active: 2, charts: [0, 1, 2].map(() => ({ instrumentId: null, timeframe: '1D', chartType: 'candles', indicators: [] })) },
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    if (!result.ok) expect(result.error.message).toContain('layout.active')
  })

  it('refuses unknown chart types, oversized indicator lists and stray fields', async () => {
    const chart = { instrumentId: null, timeframe: '1D', chartType: 'candles', indicators: [] }
    const tooMany = Array.from({ length: 17 }, (_, i) => ({ id: `i${i}`, name: 'SMA', params: {}, visible: true }))
    for (const layout of [
      { grid: '1', active: 0, charts: [{ ...chart, chartType: 'renko' }] },
      { grid: '1', active: 0, charts: [{ ...chart, indicators: tooMany }] },
      { grid: '1', active: 0, charts: [chart], extra: true },
    ]) {
      expect(await dispatch('charts.saveLayout', { id: 'main', layout })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
  })
})

describe('charts drawings', () => {
  it('saves, lists, updates and deletes a drawing, stamped by the engine’s clock', async () => {
    const line = await call<Drawing>('charts.saveDrawing', { instrumentId: instrument.id, kind: 'horizontal-line', data: { price: 123.45 } })
    expect(line).toMatchObject({ instrumentId: instrument.id, kind: 'horizontal-line', data: { price: 123.45 }, createdAt: NOW, updatedAt: NOW })
    clock.set(NOW + 30_000)
    const moved = await call<Drawing>('charts.saveDrawing', { id: line.id, instrumentId: instrument.id, kind: 'horizontal-line', data: { price: 120 } })
    expect(moved).toMatchObject({ id: line.id, createdAt: NOW, updatedAt: NOW + 30_000 })
    expect(await call<Drawing[]>('charts.listDrawings', { instrumentId: instrument.id })).toEqual([moved])
    expect(await call('charts.deleteDrawing', { id: line.id })).toEqual({ deleted: true })
    expect(await call('charts.deleteDrawing', { id: line.id })).toEqual({ deleted: false })
    expect(await call<Drawing[]>('charts.listDrawings', { instrumentId: instrument.id })).toEqual([])
  })

  it('stores a trend line by time and price, so every timeframe can draw it', async () => {
    const data = { from: { time: 1_763_000_000, price: 98.5 }, to: { time: 1_763_600_000, price: 104 } }
    const trend = await call<Drawing>('charts.saveDrawing', { instrumentId: instrument.id, kind: 'trend-line', data })
    expect(trend.data).toEqual(data)
  })

  it('answers not-found for a drawing on an unknown instrument or an unknown drawing id', async () => {
    expect(await dispatch('charts.saveDrawing', { instrumentId: 999, kind: 'horizontal-line', data: { price: 1 } })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No instrument with id 999 to draw on.' },
    })
    const result = await dispatch('charts.saveDrawing', { id: 77, instrumentId: instrument.id, kind: 'horizontal-line', data: { price: 1 } })
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('refuses data that does not fit the kind', async () => {
    const result = await dispatch('charts.saveDrawing', { instrumentId: instrument.id, kind: 'trend-line', data: { price: 1 } })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })
})
