import type {
  BacktestResult,
  DataSelection,
  EquityCurve,
  JobProgress,
  MonteCarloResult,
  OptimizationResult,
  OptimizeSettings,
  ProfileStats,
  RunManifest,
  RunResult,
  RunSummary,
  StatProfile,
  StrategyRef,
  TradeColumns,
  TrialTable,
  WalkForwardResult,
  WalkForwardWindow,
} from '../../shared/contract'
import type { BacktestStats, BarColumns, Conventions, StatName } from '../../shared/domain'
import { STAT_NAMES, sliceBars } from '../../shared/domain'
import type { BarService } from '../data'
import type { Clock, Logger } from '../kernel'
import { EngineError } from '../kernel'
import type { Program } from '../native'
import { computeStats, NativeCancelledError, runBacktest, runSweep, statsOfRow, type BacktestOutput } from '../native'
import type { RunRow, Store } from '../store'
import { strategySourceHash } from '../store'
import { compileStrategy, resolveParamValues, type CompileResult } from '../strategy'
import { dailyReturns } from './daily-returns'
import { fingerprintBars, loadSelection, lowerBound, type LoadedSelection } from './data-selection'
import { cancelledError, JobRegistry, type Job } from './jobs'
import { MemoryRunLog, type RunLog } from './run-log'
import { quantileSorted, runMonteCarlo } from './monte-carlo'
import { cscv, deflatedSharpe, expectedMaxSharpe, moments } from './overfitting'
import { backtestingPyStats, indicatorWarmup } from './stat-profiles'
import { axisValues, gridSearch, MAX_TRIALS, randomSearch, tpeSearch, type ParamAxis, type SearchMethod } from './search'
import { walkForwardWindows } from './walk-forward-windows'

/** Blocks of the timeline the sweep records returns in, for CSCV. */
export const CSCV_BLOCKS = 16

export interface BacktestServiceOptions {
  readonly store: Store
  readonly bars: BarService
  readonly clock: Clock
  readonly logger: Logger
  readonly engineVersion: string
  readonly nativeVersion: string
  readonly emitProgress: (progress: JobProgress) => void
}

interface ResolvedStrategy {
  readonly name: string
  readonly source: string
  readonly hash: string
  readonly versionId: number | null
  readonly compiled: Extract<CompileResult, { ok: true }>
}

/** Bars given directly (a CLI file) instead of a selection of stored instruments. */
export interface PreloadedData {
  readonly preloaded: LoadedSelection
  readonly timeframe: DataSelection['timeframe']
  readonly adjusted: boolean
}

export type RunData = DataSelection | PreloadedData

export interface MonteCarloRequest {
  readonly runId: number
  readonly method: 'trade-shuffle' | 'block-bootstrap'
  readonly iterations: number
  readonly blockSize: number
  readonly ruinDrawdown: number
  readonly seed: number
  readonly clientRef?: string | undefined
}

export interface WalkForwardRequest {
  readonly strategy: StrategyRef
  readonly data: RunData
  readonly conventions: Conventions
  readonly settings: OptimizeSettings
  readonly mode: 'anchored' | 'rolling'
  readonly windows: number
  readonly outOfSampleFraction: number
  readonly clientRef?: string | undefined
}

/** Options every run method takes beside its request. */
export interface RunOptions {
  /** Record the run in the store (the default), or only in memory for this call. */
  readonly persist?: boolean
}

interface Prepared {
  readonly strategy: ResolvedStrategy
  readonly data: LoadedSelection
  readonly selection: { readonly timeframe: DataSelection['timeframe']; readonly adjusted: boolean; readonly from?: number | undefined; readonly to?: number | undefined }
  readonly conventions: Conventions
  readonly runs: RunLog
}

const STAT_INDEX: Record<StatName, number> = Object.fromEntries(STAT_NAMES.map((n, i) => [n, i])) as Record<StatName, number>

