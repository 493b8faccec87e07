import { describe, expect, it } from 'vitest'
import type { ProfileStats, TradeColumns } from '../../src/shared/contract'
import { backtestingPyStats, indicatorWarmup } from '../../src/main/backtest'
import { compileStrategy } from '../../src/main/strategy'
import { formatProfileStat } from '../../src/shared/stats'
import { seededRandomWalk } from '../support/seeded-bars'

const DAY = 86_400
/** Monday 2024-01-01, 00:00 UTC. */
const MONDAY = 1_704_067_200

interface Trade {
  side: 1 | -1
  entry: number
  entryPrice: number
  exit: number
  exitPrice: number
  quantity: number
  commission?: number
}

function columns(rows: readonly Trade[]): TradeColumns {
  const f = (pick: (r: Trade) => number): Float64Array => Float64Array.from(rows.map(pick))
  return {
    instrument: new Int32Array(rows.length),
    side: Int8Array.from(rows.map((r) => r.side)),
    entryTime: f((r) => r.entry),
    entryPrice: f((r) => r.entryPrice),
    exitTime: f((r) => r.exit),
    exitPrice: f((r) => r.exitPrice),
    quantity: f((r) => r.quantity),
    pnl: f((r) => r.side * r.quantity * (r.exitPrice - r.entryPrice) - (r.commission ?? 0)),
    commission: f((r) => r.commission ?? 0),
    mae: new Float64Array(rows.length),
    mfe: new Float64Array(rows.length),
    barsHeld: new Int32Array(rows.length),
    exitReason: new Uint8Array(rows.length),
  }
}

const value = (stats: ProfileStats, label: string): number | null => {
  const stat = stats.stats.find((s) => s.label === label)
  if (!stat) throw new Error(`no ${label} in ${stats.stats.map((s) => s.label).join(', ')}`)
  return stat.value
}

describe("backtesting.py's statistics over a hand-worked run", () => {
  // Five weekdays; one long trade from the second bar's open to the last bar's.
  const time = [0, 1, 2, 3, 4].map((d) => MONDAY + d * DAY)
  const equity = [100, 110, 99, 99, 121]
  const close = [10, 11, 12, 11, 12]
  const trades = columns([{ side: 1, entry: time[1] as number, entryPrice: 11, exit: time[4] as number, exitPrice: 12, quantity: 1 }])
  const stats = backtestingPyStats({ time, equity, close, trades, warmupBars: 1, riskFreeRate: 0 })

  it('counts the bars held, both ends included, over every bar', () => {
    expect(value(stats, 'Exposure Time [%]')).toBeCloseTo(80, 12)
    expect(value(stats, 'Return [%]')).toBeCloseTo(21, 12)
    // From the warm-up bar's close, 11, to the last, 12.
    expect(value(stats, 'Buy & Hold Return [%]')).toBeCloseTo((1 / 11) * 100, 12)
  })

  it('annualises the geometric mean of daily returns over 252 days, the first (undefined) day counted as 0', () => {
    const r = [0.1, -0.1, 0, 121 / 99 - 1]
    const g = Math.exp(r.reduce((s, x) => s + Math.log(1 + x), 0) / 5) - 1
    const annual = (1 + g) ** 252 - 1
    expect(value(stats, 'Return (Ann.) [%]')).toBeCloseTo(annual * 100, 9)
    const m = r.reduce((s, x) => s + x, 0) / 4
    const variance = r.reduce((s, x) => s + (x - m) ** 2, 0) / 3
    const volatility = Math.sqrt((variance + (1 + g) ** 2) ** 252 - (1 + g) ** 504)
    expect(value(stats, 'Volatility (Ann.) [%]')).toBeCloseTo(volatility * 100, 6)
    expect(value(stats, 'Sharpe Ratio')).toBeCloseTo(annual / volatility, 9)
    const downside = Math.sqrt((0.1 ** 2) / 4)
    expect(value(stats, 'Sortino Ratio')).toBeCloseTo(annual / (downside * Math.sqrt(252)), 9)
    expect(value(stats, 'Calmar Ratio')).toBeCloseTo(annual / 0.1, 9)
    // 0.6.5 divides calendar days (4) by 252 to get years.
    expect(value(stats, 'CAGR [%]')).toBeCloseTo((1.21 ** (252 / 4) - 1) * 100, 6)
  })

  it('measures a drawdown period between two peaks, and the trade by its return net of costs', () => {
    expect(value(stats, 'Max. Drawdown [%]')).toBeCloseTo(-10, 12)
    expect(value(stats, 'Avg. Drawdown [%]')).toBeCloseTo(-10, 12)
    expect(value(stats, 'Max. Drawdown Duration')).toBe(3 * DAY)
    expect(value(stats, '# Trades')).toBe(1)
    expect(value(stats, 'Win Rate [%]')).toBe(100)
    expect(value(stats, 'Expectancy [%]')).toBeCloseTo((1 / 11) * 100, 12)
    // One trade: no losing side and no sample deviation, so these are undefined, as there.
    expect(value(stats, 'Profit Factor')).toBeNull()
    expect(value(stats, 'SQN')).toBeNull()
    expect(value(stats, 'Kelly Criterion')).toBeNull()
  })

  it('prints as backtesting.py does', () => {
    const printed = Object.fromEntries(stats.stats.map((s) => [s.label, formatProfileStat(s)]))
    expect(printed).toMatchObject({
      Start: '2024-01-01 00:00:00',
      Duration: '4 days 00:00:00',
      'Exposure Time [%]': '80',
      'Max. Drawdown Duration': '3 days 00:00:00',
      SQN: 'NaN',
      '# Trades': '1',
    })
  })
})

