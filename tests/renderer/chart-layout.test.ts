import { beforeEach, describe, expect, it } from 'vitest'
import { resetStore, useStore } from '../../src/renderer/app/store'
import {
  newIndicatorId,
  normalizeLayout,
  resolveInstrumentId,
  withActive,
  withChartType,
  withGrid,
  withIndicatorAdded,
  withIndicatorChanged,
  withIndicatorRemoved,
} from '../../src/renderer/app/store/chart-layout'
import type { ChartLayout } from '../../src/shared/contract'
import { ChartLayout as ChartLayoutSchema, DEFAULT_CHART_LAYOUT } from '../../src/shared/contract'
import type { Instrument, InstrumentId } from '../../src/shared/domain'

const id = (n: number) => n as InstrumentId
const inst = (n: number, symbol: string): Instrument =>
  ({ id: id(n), symbol, name: symbol, exchange: 'X', currency: 'USD', assetClass: 'stock', tickSize: 0.01, timeZone: 'America/New_York', session: '09:30-16:00', isDemo: true })

const one: ChartLayout = { grid: '1', active: 0, charts: [{ instrumentId: id(3), timeframe: '1h', chartType: 'bars', indicators: [{ id: 'rsi-1', name: 'RSI', params: { period: 14 }, visible: true }] }] }

beforeEach(resetStore)

describe('chart layout changes', () => {
  it('grows the grid with copies of the active chart, without its indicators', () => {
    const two = withGrid(one, '2', id(3))
    expect(two.grid).toBe('2')
    expect(two.charts[1]).toEqual({ instrumentId: id(3), timeframe: '1h', chartType: 'bars', indicators: [] })
    expect(ChartLayoutSchema.safeParse(two).success).toBe(true)
  })

  it('gives a copied chart the instrument on screen when the active one had none chosen', () => {
    const unset: ChartLayout = { ...one, charts: [{ ...one.charts[0]!, instrumentId: null }] }
    expect(withGrid(unset, '2', id(7)).charts[1]?.instrumentId).toBe(id(7))
  })

  it('keeps charts hidden by a smaller grid and brings them back', () => {
    const four = withActive(withGrid(withChartType(withGrid(one, '2', id(3)), 1, 'line'), '4', id(3)), 3)
    expect(four.charts).toHaveLength(4)
    const single = withGrid(four, '1', id(3))
    expect(single.active).toBe(0)
    expect(single.charts).toHaveLength(4)
    expect(withGrid(single, '2', id(3)).charts[1]?.chartType).toBe('line')
  })

  it('activates only a chart the grid shows', () => {
    const two = withGrid(one, '2', id(3))
    expect(withActive(two, 1).active).toBe(1)
    expect(withActive(two, 2)).toBe(two)
    expect(withActive(two, -1)).toBe(two)
  })

  it('returns the same layout when a change changes nothing', () => {
    expect(withChartType(one, 0, 'bars')).toBe(one)
    expect(withChartType(one, 5, 'line')).toBe(one)
    expect(withIndicatorRemoved(one, 0, 'nope')).toBe(one)
  })

  it('adds, edits, hides and removes indicators by id', () => {
    const added = withIndicatorAdded(one, 0, { id: 'sma-1', name: 'SMA', params: { period: 20 }, visible: true })
    const edited = withIndicatorChanged(added, 0, 'sma-1', { params: { period: 50 }, visible: false })
    expect(edited.charts[0]?.indicators[1]).toEqual({ id: 'sma-1', name: 'SMA', params: { period: 50 }, visible: false })
    expect(withIndicatorRemoved(edited, 0, 'rsi-1').charts[0]?.indicators.map((i) => i.id)).toEqual(['sma-1'])
    expect(withIndicatorAdded(added, 0, { id: 'sma-1', name: 'SMA', params: {}, visible: true })).toBe(added)
  })

  it('holds at most 16 indicators on a chart', () => {
    let layout = one
    for (let i = 0; i < 20; i++) layout = withIndicatorAdded(layout, 0, { id: `x-${i}`, name: 'SMA', params: {}, visible: true })
    expect(layout.charts[0]?.indicators).toHaveLength(16)
    expect(ChartLayoutSchema.safeParse(layout).success).toBe(true)
  })

  it('names a new indicator after its indicator with the first free number', () => {
    const chart = withIndicatorAdded(one, 0, { id: 'rsi-2', name: 'RSI', params: {}, visible: true }).charts[0]!
    expect(newIndicatorId(chart, 'RSI')).toBe('rsi-3')
    expect(newIndicatorId(chart, 'MACD')).toBe('macd-1')
    expect(newIndicatorId(chart, 'LINEARREG_SLOPE')).toBe('linearreg_slope-1')
  })

  it('shows the first listed instrument for a chart whose instrument is gone', () => {
    const list = [inst(1, 'A'), inst(2, 'B')]
    expect(resolveInstrumentId(list, id(2))).toBe(2)
    expect(resolveInstrumentId(list, id(9))).toBe(1)
    expect(resolveInstrumentId(list, null)).toBe(1)
    expect(resolveInstrumentId([], null)).toBeNull()
  })

  it('repairs a layout with too few charts for its grid or an active chart out of it', () => {
    const repaired = normalizeLayout({ grid: '4', active: 3, charts: [one.charts[0]!] } as ChartLayout)
    expect(repaired.charts).toHaveLength(4)
    expect(repaired.active).toBe(3)
    expect(normalizeLayout({ grid: '1', active: 2, charts: one.charts } as ChartLayout).active).toBe(0)
  })
})

