import { describe, expect, it } from 'vitest'
import {
  compareStat,
  formatCompactMoney,
  formatDate,
  formatMoney,
  formatParam,
  formatPercent,
  formatStat,
  formatStatDifference,
  parseDateField,
} from '../../src/renderer/features/strategy-lab/stat-format'
import { binsFor, histogram } from '../../src/shared/stats'
import { splitPaths, toLineData } from '../../src/renderer/features/strategy-lab/series-data'

describe('statistics formatting', () => {
  it('shows returns, drawdown and win rate as percentages with 2 decimals', () => {
    expect(formatStat('totalReturn', 0.12345)).toBe('12.35%')
    expect(formatStat('maxDrawdown', 0.2)).toBe('20.00%')
    expect(formatStat('winRate', 0.5)).toBe('50.00%')
    expect(formatStat('annualReturn', -0.031)).toBe('\u22123.10%')
  })

  it('shows ratios with 2 decimals and money with 2 decimals and thousands separators', () => {
    expect(formatStat('sharpe', 1.23456)).toBe('1.23')
    expect(formatStat('profitFactor', 2)).toBe('2.00')
    expect(formatStat('finalEquity', 123456.789)).toBe('123,456.79')
    expect(formatMoney(-1234.5)).toBe('\u22121,234.50')
    expect(formatCompactMoney(1234.5)).toBe('+1.2K')
    expect(formatCompactMoney(-80)).toBe('\u221280')
  })

  it('shows counts whole and says what infinities and missing values are', () => {
    expect(formatStat('trades', 1234)).toBe('1,234')
    expect(formatStat('profitFactor', Infinity)).toBe('∞')
    expect(formatStat('sharpe', NaN)).toBe('—')
  })

  it('writes differences in the statistic’s unit, percentages as points', () => {
    expect(formatStatDifference('totalReturn', 0.1, 0.15)).toBe('+5.00 pp')
    expect(formatStatDifference('sharpe', 1.5, 1.2)).toBe('\u22120.30')
    expect(formatStatDifference('trades', 10, 10)).toBe('0')
  })

  it('knows which way is better for each statistic', () => {
    expect(compareStat('sharpe', 1, 2)).toBe(1)
    expect(compareStat('volatility', 0.1, 0.2)).toBe(-1)
    expect(compareStat('maxDrawdown', 0.3, 0.1)).toBe(1)
    expect(compareStat('maxDrawdown', -0.3, -0.1)).toBe(1)
    expect(compareStat('trades', 5, 50)).toBe(0)
  })

  it('formats parameters without float noise and reads date fields as UTC days', () => {
    expect(formatParam(10)).toBe('10')
    expect(formatParam(0.1 + 0.2)).toBe('0.3')
    expect(parseDateField('2024-03-01')).toBe(Date.UTC(2024, 2, 1) / 1000)
    expect(parseDateField('03/01/2024')).toBeUndefined()
    expect(formatDate(Date.UTC(2024, 2, 1) / 1000)).toBe('2024-03-01')
    expect(formatPercent(0.5, 0)).toBe('50%')
  })
})

describe('histograms', () => {
  it('counts finite values into equal bins, the maximum in the last one', () => {
    const h = histogram([0, 1, 2, 3, 4, NaN, Infinity], 2)
    expect(h.edges).toEqual([0, 2, 4])
    expect(h.counts).toEqual([2, 3])
    expect(h.total).toBe(5)
  })

  it('makes one narrow bin around values that are all equal, and none for no values', () => {
    expect(histogram([4, 4, 4], 10)).toEqual({ edges: [3.8, 4.2], counts: [3], total: 3 })
    expect(histogram([0.7, 0.7 + 1e-15, 0.7 - 1e-15], 10).counts).toEqual([3])
    expect(histogram([], 10).counts).toEqual([])
    expect(binsFor(4)).toBe(10)
    expect(binsFor(2000)).toBe(45)
  })
})

describe('chart series', () => {
  it('drops NaN values and keeps the last of points at the same time', () => {
    const data = toLineData(Float64Array.of(1, 2, 2, 3, 1), Float64Array.of(10, 20, 21, NaN, 5), 2)
    expect(data).toEqual([
      { time: 1, value: 20 },
      { time: 2, value: 42 },
    ])
  })

  it('splits the Monte Carlo paths into one array per path', () => {
    const paths = splitPaths(Float64Array.of(1, 2, 3, 4, 5, 6), 3)
    expect(paths.map((p) => Array.from(p))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ])
  })
})
