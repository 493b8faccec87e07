import { z } from 'zod'
import type { BacktestStats, Conventions, InstrumentId, Timeframe as TimeframeType } from '../domain'
import { Conventions as ConventionsSchema, InstrumentId as InstrumentIdSchema, STAT_NAMES, Timeframe } from '../domain'
import { method, NoRequest } from './define'

// ---------------------------------------------------------------------------------------------
// Strategies

export const StrategyId = z.number().int().positive().brand<'StrategyId'>()
export type StrategyId = z.infer<typeof StrategyId>

/** Largest strategy source accepted (characters). */
export const MAX_STRATEGY_SOURCE = 100_000
const Source = z.string().max(MAX_STRATEGY_SOURCE)

/** A problem in a strategy's source; positions are 1-based, the end exclusive. */
export interface StrategyDiagnostic {
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
  readonly message: string
  readonly severity: 'error' | 'warning'
}

export interface StrategyParamInfo {
  readonly name: string
  readonly default: number
  /** The optimisation range; min = max when the parameter has none. */
  readonly min: number
  readonly max: number
  readonly step: number
  readonly integer: boolean
}

/** What the checker says of a source: its name and parameters when it parses, and every problem. */
export interface StrategyCheck {
  /** True when it compiles (warnings allowed). */
  readonly ok: boolean
  readonly name: string | null
  readonly params: readonly StrategyParamInfo[]
  readonly diagnostics: readonly StrategyDiagnostic[]
}

export interface StrategySummary {
  readonly id: StrategyId
  readonly name: string
  readonly updatedAt: number
  readonly versions: number
}

export interface StrategyDetail extends StrategySummary {
  readonly source: string
  /** SHA-256 of the source: the version a run's manifest names. */
  readonly hash: string
  readonly check: StrategyCheck
}

/** A strategy that ships with Quorum: copy it into a saved strategy to edit it. */
export interface BuiltinStrategy {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly source: string
}

export const SaveStrategyRequest = z
  .object({
    /** Absent: create a new strategy. */
    id: StrategyId.optional(),
    name: z.string().trim().min(1).max(120),
    source: Source,
  })
  .strict()

// ---------------------------------------------------------------------------------------------
// Runs: what to run it on, and how

/** A saved strategy (its newest version) or a source text given directly. */
export const StrategyRef = z.union([z.object({ strategyId: StrategyId }).strict(), z.object({ source: Source }).strict()])
export type StrategyRef = z.infer<typeof StrategyRef>

export const DataSelection = z
  .object({
    /** One instrument, or several sharing one cash account (a portfolio backtest). */
    instruments: z.array(InstrumentIdSchema).min(1).max(100),
    timeframe: Timeframe,
    /** Epoch seconds, inclusive; absent: from the first stored bar. */
    from: z.number().finite().optional(),
    /** Epoch seconds, inclusive; absent: to the last stored bar. */
    to: z.number().finite().optional(),
    /** Split- and dividend-adjusted prices (the default for backtests) or raw ones. */
    adjusted: z.boolean().default(true),
  })
  .strict()
export type DataSelection = z.infer<typeof DataSelection>

const ParamValues = z.record(z.string(), z.number().finite()).default({})
const ClientRef = z.string().max(64).optional()

export const RunBacktestRequest = z
  .object({
    strategy: StrategyRef,
    data: DataSelection,
    /** By name; missing ones take the strategy's defaults. */
    params: ParamValues,
    conventions: ConventionsSchema.default(ConventionsSchema.parse({})),
    clientRef: ClientRef,
  })
  .strict()
export type RunBacktestRequest = z.input<typeof RunBacktestRequest>

export const StatName = z.enum(STAT_NAMES)

export const Constraint = z.object({ stat: StatName, op: z.enum(['>=', '<=']), value: z.number().finite() }).strict()
export type Constraint = z.infer<typeof Constraint>

/** One parameter's search range; absent parameters use the strategy's own range. */
export const ParamRange = z.object({ min: z.number().finite(), max: z.number().finite(), step: z.number().positive().finite() }).strict()

export const SEARCH_METHODS = ['grid', 'random', 'tpe'] as const