describe("backtesting.py's statistics: the data's frequency", () => {
  it('rounds durations up to the data resolution: a 1.5-day mean of daily bars reads 2 days', () => {
    const time = Array.from({ length: 10 }, (_, i) => MONDAY + i * DAY)
    const trades = columns([
      { side: 1, entry: time[1] as number, entryPrice: 10, exit: time[2] as number, exitPrice: 11, quantity: 1 },
      { side: -1, entry: time[4] as number, entryPrice: 10, exit: time[6] as number, exitPrice: 9, quantity: 1, commission: 0.5 },
    ])
    const stats = backtestingPyStats({ time, equity: time.map((_, i) => 100 + i), close: time.map(() => 10), trades, warmupBars: 0, riskFreeRate: 0 })
    expect(value(stats, 'Avg. Trade Duration')).toBe(2 * DAY)
    expect(value(stats, 'Max. Trade Duration')).toBe(2 * DAY)
    // The short's return is net of its commission over its entry value: 10% − 0.5 / 10.
    expect(value(stats, 'Best Trade [%]')).toBeCloseTo(10, 12)
    expect(value(stats, 'Worst Trade [%]')).toBeCloseTo(5, 12)
    expect(value(stats, 'Commissions [$]')).toBe(0.5)
  })

  it('rounds minute bars to the minute and groups them into calendar days for the returns', () => {
    const minute = 60
    const time = Array.from({ length: 6 }, (_, i) => MONDAY + (i < 3 ? i : DAY / minute + i) * minute)
    const equity = [100, 101, 102, 102, 104, 105]
    const trades = columns([{ side: 1, entry: time[0] as number, entryPrice: 10, exit: (time[0] as number) + 90, exitPrice: 10.5, quantity: 1 }])
    const stats = backtestingPyStats({ time, equity, close: time.map(() => 10), trades, warmupBars: 0, riskFreeRate: 0 })
    expect(value(stats, 'Max. Trade Duration')).toBe(2 * minute)
    // Two days: 100 → 102 (day 1's last) → 105; day 1's return is undefined (counted 0) and day 2's is 105/102 − 1.
    const g = Math.sqrt(105 / 102) - 1
    expect(value(stats, 'Return (Ann.) [%]')).toBeCloseTo(((1 + g) ** 252 - 1) * 100, 9)
  })

  it('uses 365 days a year when bars fall on weekends, and 52 for weekly bars', () => {
    const daily = Array.from({ length: 28 }, (_, i) => MONDAY + i * DAY)
    const weekly = Array.from({ length: 28 }, (_, i) => MONDAY + 4 * DAY + i * 7 * DAY) // Fridays
    const equity = daily.map((_, i) => 100 * 1.01 ** i)
    const none = columns([])
    const a = backtestingPyStats({ time: daily, equity, close: equity, trades: none, warmupBars: 0, riskFreeRate: 0 })
    const b = backtestingPyStats({ time: weekly, equity, close: equity, trades: none, warmupBars: 0, riskFreeRate: 0 })
    // 27 returns of 1% and the undefined first counted as 0: g = 1.01^(27/28) − 1.
    const g = 1.01 ** (27 / 28) - 1
    expect(value(a, 'Return (Ann.) [%]')).toBeCloseTo(((1 + g) ** 365 - 1) * 100, 6)
    expect(value(b, 'Return (Ann.) [%]')).toBeCloseTo(((1 + g) ** 52 - 1) * 100, 9)
    // No trades: the trade statistics are undefined, and nothing was held.
    expect(value(b, '# Trades')).toBe(0)
    expect(value(b, 'Exposure Time [%]')).toBe(0)
    expect(value(b, 'Win Rate [%]')).toBeNull()
    expect(value(b, 'Avg. Trade Duration')).toBeNull()
    // The curve only rises: one drawdown of a single bar is no period, so no durations.
    expect(value(b, 'Max. Drawdown [%]')).toBe(-0)
    expect(value(b, 'Max. Drawdown Duration')).toBeNull()
  })
})

describe('indicatorWarmup', () => {
  const bars = seededRandomWalk(3, 200)
  const warmup = (source: string): number => {
    const compiled = compileStrategy(source)
    if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '))
    return indicatorWarmup(compiled.program, bars, Float64Array.from(compiled.program.params.map((p) => p.default)))
  }

  it('is the first bar at which every indicator has a value', () => {
    expect(warmup('strategy "s"\nlong entry: crossover(sma(close, 10), sma(close, 30))\nsize: fixed 1\n')).toBe(29)
    expect(warmup('strategy "s"\nlong entry: close > open\nsize: fixed 1\n')).toBe(0)
    expect(warmup('strategy "s"\nparam n = 50\nlong entry: close > sma(close, n)\nsize: fixed 1\n')).toBe(49)
  })
})
