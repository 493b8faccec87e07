import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBacktestCommand } from '../../src/main/app/backtest-command'
import { ManualClock, silentLogger } from '../../src/main/kernel'
import { type StatName } from '../../src/shared/domain'

/**
 * Parity with established backtesters on their own data (docs/design/parity-targets.md): the
 * files are in ../shared/data (private validation; never copied here), so this skips without them.
 */
const INPUTS = join(process.cwd(), '..', 'shared', 'data', 'backtest-inputs')
const GOOG = join(INPUTS, 'GOOG.csv')
const BT2006 = join(INPUTS, '2006-day-001.txt')
const dir = mkdtempSync(join(tmpdir(), 'quorum-parity-'))

interface JsonRun {
  stats: Record<StatName, number>
  statsAs?: { profile: string; title: string; stats: Record<string, number | null> }
  trades: { side: string; entryTime: string; entryPrice: number; exitTime: string; exitPrice: number; quantity: number; exitReason: string }[]
  equity: { time: string; equity: number; cash: number }[]
}

async function backtest(input: string, source: string, conventions: object, symbol?: string, statsAs?: string): Promise<JsonRun> {
  const strategy = join(dir, `s${Math.random().toString(36).slice(2)}.qs`)
  writeFileSync(strategy, source)
  const config = join(dir, `c${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(config, JSON.stringify(conventions))
  let out = ''
  let err = ''
  const code = await runBacktestCommand(
    'backtest',
    { input, strategy, config, json: true, symbol, 'stats-as': statsAs },
    { stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) }, dataDir: join(dir, 'data'), clock: new ManualClock(1), logger: silentLogger, engineVersion: 'parity' },
  )
  expect(err.replace(/\r/g, '')).toBe('')
  expect(code).toBe(0)
  return JSON.parse(out) as JsonRun
}

describe.skipIf(!existsSync(BT2006))('backtrader: tests/test_strategy_unoptimized.py on datas/2006-day-001.txt', () => {
  const source = ['strategy "backtrader SMA15 cross"', 'long entry: crossover(close, sma(close, 15))', 'long exit: crossunder(close, sma(close, 15))', 'size: fixed 1', 'order: market', ''].join('\n')
  const conventions = { fill: 'next-open', onOpposite: 'flatten', allowShort: false, startingCash: 10_000 }
  // backtrader's asserted execution prices (its test checks each as '%.2f').
  const buys = [3643.35, 3801.03, 3872.37, 3863.57, 3845.32, 3656.43, 3542.65, 3639.65, 3799.86, 3840.2, 4047.63, 4052.55]
  const sells = [3763.95, 3811.85, 3822.35, 3822.57, 3829.82, 3598.58, 3545.92, 3766.8, 3782.15, 3979.73, 4045.05]

  it('fills every buy and sell at the prices backtrader asserts, and ends at its final value', async () => {
    const run = await backtest(BT2006, source, conventions, 'BT2006')
    expect(run.trades.map((t) => t.entryPrice.toFixed(2))).toEqual(buys.map((p) => p.toFixed(2)))
    // backtrader leaves the 12th position open; Quorum closes it at the last close (reason `end`),
    // which marks it to market at the same price, so the final value is the same.
    expect(run.trades.slice(0, 11).map((t) => t.exitPrice.toFixed(2))).toEqual(sells.map((p) => p.toFixed(2)))
    expect(run.trades[11]).toMatchObject({ exitReason: 'end', exitPrice: 4119.94 })
    expect(run.stats.finalEquity.toFixed(2)).toBe('10284.10')
  })

  it('with endOfData mark, leaves the 12th position open as backtrader does: 11 trades, its final value and cash', async () => {
    const run = await backtest(BT2006, source, { ...conventions, endOfData: 'mark' }, 'BT2006')
    expect(run.stats.trades).toBe(11)
    expect(run.trades.map((t) => t.entryPrice.toFixed(2))).toEqual(buys.slice(0, 11).map((p) => p.toFixed(2)))
    expect(run.trades.map((t) => t.exitPrice.toFixed(2))).toEqual(sells.map((p) => p.toFixed(2)))
    const last = run.equity[run.equity.length - 1]
    expect(run.stats.finalEquity.toFixed(2)).toBe('10284.10')
    expect(last?.equity.toFixed(2)).toBe('10284.10')
    expect(last?.cash.toFixed(2)).toBe('6164.16')
  })
})

describe.skipIf(!existsSync(GOOG))('backtesting.py: test_compute_stats (SmaCross 10/30) on GOOG', () => {
  const source = [
    'strategy "backtesting.py SmaCross"',
    'long entry: crossover(sma(close, 10), sma(close, 30))',
    'short entry: crossunder(sma(close, 10), sma(close, 30))',
    'size: 100% of equity',
    'order: market',
    '',
  ].join('\n')
  const conventions = { fill: 'next-open', onOpposite: 'reverse', allowShort: true, startingCash: 10_000, fractional: false }

  it('makes the same 66 trades with the same sizes and prices', async () => {
    const run = await backtest(GOOG, source, conventions)
    expect(run.stats.trades).toBe(66)
    const t = run.trades
    expect(t[0]).toMatchObject({ side: 'short', quantity: 55, entryPrice: 180.36, exitPrice: 186.31 })
    expect(t[0]?.entryTime.slice(0, 10)).toBe('2004-11-29')
    expect(t[0]?.exitTime.slice(0, 10)).toBe('2004-12-21')
    expect(t[1]).toMatchObject({ side: 'long', quantity: 51, entryPrice: 186.31, exitPrice: 193.69 })
    expect(t[2]).toMatchObject({ side: 'short', quantity: 51, entryPrice: 193.69, exitPrice: 196.96 })
    expect(t[63]).toMatchObject({ side: 'long', quantity: 69, entryPrice: 590.19, exitPrice: 672.01 })
    expect(t[64]).toMatchObject({ side: 'short', quantity: 69, entryPrice: 672.01, exitPrice: 695 })
    expect(t[65]).toMatchObject({ side: 'long', quantity: 64, entryPrice: 695 })
  })

  it('agrees on the statistics defined the same way: win rate, max drawdown and its duration', async () => {
    const run = await backtest(GOOG, source, conventions)
    // backtesting.py 0.3–0.6.5: Win Rate 46.96969696969697 %, Max. Drawdown −47.98012705007589 %, Max. Drawdown Duration 584 days.
    expect(run.stats.winRate * 100).toBeCloseTo(46.96969696969697, 10)
    expect(run.stats.maxDrawdown * 100).toBeCloseTo(47.98012705007589, 10)
    expect(run.stats.maxDrawdownDays).toBe(584)
    // Closing the last trade at the last close gives backtesting.py's pre-0.3 final equity (it marked the open trade at that close).
    expect(run.stats.finalEquity.toFixed(2)).toBe('51959.95')
  })

  it('with endOfData close-at-open, closes the last trade at the last open as 0.3–0.6.5 do (finalize_trades): Equity Final 51422.99', async () => {
    const run = await backtest(GOOG, source, { ...conventions, endOfData: 'close-at-open' })
    expect(run.stats.trades).toBe(66)
    expect(run.trades).toHaveLength(66)
    const last = run.trades[65]
    expect(last).toMatchObject({ side: 'long', quantity: 64, entryPrice: 695, exitPrice: 797.8, exitReason: 'end' })
    expect(last?.entryTime.slice(0, 10)).toBe('2012-12-04')
    expect(last?.exitTime.slice(0, 10)).toBe('2013-03-01')
    // backtesting.py: Equity Final [$] 51422.98999999996.
    expect(run.stats.finalEquity.toFixed(2)).toBe('51422.99')
    expect(run.stats.finalEquity).toBeCloseTo(51422.98999999996, 8)
    expect(run.stats.winRate * 100).toBeCloseTo(46.96969696969697, 10)
  })

  it('with --stats-as backtesting.py, gives every statistic of its test_compute_stats (0.6.5) to 1e-12', async () => {
    const run = await backtest(GOOG, source, { ...conventions, endOfData: 'close-at-open' }, undefined, 'backtesting.py')
    const got = run.statsAs?.stats ?? {}
    expect(run.statsAs?.title).toBe('backtesting.py 0.6.5')
    // backtesting/test/_test.py, TestBacktest.test_compute_stats (v0.6.5; docs/design/parity-targets.md §1.4 column C).
    const published: Record<string, number> = {
      'Equity Final [$]': 51422.98999999996,
      'Equity Peak [$]': 75787.44,
      'Return [%]': 414.2298999999996,
      'Buy & Hold Return [%]': 522.0601851851852,
      'Return (Ann.) [%]': 21.180255813792282,
      'Volatility (Ann.) [%]': 36.49390889140787,
      'CAGR [%]': 14.159843619607383,
      'Sharpe Ratio': 0.5803778344714113,
      'Sortino Ratio': 1.0847880675854096,
      'Calmar Ratio': 0.4414380935608377,
      'Alpha [%]': 394.37391142027462,
      Beta: 0.03803390709192,
      'Max. Drawdown [%]': -47.98012705007589,
      'Avg. Drawdown [%]': -5.925851581948801,
      'Exposure Time [%]': 96.74115456238361,
      'Win Rate [%]': 46.96969696969697,
      'Best Trade [%]': 53.59595229490424,
      'Worst Trade [%]': -18.39887353835481,
      'Avg. Trade [%]': 2.531715975158555,
      'Profit Factor': 2.167945974262033,
      'Expectancy [%]': 3.2748078066748834,
      SQN: 1.0766187356697705,
      'Kelly Criterion': 0.1518705127029717,
    }
    for (const [label, value] of Object.entries(published)) {
      const mine = got[label]
      expect(mine, label).toBeTypeOf('number')
      expect(Math.abs(((mine as number) - value) / value), label).toBeLessThan(1e-12)
    }
    const days = (label: string): number => (got[label] as number) / 86_400
    expect([days('Duration'), days('Max. Drawdown Duration'), days('Avg. Drawdown Duration'), days('Max. Trade Duration'), days('Avg. Trade Duration')]).toEqual([3116, 584, 41, 183, 46])
    expect(got['# Trades']).toBe(66)
    expect(new Date((got.Start as number) * 1000).toISOString().slice(0, 10)).toBe('2004-08-19')
    expect(new Date((got.End as number) * 1000).toISOString().slice(0, 10)).toBe('2013-03-01')
    // No commission: backtesting.py leaves the Commissions row out.
    expect(Object.keys(got)).not.toContain('Commissions [$]')
  })
})
