import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobProgress } from '../../src/shared/contract'
import { OptimizeSettings } from '../../src/shared/contract'
import { Conventions, STAT_NAMES, type InstrumentId } from '../../src/shared/domain'
import { BacktestService, loadSelection, renderReport } from '../../src/main/backtest'
import { BarService } from '../../src/main/data'
import { EngineError, ManualClock, silentLogger } from '../../src/main/kernel'
import type { Store } from '../../src/main/store'
import { BUILTIN_STRATEGIES } from '../../src/main/strategy'
import { ACME, makeTempDir, openTempStore } from '../store/store-fixture'
import { seededRandomWalk } from '../support/seeded-bars'

const MA = BUILTIN_STRATEGIES.find((b) => b.id === 'ma-crossover')?.source ?? ''
const DAY = 86_400

let cleanup: () => void
let store: Store
let service: BacktestService
let progress: JobProgress[]
let acme: InstrumentId

beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  store = openTempStore(temp.dir)
  acme = store.instruments.upsert(ACME).id
  // 1,500 daily bars of a seeded walk (weekends included: the service does not care).
  store.bars.writeBars(acme, '1D', seededRandomWalk(7, 1_500, { start: 1_262_304_000, step: DAY }))
  progress = []
  service = new BacktestService({
    store,
    bars: new BarService(store),
    clock: new ManualClock(1_700_000_000_000),
    logger: silentLogger,
    engineVersion: 'test',
    nativeVersion: 'test',
    emitProgress: (p) => progress.push(p),
  })
})
afterEach(() => {
  store.close()
  cleanup()
})

const data = () => ({ instruments: [acme], timeframe: '1D' as const, adjusted: false })
const conventions = Conventions.parse({ startingCash: 10_000 })

