import { describe, expect, it } from 'vitest'
import { distanceToSegment, logicalToTime, roundToTick, timeToLogical } from '../../src/renderer/features/chart/drawing-geometry'
import { filterInstruments, filterIndicators } from '../../src/renderer/features/chart/chart-search'
import type { IndicatorInfo, Instrument, InstrumentId } from '../../src/shared/domain'

const DAY = 86_400
// Fri, Mon, Tue: a weekend between the first two bars.
const daily = new Float64Array([4 * DAY, 7 * DAY, 8 * DAY])

describe('drawings on any timeframe', () => {
  it('puts a bar’s own time on its index', () => {
    expect(timeToLogical(daily, 7 * DAY, DAY)).toBe(1)
  })

  it('puts a time between two bars between their indices, weekend or not', () => {
    expect(timeToLogical(daily, 5.5 * DAY, DAY)).toBeCloseTo(0.5, 12)
    expect(timeToLogical(daily, 7.25 * DAY, DAY)).toBeCloseTo(1.25, 12)
  })

  it('extrapolates past either end at the timeframe’s spacing', () => {
    expect(timeToLogical(daily, 10 * DAY, DAY)).toBe(4)
    expect(timeToLogical(daily, 2 * DAY, DAY)).toBe(-2)
    expect(logicalToTime(daily, 4, DAY)).toBe(10 * DAY)
    expect(logicalToTime(daily, -1, DAY)).toBe(3 * DAY)
  })

  it('reads the time of a clicked bar', () => {
    expect(logicalToTime(daily, 1.3, DAY)).toBe(7 * DAY)
  })

  it('has no place without bars', () => {
    expect(timeToLogical(new Float64Array(0), 1, DAY)).toBeNaN()
  })

  it('measures how far a click is from a trend line', () => {
    expect(distanceToSegment(5, 5, 0, 0, 10, 0)).toBe(5)
    expect(distanceToSegment(-3, 4, 0, 0, 10, 0)).toBe(5)
    expect(distanceToSegment(3, 3, 0, 0, 0, 0)).toBeCloseTo(Math.SQRT2 * 3, 12)
  })

  it('rounds a clicked price to the tick', () => {
    expect(roundToTick(101.23456, 0.01)).toBe(101.23)
    expect(roundToTick(4501.3, 0.25)).toBe(4501.25)
    expect(roundToTick(1.23456, 0)).toBe(1.23456)
  })
})

const inst = (id: number, symbol: string, name: string): Instrument =>
  ({ id: id as InstrumentId, symbol, name, exchange: 'NASDAQ', currency: 'USD', assetClass: 'stock', tickSize: 0.01, timeZone: 'America/New_York', session: '09:30-16:00', isDemo: false })

describe('symbol search', () => {
  const list = [inst(1, 'AAPL', 'Apple Inc'), inst(2, 'MSFT', 'Microsoft Corp'), inst(3, 'PAA', 'Plains All American'), inst(4, 'AMAT', 'Applied Materials')]

  it('ranks an exact symbol, then symbols starting with the text, then symbols and names containing it', () => {
    expect(filterInstruments(list, 'aa').map((i) => i.symbol)).toEqual(['AAPL', 'PAA'])
    expect(filterInstruments(list, 'appl').map((i) => i.symbol)).toEqual(['AAPL', 'AMAT'])
    expect(filterInstruments(list, 'micro').map((i) => i.symbol)).toEqual(['MSFT'])
  })

  it('lists everything for empty text and nothing for a miss', () => {
    expect(filterInstruments(list, ' ')).toHaveLength(4)
    expect(filterInstruments(list, 'zzz')).toEqual([])
  })
})

describe('indicator search', () => {
  const ind = (name: string, title: string, group: string): IndicatorInfo => ({ name, title, group, inputs: ['close'], params: [], outputs: ['real'], overlay: false, talib: true })
  const catalog = [
    ind('ADD', 'Vector Addition', 'Math Operators'),
    ind('RSI', 'Relative Strength Index', 'Momentum Indicators'),
    ind('SMA', 'Simple Moving Average', 'Overlap Studies'),
    ind('EMA', 'Exponential Moving Average', 'Overlap Studies'),
  ]

  it('groups everything when nothing is typed, moving averages first and maths last', () => {
    expect(filterIndicators(catalog, '').map((g) => [g.group, g.items.map((i) => i.name)])).toEqual([
      ['Overlap Studies', ['EMA', 'SMA']],
      ['Momentum Indicators', ['RSI']],
      ['Math Operators', ['ADD']],
    ])
  })

  it('finds by name or title', () => {
    expect(filterIndicators(catalog, 'rsi').flatMap((g) => g.items.map((i) => i.name))).toEqual(['RSI'])
    expect(filterIndicators(catalog, 'moving').flatMap((g) => g.items.map((i) => i.name))).toEqual(['EMA', 'SMA'])
  })
})
