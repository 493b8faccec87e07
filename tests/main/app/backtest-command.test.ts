import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBacktestCommand } from '../../../src/main/app/backtest-command'
import { ManualClock, silentLogger } from '../../../src/main/kernel'
import { openStore } from '../../../src/main/store'
import { writeYahooFile } from '../../support/yahoo-file'

const dir = mkdtempSync(join(tmpdir(), 'quorum-backtest-cli-'))
const dataDir = join(dir, 'data')
const yahoo = join(dir, 'acme.csv')
writeYahooFile(yahoo, 600)
const strategyFile = join(dir, 'cross.qs')
writeFileSync(
  strategyFile,
  ['strategy "Cross"', 'param fast = 5 in 3..9 step 2', 'param slow = 20 in 15..30 step 5', 'long entry: crossover(sma(close, fast), sma(close, slow))', 'long exit: crossunder(sma(close, fast), sma(close, slow))', ''].join('\n'),
)

function run(command: 'backtest' | 'optimize', flags: Parameters<typeof runBacktestCommand>[1]) {
  let out = ''
  let err = ''
  const io = { stdout: { write: (t: string) => void (out += t) }, stderr: { write: (t: string) => void (err += t) } }
  return runBacktestCommand(command, flags, { ...io, dataDir, clock: new ManualClock(1_700_000_000_000), logger: silentLogger, engineVersion: 'test' }).then((code) => ({ code, out, err }))
}

describe('quorum backtest', () => {
  it('backtests a file and prints every statistic, keeping nothing in the store', async () => {
    const r = await run('backtest', { input: yahoo, strategy: strategyFile })
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Cross \(fast=5 slow=20\) on ACME 1D, 600 bars/)
    for (const stat of ['finalEquity', 'sharpe', 'maxDrawdown', 'trades', 'profitFactor', 'commissions']) expect(r.out).toContain(stat)
    const store = openStore({ file: join(dataDir, 'quorum.db'), logger: silentLogger })
    expect(store.runs.list()).toEqual([])
    store.close()
  })

  it('prints the statistics, trades and equity curve as JSON, with parameters and conventions applied', async () => {
    const config = join(dir, 'conv.json')
    writeFileSync(config, JSON.stringify({ startingCash: 50_000, commission: { kind: 'per-order', amount: 1 } }))
    const r = await run('backtest', { input: yahoo, strategy: strategyFile, param: ['fast=7'], config, json: true })
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out) as { params: Record<string, number>; stats: { startingCash: number; trades: number; commissions: number }; trades: { pnl: number; entryTime: string }[]; equity: unknown[] }
    expect(json.params).toEqual({ fast: 7, slow: 20 })
    expect(json.stats.startingCash).toBe(50_000)
    expect(json.trades).toHaveLength(json.stats.trades)
    expect(json.stats.commissions).toBeGreaterThan(0)
    expect(json.equity).toHaveLength(600)
    expect(Object.keys(json.equity[0] as object)).toEqual(['time', 'equity', 'cash', 'drawdown'])
    expect(json.trades[0]?.entryTime).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('runs a built-in by name and a stored symbol, saving that run', async () => {
    // Put the file in the store first, as `quorum import` would.
    const { runImportCommand } = await import('../../../src/main/app/import-command')
    const sink = { write: () => undefined }
    expect(await runImportCommand([yahoo], {}, dataDir, { stdout: sink, stderr: sink, clock: new ManualClock(1), logger: silentLogger })).toBe(0)
    const r = await run('backtest', { input: 'ACME', strategy: 'builtin:ma-crossover', 'stats-as': 'backtesting.py' })
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Saved as run \d+\./)
    // backtesting.py's statistics of the stored run, from its bars read back from the store.
    expect(r.out).toMatch(/As backtesting\.py 0\.6\.5 computes them:\n {2}Start +\d{4}-\d\d-\d\d 00:00:00\n/)
    expect(r.out).toMatch(/ {2}Max\. Drawdown Duration +\d+ days 00:00:00\n/)
  })

  it('adds backtesting.py statistics of a file run to the JSON with --stats-as', async () => {
    const r = await run('backtest', { input: yahoo, strategy: strategyFile, json: true, 'stats-as': 'backtesting.py' })
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out) as { stats: { finalEquity: number; trades: number }; statsAs: { profile: string; stats: Record<string, number | null> } }
    expect(json.statsAs.profile).toBe('backtesting.py')
    expect(json.statsAs.stats['Equity Final [$]']).toBe(json.stats.finalEquity)
    expect(json.statsAs.stats['# Trades']).toBe(json.stats.trades)
    expect(Object.keys(json.statsAs.stats)).toHaveLength(31)
  })

  it('explains bad usage and bad input with exit codes 2 and 1', async () => {
    expect((await run('backtest', { strategy: strategyFile })).err).toContain('--input <file | SYMBOL> is required')
    expect((await run('backtest', { input: yahoo, strategy: 'builtin:nope' })).code).toBe(2)
    expect((await run('backtest', { input: yahoo, strategy: strategyFile, param: ['fast'] })).err).toContain('--param must be key=number')
    const bad = join(dir, 'bad.qs')
    writeFileSync(bad, 'strategy "Bad"\nlong entry: crossover(smaa(close, 5), close)\n')
    const r = await run('backtest', { input: yahoo, strategy: bad })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/line 2, col 23: unknown indicator "smaa"/)
    const config = join(dir, 'bad-conv.json')
    writeFileSync(config, JSON.stringify({ fill: 'tomorrow' }))
    const c = await run('backtest', { input: yahoo, strategy: strategyFile, config })
    expect(c.code).toBe(2)
    expect(c.err).toMatch(/bad-conv\.json: fill: /)
    const p = await run('backtest', { input: yahoo, strategy: strategyFile, 'stats-as': 'zipline' })
    expect(p.code).toBe(2)
    expect(p.err).toContain('--stats-as must be one of backtesting.py, got "zipline"')
    expect((await run('optimize', { input: yahoo, strategy: strategyFile, 'stats-as': 'backtesting.py' })).err).toContain('--stats-as is for quorum backtest')
  })
})

