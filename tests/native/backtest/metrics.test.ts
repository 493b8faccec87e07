import { describe, expect, it } from 'vitest'
import { computeStats, runBacktest, runSweep, type BacktestOutput } from '../../../src/main/native'
import { type ConventionsInput, STAT_NAMES } from '../../../src/shared/domain'
import { seededRandomWalk } from '../../support/seeded-bars'
import { closesOnly, DAY0, ProgramBuilder, scriptedSignals } from './program-builder'
import { day, run } from './run-helpers'
import { kitchenSink, maCrossover } from './strategies'

// Each expectation below follows the definition in docs/metrics.md, computed here in plain
// arithmetic from equity points worked out by hand.

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length
const sampleSd = (xs: readonly number[]): number => {
  const m = mean(xs)
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1))
}

/**
 * All in at bar 0's close (fill: close, fractional: 1000 shares at 100), out at bar 4's close.
 * Equity: 100000, 110000, 99000, 108900, 120000, 120000 on six consecutive UTC days.
 */
const prices = closesOnly([100, 110, 99, 108.9, 120, 120])
const roundTrip = scriptedSignals(prices, { longEntry: [1, 0, 0, 0, 0, 0], longExit: [0, 0, 0, 0, 1, 0] })
const EQUITY = [100000, 110000, 99000, 108900, 120000, 120000]
const RETURNS = [0, 110000 / 100000 - 1, 99000 / 110000 - 1, 108900 / 99000 - 1, 120000 / 108900 - 1, 0]
const CONVENTIONS = { fill: 'close', fractional: true } as const