describe('a backtest through the service', () => {
  it('runs a built-in, stores the run with its manifest, and gives the same result when re-run from the manifest', async () => {
    const result = await service.backtest({ strategy: { source: MA }, data: data(), params: {}, conventions })
    expect(result.run.status).toBe('completed')
    expect(result.stats.trades).toBeGreaterThan(3)
    expect(result.equity.time).toHaveLength(1_500)
    expect(result.trades.pnl).toHaveLength(result.stats.trades)
    const m = result.manifest
    expect(m.data.instruments[0]).toMatchObject({ symbol: 'ACME', bars: 1_500 })
    expect(m.data.instruments[0]?.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(m.strategy.source).toBe(MA)
    expect(Object.keys(m.params).length).toBeGreaterThan(0)

    const stored = service.getRun(result.run.id)
    expect(stored.kind).toBe('backtest')
    if (stored.kind !== 'backtest') return
    expect(stored.stats).toEqual(result.stats)
    expect(Array.from(stored.equity.equity)).toEqual(Array.from(result.equity.equity))
    expect(Array.from(stored.trades.entryTime)).toEqual(Array.from(result.trades.entryTime))

    const again = await service.backtest({ strategy: { source: m.strategy.source }, data: data(), params: { ...m.params }, conventions: m.conventions })
    expect(again.stats).toEqual(result.stats)
    expect(again.manifest.data.instruments[0]?.fingerprint).toBe(m.data.instruments[0]?.fingerprint)
    expect(progress.some((p) => p.kind === 'backtest')).toBe(true)
  })

  it('refuses a strategy with errors, naming line and column, and records nothing', async () => {
    const bad = MA.replace('sma(', 'smaa(')
    const error = await service.backtest({ strategy: { source: bad }, data: data(), params: {}, conventions }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EngineError)
    expect((error as EngineError).code).toBe('invalid-request')
    expect((error as EngineError).message).toMatch(/line \d+, col \d+: unknown indicator "smaa"; did you mean SMA\?/)
    expect(store.runs.list()).toEqual([])
  })

  it('refuses an unknown parameter and data outside the stored range, recording nothing', async () => {
    await expect(service.backtest({ strategy: { source: MA }, data: data(), params: { fastt: 3 }, conventions })).rejects.toThrow(/unknown parameter "fastt"/)
    await expect(service.backtest({ strategy: { source: MA }, data: { ...data(), from: 2_000_000_000 }, params: {}, conventions })).rejects.toThrow(/ACME has no 1D bars between/)
    expect(store.runs.list()).toEqual([])
  })

  it('restricts the run to the from–to range', async () => {
    const from = 1_262_304_000 + 100 * DAY
    const to = 1_262_304_000 + 599 * DAY
    const result = await service.backtest({ strategy: { source: MA }, data: { ...data(), from, to }, params: {}, conventions })
    expect(result.manifest.data.instruments[0]).toMatchObject({ bars: 500, firstTime: from, lastTime: to })
  })
})

describe('a portfolio backtest', () => {
  it('runs one strategy over two instruments sharing one cash account', async () => {
    const beta = store.instruments.upsert({ ...ACME, symbol: 'BETA', name: 'Beta Corp' }).id
    store.bars.writeBars(beta, '1D', seededRandomWalk(8, 1_200, { start: 1_262_304_000 + 300 * DAY, step: DAY }))
    const sized = MA.replace(/size:.*\n/, '') + 'size: 40% of equity\n'
    const result = await service.backtest({ strategy: { source: sized }, data: { ...data(), instruments: [acme, beta] }, params: {}, conventions })
    expect(result.manifest.data.instruments.map((i) => [i.symbol, i.bars])).toEqual([
      ['ACME', 1_500],
      ['BETA', 1_200],
    ])
    // One curve over the merged timeline (BETA's days are a subset of ACME's), trades on both.
    expect(result.equity.time).toHaveLength(1_500)
    const traded = new Set(Array.from(result.trades.instrument))
    expect(traded).toEqual(new Set([0, 1]))
    // Both held at once at some point: the positions share the one account.
    const t = result.trades
    let overlap = false
    for (let i = 0; i < t.pnl.length && !overlap; i++) {
      for (let j = 0; j < t.pnl.length && !overlap; j++) {
        overlap = t.instrument[i] === 0 && t.instrument[j] === 1 && (t.entryTime[i] ?? 0) < (t.exitTime[j] ?? 0) && (t.entryTime[j] ?? 0) < (t.exitTime[i] ?? 0)
      }
    }
    expect(overlap).toBe(true)
  })
})

describe("a stored backtest's statistics as backtesting.py defines them", () => {
  it('reads the run and its own bars again, and agrees with Quorum where the definitions are the same', async () => {
    const result = await service.backtest({ strategy: { source: MA }, data: data(), params: {}, conventions })
    const profile = await service.runStatsAs(result.run.id, 'backtesting.py')
    const get = (label: string): number | null | undefined => profile.stats.find((s) => s.label === label)?.value
    expect(profile.title).toBe('backtesting.py 0.6.5')
    expect(get('Equity Final [$]')).toBe(result.stats.finalEquity)
    expect(get('# Trades')).toBe(result.stats.trades)
    expect(get('Win Rate [%]')).toBeCloseTo(result.stats.winRate * 100, 10)
    expect(get('Max. Drawdown [%]')).toBeCloseTo(-result.stats.maxDrawdown * 100, 10)
    expect(get('Start')).toBe(result.equity.time[0])
    // The same as computing it over the run in hand with its bars.
    const loaded = await loadSelection(store, new BarService(store), { ...data(), instruments: [acme] })
    expect(await service.statsAs(result, 'backtesting.py', loaded)).toEqual(profile)
  })

  it('refuses when the bars changed since the run, for a portfolio, and for an optimisation, naming why', async () => {
    const result = await service.backtest({ strategy: { source: MA }, data: data(), params: {}, conventions })
    const bars = seededRandomWalk(7, 1_500, { start: 1_262_304_000, step: DAY })
    bars.close[700] = (bars.close[700] ?? 0) * 1.01
    store.bars.writeBars(acme, '1D', bars)
    await expect(service.runStatsAs(result.run.id, 'backtesting.py')).rejects.toThrow(/The ACME bars have changed since run \d+ was made/)

    const beta = store.instruments.upsert({ ...ACME, symbol: 'BETA', name: 'Beta Corp' }).id
    store.bars.writeBars(beta, '1D', seededRandomWalk(8, 1_200, { start: 1_262_304_000, step: DAY }))
    const portfolio = await service.backtest({ strategy: { source: MA }, data: { ...data(), instruments: [acme, beta] }, params: {}, conventions })
    await expect(service.runStatsAs(portfolio.run.id, 'backtesting.py')).rejects.toThrow(/defined for one instrument; run \d+ trades 2/)

    const settings = OptimizeSettings.parse({ method: 'grid', objective: 'totalReturn', ranges: { fast: { min: 5, max: 10, step: 5 }, slow: { min: 30, max: 40, step: 10 } } })
    const optimization = await service.optimize({ strategy: { source: MA }, data: data(), conventions, settings })
    await expect(service.runStatsAs(optimization.run.id, 'backtesting.py')).rejects.toThrow(/is an optimization; other tools' statistics are computed for backtests/)
  })
})

describe('an optimisation through the service', () => {
  const settings = (over: object = {}) =>
    OptimizeSettings.parse({ method: 'grid', objective: 'totalReturn', ranges: { fast: { min: 5, max: 20, step: 5 }, slow: { min: 30, max: 60, step: 10 } }, ...over })

  it('runs every grid combination, picks the best by the objective, and runs it again in full', async () => {
    const result = await service.optimize({ strategy: { source: MA }, data: data(), conventions, settings: settings() })
    expect(result.trials.paramNames).toEqual(['fast', 'slow'])
    expect(result.trials.feasible).toHaveLength(16)
    const width = STAT_NAMES.length
    const k = STAT_NAMES.indexOf('totalReturn')
    const returns = Array.from({ length: 16 }, (_, i) => result.trials.stats[i * width + k] ?? NaN)
    expect(result.best).toBe(returns.indexOf(Math.max(...returns)))
    expect(result.bestRunId).not.toBeNull()
    const best = service.getRun(result.bestRunId ?? -1)
    if (best.kind !== 'backtest') throw new Error('expected a backtest')
    // The sweep's row and the full single run agree exactly.
    STAT_NAMES.forEach((name, j) => expect([name, best.stats[name]]).toEqual([name, result.trials.stats[result.best * width + j]]))
    expect(best.run.parentId).toBe(result.run.id)
    expect(result.overfitting.trials).toBe(16)
    expect(result.overfitting.deflatedSharpe).toBeGreaterThanOrEqual(0)
    expect(result.overfitting.deflatedSharpe).toBeLessThanOrEqual(1)
    expect(result.overfitting.pbo).not.toBeNull()
    expect(service.getRun(result.run.id).kind).toBe('optimization')
  })

  it('honours constraints: no feasible trial means no best', async () => {
    const result = await service.optimize({ strategy: { source: MA }, data: data(), conventions, settings: settings({ constraints: [{ stat: 'trades', op: '>=', value: 1e9 }] }) })
    expect(Array.from(result.trials.feasible).every((f) => f === 0)).toBe(true)
    expect(result.best).toBe(-1)
    expect(result.bestRunId).toBeNull()
  })

  it('can be cancelled, and records the run as cancelled', async () => {
    const running = service.optimize({ strategy: { source: MA }, data: data(), conventions, settings: settings({ method: 'tpe', trials: 400, ranges: { fast: { min: 2, max: 40, step: 1 }, slow: { min: 41, max: 200, step: 1 } } }), clientRef: 'c1' })
    // Cancel as soon as the job has announced itself.
    await new Promise((r) => setTimeout(r, 20))
    const jobId = progress.find((p) => p.clientRef === 'c1')?.jobId ?? -1
    expect(service.cancel(jobId)).toBe(true)
    const error = await running.catch((e: unknown) => e)
    expect((error as EngineError).code).toBe('cancelled')
    expect(store.runs.list({ kind: 'optimization' })[0]?.status).toBe('cancelled')
  })

  it('refuses a range for a parameter the strategy lacks', async () => {
    await expect(service.optimize({ strategy: { source: MA }, data: data(), conventions, settings: settings({ ranges: { nope: { min: 1, max: 2, step: 1 } } }) })).rejects.toThrow(/no parameter "nope"/)
  })
})

describe('walk-forward, Monte Carlo and the report', () => {
  it('walks forward over rolling windows and stitches the out-of-sample equity', async () => {
    const result = await service.walkForward({
      strategy: { source: MA },
      data: data(),
      conventions,
      settings: OptimizeSettings.parse({ method: 'grid', objective: 'totalReturn', ranges: { fast: { min: 5, max: 15, step: 5 }, slow: { min: 30, max: 50, step: 10 } } }),
      mode: 'rolling',
      windows: 4,
      outOfSampleFraction: 0.25,
    })
    expect(result.windows).toHaveLength(4)
    for (const w of result.windows) {
      expect(w.outOfSampleFrom).toBeGreaterThan(w.inSampleFrom)
      expect(w.params).not.toBeNull()
    }
    const t = result.equity.time
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1] ?? Infinity)
    expect(t[0]).toBe(result.windows[0]?.outOfSampleFrom)
    // The stitched curve's statistics, computed natively over it.
    expect(result.stats.finalEquity).toBe(result.equity.equity[t.length - 1])
    expect(result.stats.startingCash).toBe(conventions.startingCash)
    expect(result.stats.exposure).toBeGreaterThan(0)
    expect(result.stats.exposure).toBeLessThanOrEqual(1)
    expect(Number.isNaN(result.efficiency)).toBe(false)
    expect(service.getRun(result.run.id).kind).toBe('walk-forward')
  })

  it('simulates a stored backtest and reports distributions', async () => {
    const bt = await service.backtest({ strategy: { source: MA }, data: data(), params: {}, conventions })
    const mc = await service.monteCarlo({ runId: bt.run.id, method: 'trade-shuffle', iterations: 500, blockSize: 20, ruinDrawdown: 0.5, seed: 3 })
    expect(mc.iterations).toBe(500)
    expect(mc.totalReturn.p50).toBeCloseTo(bt.stats.totalReturn, 9)
    expect(mc.maxDrawdown.p5).toBeLessThanOrEqual(mc.maxDrawdown.p95)
    const boot = await service.monteCarlo({ runId: bt.run.id, method: 'block-bootstrap', iterations: 500, blockSize: 20, ruinDrawdown: 0.5, seed: 3 })
    expect(boot.totalReturn.p5).toBeLessThan(boot.totalReturn.p95)
    await expect(service.monteCarlo({ runId: 999, method: 'trade-shuffle', iterations: 100, blockSize: 1, ruinDrawdown: 0.5, seed: 1 })).rejects.toThrow(/No backtest run with id 999/)
  })

  it('renders a self-contained HTML report with the statistics and the source', async () => {
    const bt = await service.backtest({ strategy: { source: MA }, data: data(), params: {}, conventions })
    const report = renderReport(service.getRun(bt.run.id), 0)
    expect(report.fileName).toBe(`quorum-run-${bt.run.id}-backtest.html`)
    expect(report.html).toContain('<h2>Statistics</h2>')
    expect(report.html).toContain('Sharpe')
    expect(report.html).toContain('long entry')
    expect(report.html).not.toMatch(/<script|https?:\/\//)
  })
})