describe('the store’s chart layout', () => {
  it('waits for the saved layout and then follows its active chart', () => {
    useStore.getState().setInstruments([inst(1, 'A'), inst(3, 'C')])
    expect(useStore.getState().instrumentId).toBeNull()
    useStore.getState().restoreLayout(withActive(withGrid(one, '2', id(3)), 0))
    expect(useStore.getState().instrumentId).toBe(3)
    expect(useStore.getState().timeframe).toBe('1h')
  })

  it('acts on the active chart: instrument, timeframe, type', () => {
    useStore.getState().setInstruments([inst(1, 'A'), inst(3, 'C')])
    useStore.getState().restoreLayout(withGrid(one, '2', id(3)))
    useStore.getState().setActiveChart(1)
    useStore.getState().selectInstrument(id(1))
    useStore.getState().selectTimeframe('5m')
    const { layout, instrumentId, timeframe } = useStore.getState()
    expect(layout.charts[0]).toEqual(one.charts[0])
    expect(layout.charts[1]).toMatchObject({ instrumentId: 1, timeframe: '5m' })
    expect([instrumentId, timeframe]).toEqual([1, '5m'])
  })

  it('lets the settings’ selection stand until a saved layout arrives, and not after', () => {
    useStore.getState().setInstruments([inst(1, 'A'), inst(3, 'C')])
    useStore.getState().restoreSelection(id(1), '1W')
    expect(useStore.getState().layout.charts[0]).toMatchObject({ instrumentId: 1, timeframe: '1W' })
    useStore.getState().restoreLayout(one)
    useStore.getState().restoreSelection(id(1), '1W')
    expect(useStore.getState().layout).toEqual(one)
    expect(useStore.getState().instrumentId).toBe(3)
  })

  it('adds an indicator to a chart and answers its id', () => {
    useStore.getState().restoreLayout(DEFAULT_CHART_LAYOUT)
    expect(useStore.getState().addIndicator(0, 'RSI', { period: 9 })).toBe('rsi-1')
    expect(useStore.getState().addIndicator(0, 'RSI', { period: 21 })).toBe('rsi-2')
    expect(useStore.getState().addIndicator(3, 'RSI', {})).toBeNull()
    expect(useStore.getState().layout.charts[0]?.indicators.map((i) => i.params.period)).toEqual([9, 21])
  })
})