describe('statistics of a run', () => {
  it('has the equity points worked out by hand', async () => {
    const out = await run(prices, roundTrip, CONVENTIONS)
    expect(Array.from(out.equity.equity).map((e) => Math.round(e * 1e6) / 1e6)).toEqual(EQUITY)
  })

  it('computes the returns: total, annual over days with a bar', async () => {
    const { stats } = await run(prices, roundTrip, CONVENTIONS)
    expect(stats.startingCash).toBe(100000)
    expect(stats.finalEquity).toBeCloseTo(120000, 6)
    expect(stats.totalReturn).toBeCloseTo(0.2, 12)
    expect(stats.annualReturn).toBeCloseTo(1.2 ** (252 / 6) - 1, 6)
    const crypto = await run(prices, roundTrip, { ...CONVENTIONS, periodsPerYear: 365 })
    expect(crypto.stats.annualReturn).toBeCloseTo(1.2 ** (365 / 6) - 1, 3)
  })

  it('computes volatility, Sharpe and Sortino from daily returns, with the risk-free rate', async () => {
    const { stats } = await run(prices, roundTrip, CONVENTIONS)
    const sd = sampleSd(RETURNS)
    expect(stats.volatility).toBeCloseTo(sd * Math.sqrt(252), 10)
    expect(stats.sharpe).toBeCloseTo((mean(RETURNS) / sd) * Math.sqrt(252), 10)
    const downside = Math.sqrt(RETURNS.reduce((s, r) => s + Math.min(0, r) ** 2, 0) / RETURNS.length)
    expect(stats.sortino).toBeCloseTo((mean(RETURNS) / downside) * Math.sqrt(252), 10)

    const withRate = (await run(prices, roundTrip, { ...CONVENTIONS, riskFreeRate: 0.05 })).stats
    const rfDaily = 0.05 / 252
    expect(withRate.sharpe).toBeCloseTo(((mean(RETURNS) - rfDaily) / sd) * Math.sqrt(252), 10)
    const downsideRf = Math.sqrt(RETURNS.reduce((s, r) => s + Math.min(0, r - rfDaily) ** 2, 0) / RETURNS.length)
    expect(withRate.sortino).toBeCloseTo(((mean(RETURNS) - rfDaily) / downsideRf) * Math.sqrt(252), 10)
  })

  it('computes the drawdown, its length in days and bars, and Calmar', async () => {
    const { stats, equity } = await run(prices, roundTrip, CONVENTIONS)
    // The peak 110000 (day 1) falls to 99000 (day 2), 10% down; 120000 on day 4 recovers it.
    expect(stats.maxDrawdown).toBeCloseTo(0.1, 12)
    expect(stats.maxDrawdownDays).toBe(3)
    expect(stats.maxDrawdownBars).toBe(2)
    expect(stats.calmar).toBeCloseTo((1.2 ** (252 / 6) - 1) / 0.1, 4)
    expect(Array.from(equity.drawdown).map((d) => Math.round(d * 1e12) / 1e12)).toEqual([0, 0, 0.1, 0.01, 0, 0])
  })

  it('measures a drawdown still open at the end to the last bar', async () => {
    const sinking = closesOnly([100, 110, 99, 105])
    const { stats } = await run(sinking, scriptedSignals(sinking, { longEntry: [1, 0, 0, 0] }), CONVENTIONS)
    expect(stats.maxDrawdownDays).toBe(2)
    expect(stats.maxDrawdownBars).toBe(2)
  })

  it('counts trades, wins, the profit factor and the expectancy', async () => {
    const bars = closesOnly([100, 120, 110, 115, 110, 110])
    // Ten shares each: +200, −100, +50, −50.
    const program = scriptedSignals(bars, { longEntry: [1, 1, 1, 1, 0, 0], longExit: [0, 1, 1, 1, 1, 0] }, (b) => ({
      sizing: { kind: 'fixed', register: b.constant(10) },
    }))
    const { stats } = await run(bars, program, { fill: 'close' })
    expect(stats.trades).toBe(4)
    expect(stats.winRate).toBe(0.5)
    expect(stats.profitFactor).toBeCloseTo(250 / 150, 12)
    expect(stats.expectancy).toBeCloseTo(100 / 4, 9)
  })

  it('computes exposure, turnover and commissions', async () => {
    const { stats } = await run(prices, roundTrip, CONVENTIONS)
    // Open at the end of bars 0 to 3: 4 of 6 points.
    expect(stats.exposure).toBeCloseTo(4 / 6, 12)
    // 100000 bought, 120000 sold, over a mean equity of 109650 and 6/252 of a year.
    expect(stats.turnover).toBeCloseTo(220000 / (657900 / 6) / (6 / 252), 8)
    const charged = await run(prices, roundTrip, { ...CONVENTIONS, commission: { kind: 'per-order', amount: 7 } })
    expect(charged.stats.commissions).toBe(14)
  })

  it('gives NaN or 0 as documented for a run without trades', async () => {
    const b = new ProgramBuilder()
    const never = b.build({ longEntry: b.constant(0) })
    const { stats } = await run(prices, never)
    expect(stats).toMatchObject({ trades: 0, finalEquity: 100000, totalReturn: 0, annualReturn: 0, volatility: 0 })
    expect(stats).toMatchObject({ maxDrawdown: 0, maxDrawdownDays: 0, maxDrawdownBars: 0, exposure: 0, turnover: 0, commissions: 0 })
    for (const key of ['winRate', 'profitFactor', 'expectancy', 'sharpe', 'sortino', 'calmar'] as const) expect(stats[key]).toBeNaN()
  })

  it('gives an infinite profit factor with winners and no loser', async () => {
    const { stats } = await run(prices, roundTrip, CONVENTIONS)
    expect(stats.profitFactor).toBe(Infinity)
    expect(stats.winRate).toBe(1)
  })

  it('takes daily returns from the last equity of each UTC day of intraday bars', async () => {
    const hour = 3600
    const times = [DAY0 + 10 * hour, DAY0 + 15 * hour, DAY0 + 86400 + 10 * hour, DAY0 + 86400 + 15 * hour, DAY0 + 2 * 86400 + 10 * hour]
    const intraday = closesOnly([100, 105, 106, 110, 99], { times })
    const { stats } = await run(intraday, scriptedSignals(intraday, { longEntry: [1, 0, 0, 0, 0] }), CONVENTIONS)
    const daily = [105000 / 100000 - 1, 110000 / 105000 - 1, 99000 / 110000 - 1]
    expect(stats.volatility).toBeCloseTo(sampleSd(daily) * Math.sqrt(252), 10)
    expect(stats.annualReturn).toBeCloseTo(0.99 ** (252 / 3) - 1, 10)
    // Under water from 110000 at day 1 15:00 to the last bar, day 2 10:00: 19 hours.
    expect(stats.maxDrawdownDays).toBeCloseTo(19 / 24, 12)
    expect(stats.maxDrawdownBars).toBe(1)
  })

  it('sums daily returns into equal blocks of the timeline for the sweep', async () => {
    const b = new ProgramBuilder()
    b.declare('unused', 1)
    const time = b.field('time')
    const program = b.build({ longEntry: b.eq(time, b.constant(day(0))), longExit: b.eq(time, b.constant(day(4))) })
    const out = await runSweep(program, [prices], Float64Array.of(1), CONVENTIONS, { blocks: 2, threads: 1 })
    const first = RETURNS.slice(0, 3)
    const second = RETURNS.slice(3)
    const sums = (xs: number[]) => [xs.length, xs.reduce((s, r) => s + r, 0), xs.reduce((s, r) => s + r * r, 0)]
    const expected = [...sums(first), ...sums(second)]
    Array.from(out.blockReturns).forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 12))
  })
})

/** The bits of each statistic, so NaN and ±0 count: "exactly" means this. */
function statBits(stats: object): bigint[] {
  return Array.from(new BigUint64Array(Float64Array.from(STAT_NAMES, (name) => (stats as Record<string, number>)[name] as number).buffer))
}

function ownStats(out: BacktestOutput, conventions: ConventionsInput) {
  return computeStats(out.equity, out.trades, { tradedValue: out.tradedValue, commissions: out.stats.commissions }, conventions)
}

describe('the exposed column', () => {
  it('is 1 on the points the exposure counts', async () => {
    const out = await run(prices, roundTrip, CONVENTIONS)
    expect(Array.from(out.equity.exposed)).toEqual([1, 1, 1, 1, 0, 0])
    expect(out.stats.exposure).toBe(4 / 6)
    // 100000 bought and 120000 sold.
    expect(out.tradedValue).toBeCloseTo(220000, 6)
  })
})