describe('quorum optimize', () => {
  it('searches the ranges and prints the best trials with DSR and PBO', async () => {
    const r = await run('optimize', { input: yahoo, strategy: strategyFile, objective: 'totalReturn' })
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Cross: 16 trials \(grid\), objective totalReturn \(max\)/)
    expect(r.out).toContain('Deflated Sharpe Ratio:')
    expect(r.out).toContain('Probability of Backtest Overfitting (CSCV):')
  })

  it('takes ranges, constraints and a method from flags, and prints JSON', async () => {
    const r = await run('optimize', { input: yahoo, strategy: strategyFile, method: 'random', trials: '5', range: ['fast=3:5:1'], constraint: ['trades>=1'], json: true })
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out) as { trials: { params: Record<string, number>; feasible: boolean }[]; settings: { method: string } }
    expect(json.settings.method).toBe('random')
    expect(json.trials).toHaveLength(5)
    for (const t of json.trials) expect([3, 4, 5]).toContain(t.params.fast)
    expect((await run('optimize', { input: yahoo, strategy: strategyFile, constraint: ['sharp>1'] })).code).toBe(2)
  })
})

describe('walk-forward, Monte Carlo and the report from the command line', () => {
  it('runs Monte Carlo after a backtest and writes the HTML report', async () => {
    const report = join(dir, 'run.html')
    const r = await run('backtest', { input: yahoo, strategy: strategyFile, 'monte-carlo': '300', 'mc-method': 'block-bootstrap', report })
    expect(r.code).toBe(0)
    expect(r.out).toContain('Monte Carlo (block-bootstrap, 300 paths)')
    expect(r.out).toMatch(/risk of ruin \(drawdown of 50\.0% or more\): \d/)
    const html = readFileSync(report, 'utf8')
    expect(html).toContain('Risk of ruin')
    expect(html).not.toMatch(/<script/)
    const json = JSON.parse((await run('backtest', { input: yahoo, strategy: strategyFile, 'monte-carlo': '200', json: true })).out) as { monteCarlo: { iterations: number; maxDrawdown: { p50: number } } }
    expect(json.monteCarlo.iterations).toBe(200)
    expect(json.monteCarlo.maxDrawdown.p50).toBeGreaterThanOrEqual(0)
  })

  it('walks forward through anchored windows and prints each window and the efficiency', async () => {
    const r = await run('optimize', { input: yahoo, strategy: strategyFile, 'walk-forward': '3', anchored: true, oos: '0.3', objective: 'totalReturn' })
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Cross: walk-forward \(anchored\), 3 windows/)
    expect(r.out.match(/^ {2}\d\. in /gm)).toHaveLength(3)
    expect(r.out).toContain('Walk-forward efficiency:')
    expect(r.out).toContain('Stitched out-of-sample statistics:')
  })

  it('refuses bad walk-forward and Monte Carlo flags', async () => {
    expect((await run('optimize', { input: yahoo, strategy: strategyFile, 'walk-forward': '1' })).err).toContain('--walk-forward must be a number of windows from 2 to 50')
    expect((await run('backtest', { input: yahoo, strategy: strategyFile, 'monte-carlo': '5' })).err).toContain('--monte-carlo must be a whole number of paths from 100')
  })
})