export const OptimizeSettings = z
  .object({
    method: z.enum(SEARCH_METHODS).default('grid'),
    /** Trials for random and TPE; grid runs every combination (at most 100,000). */
    trials: z.number().int().positive().max(100_000).default(200),
    objective: StatName.default('sharpe'),
    direction: z.enum(['max', 'min']).default('max'),
    constraints: z.array(Constraint).max(20).default([]),
    ranges: z.record(z.string(), ParamRange).default({}),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .strict()
export type OptimizeSettings = z.infer<typeof OptimizeSettings>

export const RunOptimizationRequest = z
  .object({
    strategy: StrategyRef,
    data: DataSelection,
    conventions: ConventionsSchema.default(ConventionsSchema.parse({})),
    settings: OptimizeSettings.default(OptimizeSettings.parse({})),
    clientRef: ClientRef,
  })
  .strict()
export type RunOptimizationRequest = z.input<typeof RunOptimizationRequest>

export const RunWalkForwardRequest = z
  .object({
    strategy: StrategyRef,
    data: DataSelection,
    conventions: ConventionsSchema.default(ConventionsSchema.parse({})),
    settings: OptimizeSettings.default(OptimizeSettings.parse({})),
    /** `anchored`: every in-sample window starts at the first bar; `rolling`: windows slide. */
    mode: z.enum(['anchored', 'rolling']).default('rolling'),
    /** Number of out-of-sample windows. */
    windows: z.number().int().min(2).max(50).default(5),
    /** Out-of-sample length as a share of in-sample + out-of-sample (rolling), e.g. 0.25. */
    outOfSampleFraction: z.number().gt(0).lt(1).default(0.25),
    clientRef: ClientRef,
  })
  .strict()
export type RunWalkForwardRequest = z.input<typeof RunWalkForwardRequest>

export const RunMonteCarloRequest = z
  .object({
    /** A completed backtest run. */
    runId: z.number().int().positive(),
    method: z.enum(['trade-shuffle', 'block-bootstrap']).default('trade-shuffle'),
    iterations: z.number().int().min(100).max(100_000).default(2_000),
    /** Block length in days for the block bootstrap. */
    blockSize: z.number().int().min(1).max(250).default(20),
    /** A path whose drawdown reaches this fraction counts as ruin, e.g. 0.5. */
    ruinDrawdown: z.number().gt(0).max(1).default(0.5),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    clientRef: ClientRef,
  })
  .strict()
export type RunMonteCarloRequest = z.input<typeof RunMonteCarloRequest>

export const JobId = z.number().int().positive()
export const CancelJobRequest = z.object({ jobId: JobId }).strict()

export type JobKind = 'backtest' | 'optimization' | 'walk-forward' | 'monte-carlo'

/** A long Strategy Lab job: at most every 100 ms while it runs. */
export interface JobProgress {
  readonly jobId: number
  readonly clientRef: string | null
  readonly kind: JobKind
  /** What it is doing, for the progress bar's label, e.g. "window 2 of 5: optimising". */
  readonly phase: string
  readonly done: number
  readonly total: number
}

// ---------------------------------------------------------------------------------------------
// Run results

export type RunKind = JobKind
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled'

export interface ManifestInstrument {
  readonly id: InstrumentId
  readonly symbol: string
  readonly exchange: string
  readonly bars: number
  readonly firstTime: number
  readonly lastTime: number
  /** SHA-256 of the bars' six columns as little-endian doubles: the same bars give the same print. */
  readonly fingerprint: string
}

/** Everything needed to run it again and get the same result. */
export interface RunManifest {
  readonly engineVersion: string
  readonly nativeVersion: string
  readonly strategy: { readonly name: string; readonly source: string; readonly hash: string; readonly versionId: number | null }
  readonly params: Readonly<Record<string, number>>
  readonly data: {
    readonly timeframe: TimeframeType
    readonly adjusted: boolean
    readonly from: number | null
    readonly to: number | null
    readonly instruments: readonly ManifestInstrument[]
  }
  readonly conventions: Conventions
  /** Bars before this only warm the indicators up (walk-forward windows). */
  readonly tradeFrom: number | null
  /** Optimisation settings, for optimisation and walk-forward runs. */
  readonly settings?: OptimizeSettings
  readonly extra?: Readonly<Record<string, unknown>>
}

export interface RunSummary {
  readonly id: number
  readonly kind: RunKind
  readonly parentId: number | null
  readonly title: string
  readonly status: RunStatus
  readonly startedAt: number
  readonly finishedAt: number | null
  readonly error: string | null
  /** Headline statistics (a backtest's, an optimisation's best trial's, a walk-forward's stitched out-of-sample). */
  readonly stats: BacktestStats | null
}

export interface EquityCurve {
  readonly time: Float64Array
  readonly equity: Float64Array
  /** Cash after the bar (a backtest's; absent on a stitched walk-forward curve and on runs stored before it was kept). */
  readonly cash?: Float64Array
  /** 1 − equity / the running peak: 0 at a peak, 0.25 a quarter below it (docs/metrics.md). */
  readonly drawdown: Float64Array
}

/** The closed trades, one row each, in the order they closed (one definition: the native wrapper returns this). */
export interface TradeColumns {
  /** Index into the run's instruments (the manifest's list). */
  readonly instrument: Int32Array
  /** +1 long, −1 short. */
  readonly side: Int8Array
  readonly entryTime: Float64Array
  /** The fill price; volume-weighted when the entry took several fills (the volume cap). */
  readonly entryPrice: Float64Array
  readonly exitTime: Float64Array
  /** The fill price; volume-weighted when the exit took several fills. */
  readonly exitPrice: Float64Array
  readonly quantity: Float64Array
  /** Net of commission. */
  readonly pnl: Float64Array
  readonly commission: Float64Array
  /** Worst open P&L over the trade in currency (≤ 0), from the bars' lows (longs) or highs (shorts). */
  readonly mae: Float64Array
  /** Best open P&L over the trade in currency (≥ 0). */
  readonly mfe: Float64Array
  readonly barsHeld: Int32Array
  /** Index into EXIT_REASONS. */
  readonly exitReason: Uint8Array
}

export interface BacktestResult {
  readonly kind: 'backtest'
  readonly run: RunSummary
  readonly manifest: RunManifest
  readonly stats: BacktestStats
  readonly equity: EquityCurve
  readonly trades: TradeColumns
}

export interface TrialTable {
  /** Parameter names, the columns of `params`. */
  readonly paramNames: readonly string[]
  /** trials × paramNames, row-major. */
  readonly params: Float64Array
  /** trials × STAT_NAMES, row-major. */
  readonly stats: Float64Array
  /** Per trial: 1 when it met every constraint. */
  readonly feasible: Uint8Array
}

export interface OverfittingReport {
  /** Trials actually run: what the deflation accounts for. */
  readonly trials: number
  /** Sharpe of the best trial, per period and annualised. */
  readonly bestSharpe: number
  /** The Deflated Sharpe Ratio: probability that the best trial's true Sharpe exceeds the best expected from luck alone. */
  readonly deflatedSharpe: number
  /** Sharpe a best-of-N by luck would show (annualised), which the DSR compares against. */
  readonly expectedMaxSharpe: number
  /** Probability of Backtest Overfitting by CSCV (null with fewer than 2 feasible trials). */
  readonly pbo: number | null
  /** The CSCV logits λ of each split, for the histogram. */
  readonly logits: Float64Array
  readonly blocks: number
}

export interface OptimizationResult {
  readonly kind: 'optimization'
  readonly run: RunSummary
  readonly manifest: RunManifest
  readonly trials: TrialTable
  /** Index of the best feasible trial, or −1 when none met the constraints. */
  readonly best: number
  readonly bestParams: Readonly<Record<string, number>> | null
  readonly overfitting: OverfittingReport
  /** The best trial run again in full (equity and trades), stored as a child run. */
  readonly bestRunId: number | null
}

export interface WalkForwardWindow {
  readonly inSampleFrom: number
  readonly inSampleTo: number
  readonly outOfSampleFrom: number
  readonly outOfSampleTo: number
  readonly params: Readonly<Record<string, number>> | null
  readonly inSampleScore: number
  readonly outOfSampleScore: number
  readonly inSampleAnnualReturn: number
  readonly outOfSampleAnnualReturn: number
}

export interface WalkForwardResult {
  readonly kind: 'walk-forward'
  readonly run: RunSummary
  readonly manifest: RunManifest
  readonly mode: 'anchored' | 'rolling'
  readonly windows: readonly WalkForwardWindow[]
  /** The out-of-sample stretches chained, each starting from the last one's end equity. */
  readonly equity: EquityCurve
  readonly stats: BacktestStats
  /** Mean out-of-sample annual return over mean in-sample annual return, across the windows. */
  readonly efficiency: number
}

export interface Distribution {
  /** Sorted samples. */
  readonly values: Float64Array
  readonly p5: number
  readonly p50: number
  readonly p95: number
}

export interface MonteCarloResult {
  readonly kind: 'monte-carlo'
  readonly run: RunSummary
  readonly manifest: RunManifest
  readonly method: 'trade-shuffle' | 'block-bootstrap'
  readonly iterations: number
  readonly totalReturn: Distribution
  readonly maxDrawdown: Distribution
  /** Share of paths whose drawdown reached `ruinDrawdown`. */
  readonly riskOfRuin: number
  readonly ruinDrawdown: number
  /** A few paths (percentile-ranked by final equity) for the fan chart: paths × points, row-major. */
  readonly paths: Float64Array
  readonly pathLength: number
}

export type RunResult = BacktestResult | OptimizationResult | WalkForwardResult | MonteCarloResult

export const ListRunsRequest = z
  .object({ kind: z.enum(['backtest', 'optimization', 'walk-forward', 'monte-carlo']).optional(), limit: z.number().int().positive().max(1000).default(100) })
  .strict()
export const RunIdRequest = z.object({ id: z.number().int().positive() }).strict()

export interface RunReport {
  readonly fileName: string
  /** One self-contained HTML file: no scripts, no network. */
  readonly html: string
}

/**
 * Another backtester's statistic definitions, computed over a Quorum run so its figures can be
 * compared with that tool's number for number (docs/metrics.md, "Other tools' statistics").
 */
export const STAT_PROFILES = ['backtesting.py'] as const
export const StatProfile = z.enum(STAT_PROFILES)
export type StatProfile = z.infer<typeof StatProfile>

/** How a profile statistic reads: times in epoch seconds, durations in seconds, percentages already × 100. */
export type ProfileStatKind = 'time' | 'duration' | 'money' | 'percent' | 'number' | 'count'

export interface ProfileStat {
  /** The tool's own label, e.g. `Return (Ann.) [%]`. */
  readonly label: string
  readonly kind: ProfileStatKind
  /** null where the tool gives NaN (undefined for this run). */
  readonly value: number | null
}

export interface ProfileStats {
  readonly profile: StatProfile
  /** The tool and the version whose definitions these are. */
  readonly title: string
  readonly stats: readonly ProfileStat[]
}

export const StatsAsRequest = z.object({ id: z.number().int().positive(), profile: StatProfile }).strict()

export const StrategyIdRequest = z.object({ id: StrategyId }).strict()
export const CheckStrategyRequest = z.object({ source: Source }).strict()

export const strategyMethods = {
  list: method<typeof NoRequest, readonly StrategySummary[]>(NoRequest),
  builtins: method<typeof NoRequest, readonly BuiltinStrategy[]>(NoRequest),
  get: method<typeof StrategyIdRequest, StrategyDetail>(StrategyIdRequest),
  save: method<typeof SaveStrategyRequest, StrategyDetail>(SaveStrategyRequest),
  delete: method<typeof StrategyIdRequest, { readonly deleted: boolean }>(StrategyIdRequest),
  check: method<typeof CheckStrategyRequest, StrategyCheck>(CheckStrategyRequest),
} as const

export const backtestMethods = {
  run: method<typeof RunBacktestRequest, BacktestResult>(RunBacktestRequest),
  optimize: method<typeof RunOptimizationRequest, OptimizationResult>(RunOptimizationRequest),
  walkForward: method<typeof RunWalkForwardRequest, WalkForwardResult>(RunWalkForwardRequest),
  monteCarlo: method<typeof RunMonteCarloRequest, MonteCarloResult>(RunMonteCarloRequest),
  cancel: method<typeof CancelJobRequest, { readonly cancelled: boolean }>(CancelJobRequest),
} as const

export const runMethods = {
  list: method<typeof ListRunsRequest, readonly RunSummary[]>(ListRunsRequest),
  get: method<typeof RunIdRequest, RunResult>(RunIdRequest),
  delete: method<typeof RunIdRequest, { readonly deleted: boolean }>(RunIdRequest),
  report: method<typeof RunIdRequest, RunReport>(RunIdRequest),
  /** A backtest run's statistics as another tool defines them. */
  statsAs: method<typeof StatsAsRequest, ProfileStats>(StatsAsRequest),
} as const
