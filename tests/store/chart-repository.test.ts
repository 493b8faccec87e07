import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ChartLayout, DEFAULT_CHART_LAYOUT, type DrawingId } from '../../src/shared/contract'
import type { InstrumentId } from '../../src/shared/domain'
import { ManualClock, silentLogger } from '../../src/main/kernel'
import type { Store } from '../../src/main/store'
import { openStore } from '../../src/main/store'
import { ACME, makeTempDir } from './store-fixture'

const T0 = Date.parse('2026-03-02T10:00:00Z')

let dir: string
let cleanup: () => void
let store: Store
let clock: ManualClock
let acme: InstrumentId

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir())
  clock = new ManualClock(T0)
  store = openStore({ file: `${dir}/quorum.db`, logger: silentLogger, clock })
  acme = store.instruments.upsert(ACME).id
})
afterEach(() => {
  store.close()
  cleanup()
})

const twoCharts = (instrumentId: InstrumentId): ChartLayout => ({
  grid: '2',
  active: 1,
  charts: [
    { instrumentId, timeframe: '1D', chartType: 'candles', indicators: [{ id: 'a1', name: 'SMA', params: { period: 50 }, visible: true }] },
    { instrumentId: null, timeframe: '5m', chartType: 'heikin-ashi', indicators: [] },
  ],
})

describe('chart layouts', () => {
  it('has no layout until one is saved', () => {
    expect(store.charts.getLayout('main')).toBeUndefined()
  })

  it('saves a layout and reads it back, stamped by the clock', () => {
    expect(store.charts.saveLayout('main', twoCharts(acme))).toBe(T0)
    expect(store.charts.getLayout('main')).toEqual(twoCharts(acme))
  })

  it('replaces the layout saved under the same id and keeps others apart', () => {
    store.charts.saveLayout('main', twoCharts(acme))
    store.charts.saveLayout('second-window', DEFAULT_CHART_LAYOUT)
    clock.set(T0 + 5000)
    store.charts.saveLayout('main', DEFAULT_CHART_LAYOUT)
    expect(store.charts.getLayout('main')).toEqual(DEFAULT_CHART_LAYOUT)
    expect(store.charts.getLayout('second-window')).toEqual(DEFAULT_CHART_LAYOUT)
  })

  it('refuses to store a layout that does not validate', () => {
    const bad = { ...twoCharts(acme), active: 3 } as ChartLayout
    expect(() => store.charts.saveLayout('main', bad)).toThrow(/active/)
    expect(store.charts.getLayout('main')).toBeUndefined()
  })

  it('reads a stored layout that no longer validates as missing', () => {
    store.close()
    const db = new Database(`${dir}/quorum.db`)
    db.prepare('INSERT INTO chart_layouts (id, data, updated_at) VALUES (?, ?, ?)').run('main', JSON.stringify({ grid: '9', charts: [] }), T0)
    db.close()
    store = openStore({ file: `${dir}/quorum.db`, logger: silentLogger, clock })
    expect(store.charts.getLayout('main')).toBeUndefined()
  })
})

describe('chart drawings', () => {
  it('adds drawings per instrument, oldest first, with both timestamps from the clock', () => {
    const line = store.charts.addDrawing(acme, { kind: 'horizontal-line', data: { price: 101.25 } })
    clock.set(T0 + 1000)
    const trend = store.charts.addDrawing(acme, { kind: 'trend-line', data: { from: { time: 1_700_000_000, price: 100 }, to: { time: 1_700_086_400, price: 104.5 } } })
    expect(line).toMatchObject({ instrumentId: acme, kind: 'horizontal-line', data: { price: 101.25 }, createdAt: T0, updatedAt: T0 })
    expect(trend.createdAt).toBe(T0 + 1000)
    expect(store.charts.listDrawings(acme)).toEqual([line, trend])
  })

  it('lists only the instrument asked for', () => {
    const other = store.instruments.upsert({ ...ACME, symbol: 'OTHER' }).id
    store.charts.addDrawing(other, { kind: 'horizontal-line', data: { price: 1 } })
    expect(store.charts.listDrawings(acme)).toEqual([])
    expect(store.charts.listDrawings(other)).toHaveLength(1)
  })

  it('updates a drawing in place, keeping when it was created', () => {
    const line = store.charts.addDrawing(acme, { kind: 'horizontal-line', data: { price: 10 } })
    clock.set(T0 + 60_000)
    const moved = store.charts.updateDrawing(line.id, acme, { kind: 'horizontal-line', data: { price: 12 } })
    expect(moved).toEqual({ ...line, data: { price: 12 }, updatedAt: T0 + 60_000 })
    expect(store.charts.listDrawings(acme)).toEqual([moved])
  })

  it('does not update a drawing through another instrument or an unknown id', () => {
    const other = store.instruments.upsert({ ...ACME, symbol: 'OTHER' }).id
    const line = store.charts.addDrawing(acme, { kind: 'horizontal-line', data: { price: 10 } })
    expect(store.charts.updateDrawing(line.id, other, { kind: 'horizontal-line', data: { price: 11 } })).toBeUndefined()
    expect(store.charts.updateDrawing(999 as DrawingId, acme, { kind: 'horizontal-line', data: { price: 11 } })).toBeUndefined()
    expect(store.charts.getDrawing(line.id)?.data).toEqual({ price: 10 })
  })

  it('deletes a drawing once', () => {
    const line = store.charts.addDrawing(acme, { kind: 'horizontal-line', data: { price: 10 } })
    expect(store.charts.deleteDrawing(line.id)).toBe(true)
    expect(store.charts.deleteDrawing(line.id)).toBe(false)
    expect(store.charts.listDrawings(acme)).toEqual([])
  })

  it('deletes an instrument’s drawings with the instrument', () => {
    store.charts.addDrawing(acme, { kind: 'horizontal-line', data: { price: 10 } })
    store.instruments.delete(acme)
    expect(store.charts.listDrawings(acme)).toEqual([])
  })

  it('refuses a drawing whose data does not fit its kind', () => {
    expect(() => store.charts.addDrawing(acme, { kind: 'trend-line', data: { price: 1 } } as never)).toThrow()
    expect(store.charts.listDrawings(acme)).toEqual([])
  })

  it('skips a stored drawing that no longer validates', () => {
    const good = store.charts.addDrawing(acme, { kind: 'horizontal-line', data: { price: 10 } })
    store.close()
    const db = new Database(`${dir}/quorum.db`)
    db.prepare('INSERT INTO chart_drawings (instrument_id, kind, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(acme, 'trend-line', '{"from":1}', T0, T0)
    db.close()
    store = openStore({ file: `${dir}/quorum.db`, logger: silentLogger, clock })
    expect(store.charts.listDrawings(acme)).toEqual([good])
  })
})