function formatDiagnostics(diagnostics: readonly { line: number; column: number; message: string; severity: string }[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const shown = errors.slice(0, 3).map((d) => `line ${d.line}, col ${d.column}: ${d.message}`)
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''
  return `The strategy has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${shown.join('; ')}${more}.`
}

/**
 * The Strategy Lab's engine side: resolves a strategy and its data, runs backtests,
 * optimisations, walk-forward analyses and Monte Carlo simulations on the native VM, and
 * persists every run with a manifest that is enough to run it again.
 */
export class BacktestService {
  readonly jobs: JobRegistry
  private readonly store: Store
  private readonly logger: Logger

  constructor(private readonly options: BacktestServiceOptions) {
    this.store = options.store
    this.logger = options.logger
    this.jobs = new JobRegistry(options.clock, options.emitProgress)
    const interrupted = this.store.runs.markInterrupted()
    if (interrupted > 0) this.logger.warn('runs interrupted by the last shutdown marked failed', { interrupted })
  }

  // -------------------------------------------------------------------------------------------
  // Preparing a run

  resolveStrategy(ref: StrategyRef): ResolvedStrategy {
    let source: string
    let versionId: number | null = null
    if ('strategyId' in ref) {
      const stored = this.store.strategies.get(ref.strategyId)
      if (!stored) throw new EngineError('not-found', `No strategy with id ${ref.strategyId}.`)
      source = stored.latest.source
      versionId = stored.latest.id
    } else {
      source = ref.source
    }
    const compiled = compileStrategy(source)
    if (!compiled.ok) throw new EngineError('invalid-request', formatDiagnostics(compiled.diagnostics))
    return { name: compiled.info.name, source, hash: strategySourceHash(source), versionId, compiled }
  }

  private async prepare(ref: StrategyRef, data: RunData, conventions: Conventions, options: RunOptions): Promise<Prepared> {
    const strategy = this.resolveStrategy(ref)
    const runs: RunLog = options.persist === false ? new MemoryRunLog(() => this.options.clock.now()) : this.store.runs
    if ('preloaded' in data) return { strategy, data: data.preloaded, selection: { timeframe: data.timeframe, adjusted: data.adjusted }, conventions, runs }
    return { strategy, data: await loadSelection(this.store, this.options.bars, data), selection: data, conventions, runs }
  }

  private manifest(p: Prepared, params: Readonly<Record<string, number>>, extra: Partial<Pick<RunManifest, 'tradeFrom' | 'settings' | 'extra'>> = {}): RunManifest {
    return {
      engineVersion: this.options.engineVersion,
      nativeVersion: this.options.nativeVersion,
      strategy: { name: p.strategy.name, source: p.strategy.source, hash: p.strategy.hash, versionId: p.strategy.versionId },
      params,
      data: {
        timeframe: p.selection.timeframe,
        adjusted: p.selection.adjusted,
        from: p.selection.from ?? null,
        to: p.selection.to ?? null,
        instruments: p.data.instruments,
      },
      conventions: p.conventions,
      tradeFrom: extra.tradeFrom ?? null,
      ...(extra.settings ? { settings: extra.settings } : {}),
      ...(extra.extra ? { extra: extra.extra } : {}),
    }
  }

  private title(p: Prepared, what: string): string {
    const symbols = p.data.instruments.map((i) => i.symbol).join(', ')
    return `${what}${p.strategy.name} on ${symbols} ${p.selection.timeframe}`
  }

  private program(p: Prepared): Program {
    return p.strategy.compiled.program
  }

  private paramRecord(p: Prepared, values: ArrayLike<number>): Record<string, number> {
    return Object.fromEntries(this.program(p).params.map((param, i) => [param.name, values[i] ?? NaN]))
  }

  // -------------------------------------------------------------------------------------------
  // Backtest

  async backtest(request: { strategy: StrategyRef; data: RunData; params: Record<string, number>; conventions: Conventions; clientRef?: string | undefined }, options: RunOptions = {}): Promise<BacktestResult> {
    return this.jobs.run('backtest', request.clientRef, async (job) => {
      const p = await this.prepare(request.strategy, request.data, request.conventions, options)
      const values = this.resolveParams(p, request.params)
      const manifest = this.manifest(p, this.paramRecord(p, values))
      const runId = p.runs.start({ kind: 'backtest', strategyVersionId: p.strategy.versionId, title: this.title(p, ''), manifest })
      return this.finishing(p.runs, runId, 'backtest', async () => {
        const output = await this.runOne(p, values, job, 'backtest')
        return this.completeBacktest(p.runs, runId, manifest, output)
      })
    })
  }

  private resolveParams(p: Prepared, overrides: Readonly<Record<string, number>>): Float64Array {
    try {
      return resolveParamValues(this.program(p), overrides)
    } catch (e) {
      throw new EngineError('invalid-request', e instanceof Error ? e.message : String(e))
    }
  }

  private async runOne(p: Prepared, values: Float64Array, job: Job, phase: string, tradeFrom?: number, series: BarColumns[] = p.data.series): Promise<BacktestOutput> {
    try {
      return await runBacktest(this.program(p), series, values, p.conventions, {
        tradeFrom,
        signal: job.signal,
        onProgress: (done, total) => job.progress(phase, done, total),
      })
    } catch (e) {
      if (e instanceof NativeCancelledError) throw cancelledError('backtest')
      throw e
    }
  }

  private completeBacktest(runs: RunLog, runId: number, manifest: RunManifest, output: BacktestOutput): BacktestResult {
    const equity: EquityCurve = { time: output.equity.time, equity: output.equity.equity, cash: output.equity.cash, drawdown: output.equity.drawdown }
    const trades: TradeColumns = output.trades
    runs.finish(runId, { status: 'completed', summary: { stats: output.stats }, parts: { equity, trades } })
    return { kind: 'backtest', run: this.summary(this.mustGet(runs, runId)), manifest, stats: output.stats, equity, trades }
  }

  /** Runs `work` for a recorded run; records a failure or cancellation before passing it on. */
  private async finishing<T>(runs: RunLog, runId: number, kind: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (e) {
      const cancelled = e instanceof EngineError && e.code === 'cancelled'
      const message = e instanceof Error ? e.message : String(e)
      runs.finish(runId, { status: cancelled ? 'cancelled' : 'failed', error: message })
      if (!cancelled) this.logger.warn(`${kind} failed`, { runId, error: message })
      throw e
    }
  }

  // -------------------------------------------------------------------------------------------
  // Optimisation

  axes(p: Prepared, settings: OptimizeSettings): ParamAxis[] {
    const program = this.program(p)
    for (const name of Object.keys(settings.ranges)) {
      if (!program.params.some((q) => q.name === name)) {
        throw new EngineError('invalid-request', `The strategy has no parameter "${name}" to optimise; it has ${program.params.map((q) => q.name).join(', ') || 'none'}.`)
      }
    }
    const axes = program.params.map((param) => {
      const range = settings.ranges[param.name]
      return range ? axisValues(param.name, range.min, range.max, range.step, param.integer) : axisValues(param.name, param.min, param.max, param.step > 0 ? param.step : 1, param.integer)
    })
    if (axes.every((a) => a.values.length <= 1)) {
      throw new EngineError('invalid-request', `Nothing to optimise: no parameter of "${p.strategy.name}" has a range. Give one as \`param fast = 10 in 5..50 step 5\`.`)
    }
    return axes
  }

  private searchMethod(axes: ParamAxis[], settings: OptimizeSettings): SearchMethod {
    if (settings.method === 'grid') return gridSearch(axes)
    if (settings.method === 'random') return randomSearch(axes, settings.trials, settings.seed)
    return tpeSearch(axes, settings.trials, settings.seed)
  }

  /** The search loop over the native sweep: returns every trial run, in the order run. */
  private async search(p: Prepared, settings: OptimizeSettings, job: Job, phase: string, tradeFrom: number | undefined, series: BarColumns[]): Promise<{ axes: ParamAxis[]; params: number[][]; stats: Float64Array; blockReturns: Float64Array }> {
    const axes = this.axes(p, settings)
    const method = this.searchMethod(axes, settings)
    const planned = settings.method === 'grid' ? axes.reduce((n, a) => n * a.values.length, 1) : Math.min(settings.trials, axes.reduce((n, a) => n * a.values.length, 1))
    // TPE learns between batches, so its batches are small; grid and random batch for throughput.
    const batchSize = settings.method === 'tpe' ? 8 : Math.max(64, Math.ceil(planned / 20))
    const params: number[][] = []
    const statChunks: Float64Array[] = []
    const blockChunks: Float64Array[] = []
    const width = STAT_NAMES.length
    for (;;) {
      job.throwIfCancelled()
      const batch = method.ask(batchSize)
      if (batch.length === 0 || params.length >= MAX_TRIALS) break
      const sets = new Float64Array(batch.length * axes.length)
      batch.forEach((set, i) => sets.set(set, i * axes.length))
      const doneBefore = params.length
      let out
      try {
        out = await runSweep(this.program(p), series, sets, p.conventions, {
          blocks: CSCV_BLOCKS,
          tradeFrom,
          signal: job.signal,
          onProgress: (done, total) => job.progress(phase, doneBefore + (done / Math.max(1, total)) * batch.length, planned),
        })
      } catch (e) {
        if (e instanceof NativeCancelledError) throw cancelledError('optimization')
        throw e
      }
      const scores = batch.map((_, i) => this.score(out.stats, i * width, settings))
      method.tell(batch, scores)
      params.push(...batch)
      statChunks.push(out.stats)
      blockChunks.push(out.blockReturns)
      job.progress(phase, params.length, planned, true)
    }
    return { axes, params, stats: concat(statChunks), blockReturns: concat(blockChunks) }
  }

  private feasible(stats: ArrayLike<number>, offset: number, settings: OptimizeSettings): boolean {
    for (const c of settings.constraints) {
      const v = stats[offset + STAT_INDEX[c.stat]] ?? NaN
      if (!(c.op === '>=' ? v >= c.value : v <= c.value)) return false
    }
    return true
  }

  /** Higher is better; −Infinity when infeasible or undefined. */
  private score(stats: ArrayLike<number>, offset: number, settings: OptimizeSettings): number {
    if (!this.feasible(stats, offset, settings)) return -Infinity
    const v = stats[offset + STAT_INDEX[settings.objective]] ?? NaN
    if (Number.isNaN(v)) return -Infinity
    return settings.direction === 'max' ? v : -v
  }

  async optimize(request: { strategy: StrategyRef; data: RunData; conventions: Conventions; settings: OptimizeSettings; clientRef?: string | undefined }, options: RunOptions = {}): Promise<OptimizationResult> {
    return this.jobs.run('optimization', request.clientRef, async (job) => {
      const p = await this.prepare(request.strategy, request.data, request.conventions, options)
      const settings = request.settings
      this.axes(p, settings) // validate before recording the run
      const manifest = this.manifest(p, {}, { settings })
      const runId = p.runs.start({ kind: 'optimization', strategyVersionId: p.strategy.versionId, title: this.title(p, `Optimise (${settings.method}) `), manifest })
      return this.finishing(p.runs, runId, 'optimization', async () => {
        const found = await this.search(p, settings, job, 'optimising', undefined, p.data.series)
        const n = found.params.length
        const width = STAT_NAMES.length
        const feasible = new Uint8Array(n)
        let best = -1
        let bestScore = -Infinity
        for (let i = 0; i < n; i++) {
          feasible[i] = this.feasible(found.stats, i * width, settings) ? 1 : 0
          const s = this.score(found.stats, i * width, settings)
          if (s > bestScore) {
            bestScore = s
            best = i
          }
        }
        const trials: TrialTable = { paramNames: found.axes.map((a) => a.name), params: Float64Array.from(found.params.flat()), stats: found.stats, feasible }
        let bestRunId: number | null = null
        let bestParams: Record<string, number> | null = null
        let bestReturns: Float64Array = new Float64Array(0)
        if (best >= 0) {
          const values = Float64Array.from(found.params[best] ?? [])
          bestParams = this.paramRecord(p, values)
          job.progress('running the best trial in full', n, n, true)
          const childManifest = this.manifest(p, bestParams)
          const child = p.runs.start({ kind: 'backtest', parentId: runId, strategyVersionId: p.strategy.versionId, title: this.title(p, 'Best trial: '), manifest: childManifest })
          const full = await this.finishing(p.runs, child, 'backtest', async () => this.completeBacktest(p.runs, child, childManifest, await this.runOne(p, values, job, 'best trial')))
          bestRunId = child
          bestReturns = dailyReturns(full.equity.time, full.equity.equity, request.conventions.startingCash)
        }
        const overfitting = this.overfitting(found.stats, found.blockReturns, feasible, best, bestReturns, request.conventions, settings.seed)
        const summary = best >= 0 ? statsOfRow(found.stats, best) : null
        p.runs.finish(runId, {
          status: 'completed',
          summary: { stats: summary, best, bestParams, bestRunId, trials: n, deflatedSharpe: overfitting.deflatedSharpe, pbo: overfitting.pbo },
          parts: { trials, overfitting },
        })
        return { kind: 'optimization', run: this.summary(this.mustGet(p.runs, runId)), manifest, trials, best, bestParams, overfitting, bestRunId } satisfies OptimizationResult
      })
    })
  }

  private overfitting(stats: Float64Array, blockReturns: Float64Array, feasible: Uint8Array, best: number, bestReturns: Float64Array, conventions: Conventions, seed: number): OptimizationResult['overfitting'] {
    const n = feasible.length
    const width = STAT_NAMES.length
    const root = Math.sqrt(conventions.periodsPerYear)
    // Per-period Sharpe of every feasible trial: their spread is what the deflation needs.
    const sharpes: number[] = []
    for (let i = 0; i < n; i++) {
      const s = stats[i * width + STAT_INDEX.sharpe] ?? NaN
      if (feasible[i] && Number.isFinite(s)) sharpes.push(s / root)
    }
    const spread = sharpes.length > 1 ? moments(sharpes).std ** 2 : 0
    const benchmark = expectedMaxSharpe(n, spread)
    const m = moments(bestReturns)
    const bestSharpe = best >= 0 ? (stats[best * width + STAT_INDEX.sharpe] ?? NaN) : NaN
    const dsr = best >= 0 && m.n > 2 ? deflatedSharpe(bestSharpe / root, benchmark, m.n, m.skew, m.kurtosis) : NaN
    const pbo = cscv(blockReturns, n, CSCV_BLOCKS, { include: feasible, seed })
    return {
      trials: n,
      bestSharpe,
      deflatedSharpe: dsr,
      expectedMaxSharpe: benchmark * root,
      pbo: pbo?.pbo ?? null,
      logits: pbo?.logits ?? new Float64Array(0),
      blocks: CSCV_BLOCKS,
    }
  }

  // -------------------------------------------------------------------------------------------
  // Walk-forward

  async walkForward(request: WalkForwardRequest, options: RunOptions = {}): Promise<WalkForwardResult> {
    return this.jobs.run('walk-forward', request.clientRef, async (job) => {
      const p = await this.prepare(request.strategy, request.data, request.conventions, options)
      this.axes(p, request.settings)
      // The windows are cut on the first instrument's bars; a portfolio's others follow by time.
      const timeline = p.data.series[0]?.time ?? new Float64Array(0)
      const spans = walkForwardWindows(timeline.length, request.windows, request.outOfSampleFraction, request.mode)
      const manifest = this.manifest(p, {}, { settings: request.settings, extra: { mode: request.mode, windows: request.windows, outOfSampleFraction: request.outOfSampleFraction } })
      const runId = p.runs.start({ kind: 'walk-forward', strategyVersionId: p.strategy.versionId, title: this.title(p, `Walk-forward (${request.mode}) `), manifest })
      return this.finishing(p.runs, runId, 'walk-forward', async () => {
        const windows: WalkForwardWindow[] = []
        const stitchedTime: number[] = []
        const stitchedEquity: number[] = []
        const stitchedExposed: number[] = []
        const stitchedPnl: number[] = []
        const totals = { tradedValue: 0, commissions: 0 }
        let equityScale = 1
        const width = STAT_NAMES.length
        for (const [w, span] of spans.entries()) {
          const at = (i: number): number => timeline[Math.min(i, timeline.length - 1)] ?? NaN
          const isFrom = at(span.inSampleFrom)
          const oosFrom = at(span.outOfSampleFrom)
          const oosTo = at(span.outOfSampleTo - 1)
          const upTo = (t: number): BarColumns[] => p.data.series.map((s) => sliceBars(s, 0, lowerBound(s.time, t)))
          const found = await this.search(p, request.settings, job, `window ${w + 1} of ${spans.length}: optimising`, isFrom, upTo(oosFrom))
          let best = -1
          let bestScore = -Infinity
          found.params.forEach((_, i) => {
            const s = this.score(found.stats, i * width, request.settings)
            if (s > bestScore) {
              bestScore = s
              best = i
            }
          })
          const window: WalkForwardWindow = {
            inSampleFrom: isFrom,
            inSampleTo: at(span.inSampleTo - 1),
            outOfSampleFrom: oosFrom,
            outOfSampleTo: oosTo,
            params: null,
            inSampleScore: NaN,
            outOfSampleScore: NaN,
            inSampleAnnualReturn: NaN,
            outOfSampleAnnualReturn: NaN,
          }
          if (best < 0) {
            windows.push(window)
            continue
          }
          const values = Float64Array.from(found.params[best] ?? [])
          const oos = await this.runOne(p, values, job, `window ${w + 1} of ${spans.length}: out of sample`, oosFrom, upTo(oosTo + 1e-6))
          const objective = STAT_INDEX[request.settings.objective]
          windows.push({
            ...window,
            params: this.paramRecord(p, values),
            inSampleScore: found.stats[best * width + objective] ?? NaN,
            outOfSampleScore: oos.stats[request.settings.objective],
            inSampleAnnualReturn: found.stats[best * width + STAT_INDEX.annualReturn] ?? NaN,
            outOfSampleAnnualReturn: oos.stats.annualReturn,
          })
          // Chain: each stretch starts from the previous one's end equity, so its money (equity,
          // trade P&L, traded value, commissions) is scaled by the growth before it.
          const start = request.conventions.startingCash
          for (let i = 0; i < oos.equity.time.length; i++) {
            stitchedTime.push(oos.equity.time[i] ?? NaN)
            stitchedEquity.push(((oos.equity.equity[i] ?? NaN) / start) * equityScale * start)
            stitchedExposed.push(oos.equity.exposed[i] ?? 0)
          }
          for (const pnl of oos.trades.pnl) stitchedPnl.push(pnl * equityScale)
          totals.tradedValue += oos.tradedValue * equityScale
          totals.commissions += oos.stats.commissions * equityScale
          equityScale *= oos.stats.finalEquity / start
        }
        const equityValues = Float64Array.from(stitchedEquity)
        const equity: EquityCurve = { time: Float64Array.from(stitchedTime), equity: equityValues, drawdown: drawdownOf(equityValues) }
        // The stitched curve's statistics, by the accumulators a single run uses.
        const stats = computeStats({ time: equity.time, equity: equityValues, exposed: Uint8Array.from(stitchedExposed) }, { pnl: Float64Array.from(stitchedPnl) }, totals, request.conventions)
        const usable = windows.filter((x) => Number.isFinite(x.inSampleAnnualReturn) && Number.isFinite(x.outOfSampleAnnualReturn))
        const meanOf = (f: (x: WalkForwardWindow) => number): number => usable.reduce((s, x) => s + f(x), 0) / usable.length
        const efficiency = usable.length > 0 ? meanOf((x) => x.outOfSampleAnnualReturn) / meanOf((x) => x.inSampleAnnualReturn) : NaN
        p.runs.finish(runId, { status: 'completed', summary: { stats, efficiency }, parts: { windows: { windows }, equity } })
        return { kind: 'walk-forward', run: this.summary(this.mustGet(p.runs, runId)), manifest, mode: request.mode, windows, equity, stats, efficiency } satisfies WalkForwardResult
      })
    })
  }

  // -------------------------------------------------------------------------------------------
  // Monte Carlo

  /** Monte Carlo of a stored backtest run (the Strategy Lab). */
  async monteCarlo(request: MonteCarloRequest): Promise<MonteCarloResult> {
    const source = this.store.runs.get(request.runId)
    if (!source || source.kind !== 'backtest') throw new EngineError('not-found', `No backtest run with id ${request.runId} to simulate from.`)
    if (source.status !== 'completed') throw new EngineError('invalid-request', `Backtest run ${request.runId} did not complete (${source.status}); run it again first.`)
    return this.monteCarloOf(this.backtestResult(source), request)
  }

  /** Monte Carlo of a backtest result in hand; `persist: false` for one that is not in the store (a CLI run of a file). */
  async monteCarloOf(parent: BacktestResult, request: Omit<MonteCarloRequest, 'runId'>, options: RunOptions = {}): Promise<MonteCarloResult> {
    const log: RunLog = options.persist === false ? new MemoryRunLog(() => this.options.clock.now()) : this.store.runs
    return this.jobs.run('monte-carlo', request.clientRef, async (job) => {
      const trades = parent.trades.pnl
      const sourceId = parent.run.id
      if (request.method === 'trade-shuffle' && trades.length < 2) {
        throw new EngineError('invalid-request', `Run ${sourceId} has ${trades.length} closed trade${trades.length === 1 ? '' : 's'}; shuffling needs at least 2. Use the block bootstrap.`)
      }
      const startingCash = parent.manifest.conventions.startingCash
      const manifest: RunManifest = { ...parent.manifest, extra: { sourceRunId: sourceId, method: request.method, iterations: request.iterations, blockSize: request.blockSize, ruinDrawdown: request.ruinDrawdown, seed: request.seed } }
      const stored = log === this.store.runs
      const runId = log.start({ kind: 'monte-carlo', parentId: stored ? sourceId : null, strategyVersionId: parent.manifest.strategy.versionId, title: `Monte Carlo (${request.method}) of run ${sourceId}`, manifest })
      return this.finishing(log, runId, 'monte-carlo', async () => {
        const outcome = runMonteCarlo(
          { tradePnl: trades, dailyReturns: dailyReturns(parent.equity.time, parent.equity.equity, startingCash), startingCash },
          {
            method: request.method,
            iterations: request.iterations,
            blockSize: request.blockSize,
            ruinDrawdown: request.ruinDrawdown,
            seed: request.seed,
            onProgress: (done) => {
              job.progress('simulating', done, request.iterations)
              return !job.signal.aborted
            },
          },
        )
        job.throwIfCancelled()
        const distribution = (values: Float64Array) => {
          const sorted = Float64Array.from(values).sort()
          return { values: sorted, p5: quantileSorted(sorted, 0.05), p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) }
        }
        const result = {
          method: request.method,
          iterations: outcome.completed,
          totalReturn: distribution(outcome.totalReturn),
          maxDrawdown: distribution(outcome.maxDrawdown),
          riskOfRuin: outcome.riskOfRuin,
          ruinDrawdown: request.ruinDrawdown,
          paths: outcome.paths,
          pathLength: outcome.pathLength,
        }
        log.finish(runId, {
          status: 'completed',
          summary: { stats: null, riskOfRuin: result.riskOfRuin, medianReturn: result.totalReturn.p50, medianDrawdown: result.maxDrawdown.p50 },
          parts: { monteCarlo: result },
        })
        return { kind: 'monte-carlo', run: this.summary(this.mustGet(log, runId)), manifest, ...result } satisfies MonteCarloResult
      })
    })
  }

  // -------------------------------------------------------------------------------------------
  // Other tools' statistics

  /**
   * A backtest's statistics as another tool defines them (docs/metrics.md). `data` is the run's
   * own bars when they are not in the store (a file the CLI read); otherwise they are loaded again
   * by the manifest and must still be the bars the run saw (the same fingerprint).
   */
  async statsAs(result: BacktestResult, profile: StatProfile, data?: LoadedSelection): Promise<ProfileStats> {
    const m = result.manifest
    const runName = result.run.id > 0 ? `run ${result.run.id}` : 'this run'
    if (m.data.instruments.length !== 1) {
      throw new EngineError('invalid-request', `${profile} statistics are defined for one instrument; ${runName} trades ${m.data.instruments.length}.`)
    }
    const instrument = m.data.instruments[0] as RunManifest['data']['instruments'][number]
    let bars = data?.series[0]
    if (!bars) {
      const loaded = await loadSelection(this.store, this.options.bars, { instruments: [instrument.id], timeframe: m.data.timeframe, from: m.data.from ?? undefined, to: m.data.to ?? instrument.lastTime, adjusted: m.data.adjusted })
      bars = loaded.series[0] as BarColumns
    }
    if (fingerprintBars(bars) !== instrument.fingerprint) {
      throw new EngineError('invalid-request', `The ${instrument.symbol} bars have changed since ${runName} was made (their fingerprint differs); run the backtest again to compare its statistics.`)
    }
    const curve = result.equity
    const offset = lowerBound(bars.time, curve.time[0] ?? NaN)
    if (bars.time[offset] !== curve.time[0] || bars.time[offset + curve.time.length - 1] !== curve.time[curve.time.length - 1]) {
      throw new EngineError('invalid-request', `The equity curve of ${runName} does not line up with its ${instrument.symbol} bars.`)
    }
    const compiled = compileStrategy(m.strategy.source)
    if (!compiled.ok) throw new EngineError('invalid-request', formatDiagnostics(compiled.diagnostics))
    const values = resolveParamValues(compiled.program, m.params)
    return backtestingPyStats({
      time: curve.time,
      equity: curve.equity,
      close: bars.close.subarray(offset, offset + curve.time.length),
      trades: result.trades,
      warmupBars: indicatorWarmup(compiled.program, bars, values) - offset,
      riskFreeRate: m.conventions.riskFreeRate,
    })
  }

  /** statsAs for a stored backtest run. */
  async runStatsAs(id: number, profile: StatProfile): Promise<ProfileStats> {
    const result = this.getRun(id)
    if (result.kind !== 'backtest') throw new EngineError('invalid-request', `Run ${id} is ${result.kind === 'optimization' ? 'an' : 'a'} ${result.kind}; other tools' statistics are computed for backtests.`)
    return this.statsAs(result, profile)
  }

  // -------------------------------------------------------------------------------------------
  // Stored runs

  listRuns(options: { kind?: RunSummary['kind'] | undefined; limit: number }): RunSummary[] {
    return this.store.runs.list({ kind: options.kind, limit: options.limit }).map((r) => this.summary(r))
  }

  getRun(id: number): RunResult {
    const row = this.store.runs.get(id)
    if (!row) throw new EngineError('not-found', `No run with id ${id}.`)
    if (row.status !== 'completed') throw new EngineError('invalid-request', `Run ${id} ${row.status === 'running' ? 'is still running' : `did not complete (${row.status}${row.error ? `: ${row.error}` : ''})`}.`)
    const manifest = row.manifest as RunManifest
    const run = this.summary(row)
    switch (row.kind) {
      case 'backtest':
        return this.backtestResult(row)
      case 'optimization': {
        const s = row.summary as { best: number; bestParams: Record<string, number> | null; bestRunId: number | null }
        const trials = this.store.runs.part(id, 'trials') as TrialTable
        const overfitting = this.store.runs.part(id, 'overfitting') as OptimizationResult['overfitting']
        return { kind: 'optimization', run, manifest, trials, best: s.best, bestParams: s.bestParams, overfitting, bestRunId: s.bestRunId }
      }
      case 'walk-forward': {
        const s = row.summary as { stats: BacktestStats; efficiency: number }
        const { windows } = this.store.runs.part(id, 'windows') as { windows: WalkForwardWindow[] }
        const extra = (manifest.extra ?? {}) as { mode?: 'anchored' | 'rolling' }
        return { kind: 'walk-forward', run, manifest, mode: extra.mode ?? 'rolling', windows, equity: this.store.runs.part(id, 'equity') as EquityCurve, stats: s.stats, efficiency: s.efficiency }
      }
      case 'monte-carlo': {
        const mc = this.store.runs.part(id, 'monteCarlo') as Omit<MonteCarloResult, 'kind' | 'run' | 'manifest'>
        return { kind: 'monte-carlo', run, manifest, ...mc }
      }
    }
  }

  private backtestResult(row: RunRow): BacktestResult {
    const s = row.summary as { stats: BacktestStats }
    return {
      kind: 'backtest',
      run: this.summary(row),
      manifest: row.manifest as RunManifest,
      stats: s.stats,
      equity: this.store.runs.part(row.id, 'equity') as EquityCurve,
      trades: this.store.runs.part(row.id, 'trades') as TradeColumns,
    }
  }

  deleteRun(id: number): boolean {
    return this.store.runs.delete(id)
  }

  summary(row: RunRow): RunSummary {
    const s = (row.summary ?? null) as { stats?: BacktestStats | null } | null
    return {
      id: row.id,
      kind: row.kind,
      parentId: row.parentId,
      title: row.title,
      status: row.status,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      error: row.error,
      stats: s?.stats ?? null,
    }
  }

  private mustGet(runs: RunLog, id: number): RunRow {
    const row = runs.get(id)
    if (!row) throw new Error(`Run ${id} vanished.`)
    return row
  }

  cancel(jobId: number): boolean {
    return this.jobs.cancel(jobId)
  }

  cancelAll(): void {
    this.jobs.cancelAll()
  }
}

function concat(chunks: Float64Array[]): Float64Array {
  const out = new Float64Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

export function drawdownOf(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length)
  let peak = -Infinity
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] ?? NaN
    if (e > peak) peak = e
    out[i] = peak > 0 ? 1 - e / peak : 0
  }
  return out
}