describe('computeStats over a given curve', () => {
  const HOUR = 3600
  const walk = seededRandomWalk(77, 5000, { step: HOUR })
  const other = seededRandomWalk(78, 4000, { step: 2 * HOUR, start: 1_704_274_200 + 1800 })
  const costs: ConventionsInput = { commission: { kind: 'ib-tiered' }, slippage: { kind: 'bps', bps: 2 }, volumeCap: 0.5, riskFreeRate: 0.02 }
  const cases: [string, () => Promise<BacktestOutput>, ConventionsInput][] = [
    ['the kitchen sink with costs', () => runBacktest(kitchenSink(), [walk], [8, 21, 14, 1], costs), costs],
    ['a crossover on two instruments from tradeFrom', () => runBacktest(maCrossover(), [walk, other], [5, 20], { startingCash: 25_000 }, { tradeFrom: walk.time[700] }), { startingCash: 25_000 }],
    ['a short-selling crossover left open at the end (mark)', () => runBacktest(maCrossover({ short: true }), [walk], [10, 30], { endOfData: 'mark', periodsPerYear: 365 }), { endOfData: 'mark', periodsPerYear: 365 }],
    ['close-at-open on weekly-like bars', () => runBacktest(maCrossover(), [seededRandomWalk(9, 400, { step: 7 * 86400 })], [3, 8], { endOfData: 'close-at-open', fill: 'close' }), { endOfData: 'close-at-open', fill: 'close' }],
  ]
  for (const [name, backtest, conventions] of cases) {
    it(`gives a run's own statistics bit for bit from its curve, trades and totals: ${name}`, async () => {
      const out = await backtest()
      expect(out.stats.trades).toBeGreaterThan(0)
      expect(statBits(ownStats(out, conventions))).toEqual(statBits(out.stats))
    })
  }

  it('computes a hand-worked curve: returns, drawdown, exposure and the trade statistics', () => {
    const time = Float64Array.from([0, 1, 2, 3].map(day))
    const equity = Float64Array.of(1100, 990, 990, 1210)
    const stats = computeStats(
      { time, equity, exposed: Uint8Array.of(1, 1, 0, 1) },
      { pnl: Float64Array.of(100, -110, 220) },
      { tradedValue: 5000, commissions: 3 },
      { startingCash: 1000 },
    )
    const returns = [0.1, -0.1, 0, 1210 / 990 - 1]
    expect(stats).toMatchObject({ startingCash: 1000, trades: 3, exposure: 3 / 4, commissions: 3, maxDrawdownBars: 2, maxDrawdownDays: 3 })
    expect(stats.finalEquity).toBe(1210)
    expect(stats.totalReturn).toBeCloseTo(0.21, 12)
    expect(stats.maxDrawdown).toBeCloseTo(0.1, 12)
    expect(stats.volatility).toBeCloseTo(sampleSd(returns) * Math.sqrt(252), 12)
    expect(stats.winRate).toBeCloseTo(2 / 3, 12)
    expect(stats.profitFactor).toBeCloseTo(320 / 110, 12)
    expect(stats.expectancy).toBeCloseTo(70, 12)
    expect(stats.turnover).toBeCloseTo(5000 / (4290 / 4) / (4 / 252), 9)
  })

  it('gives the documented NaNs for an empty curve, and refuses a malformed one', () => {
    const empty = computeStats({ time: new Float64Array(0), equity: new Float64Array(0), exposed: new Uint8Array(0) }, { pnl: new Float64Array(0) }, { tradedValue: 0, commissions: 0 })
    expect(empty).toMatchObject({ startingCash: 100000, finalEquity: 100000, trades: 0, totalReturn: 0 })
    expect(empty.exposure).toBeNaN()
    const time = Float64Array.of(day(0), day(1))
    const equity = Float64Array.of(1, 2)
    const totals = { tradedValue: 0, commissions: 0 }
    const pnl = { pnl: new Float64Array(0) }
    expect(() => computeStats({ time, equity, exposed: new Uint8Array(1) }, pnl, totals)).toThrow('curve.exposed has 1 values but curve.time has 2')
    expect(() => computeStats({ time, equity: new Float64Array(3), exposed: new Uint8Array(2) }, pnl, totals)).toThrow('curve.equity has 3 values')
    expect(() => computeStats({ time: Float64Array.of(day(1), day(0)), equity, exposed: new Uint8Array(2) }, pnl, totals)).toThrow('strictly ascending')
    expect(() => computeStats({ time, equity, exposed: new Float64Array(2) as never }, pnl, totals)).toThrow('curve.exposed must be a Uint8Array')
    expect(() => computeStats({ time, equity, exposed: new Uint8Array(2) }, pnl, { tradedValue: NaN, commissions: 0 })).toThrow('totals')
    expect(() => computeStats({ time, equity, exposed: new Uint8Array(2) }, pnl, totals, { periodsPerYear: 0 })).toThrow('conventions.periodsPerYear')
  })
})
