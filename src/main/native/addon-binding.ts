import type { TradeColumns } from '../../shared/contract'
import { type AggregationSpec, type BarColumns, type Conventions, type IndicatorInfo, type TickColumns } from '../../shared/domain'
import { type Program } from './strategy-program'

/** What the addon's `nativeInfo()` reports; `napiVersion` is the Node-API version it targets. */
export interface NativeInfo {
  readonly version: string
  readonly napiVersion: number
  readonly compiler: string
}

export type ResampleStatus = 'ok' | 'invalid-time' | 'not-ascending' | 'output-too-small' | 'cancelled'

/** `buckets` is meaningful for 'ok'; `index` names the offending bar for the two time failures. */
export interface ResampleOutcome {
  readonly status: ResampleStatus
  readonly buckets: number
  readonly index: number
}

/** A job on the addon's worker pool; `cancel()` is honoured between chunks of 64k bars. */
export interface NativeJob<T> {
  readonly promise: Promise<T>
  cancel(): void
}

/** Reports the number of input bars the pass has finished. */
export type NativeProgress = (barsDone: number) => void

/** One live indicator instance (native/napi/indicator_binding.cpp). */
export interface NativeIndicatorStream {
  update(time: number, open: number, high: number, low: number, close: number, volume: number, out: Float64Array): void
}

export type TickPushStatus = 'ok' | 'invalid-time' | 'not-ascending' | 'invalid-price' | 'invalid-size' | 'too-many-bars' | 'flushed' | 'cancelled'

/** `index` names the offending tick for the failures; `pending` counts completed bars waiting to be drained. */
export interface TickPushOutcome {
  readonly status: TickPushStatus
  readonly index: number
  readonly pending: number
}

/**
 * One native tick aggregator (native/napi/tick_aggregation_binding.cpp). Completed bars wait in it
 * until drained into columns JS allocated; the open bar is mirrored into the constructor's state
 * array ([has partial, time, open, high, low, close, volume]) after every call.
 */
export interface NativeTickBarBuilder {
  /** Returns the number of bars waiting; throws a RangeError for a rejected tick. */
  push(time: number, price: number, size: number, conditions: number): number
  pushMany(ticks: TickColumns): TickPushOutcome
  pushManyAsync(ticks: TickColumns, onProgress: NativeProgress | undefined): NativeJob<TickPushOutcome>
  /** Moves the oldest output.time.length waiting bars into output. */
  drain(output: BarColumns): number
  /** Closes the open bar; returns the number of bars waiting. */
  flush(): number
  counts(): { readonly excluded: number; readonly outsideSessions: number }
}

/** Options both backtest entry points read; `tradeFrom` is epoch seconds (undefined: none). */
export interface NativeRunOptions {
  readonly tradeFrom: number | undefined
  readonly chunkSize: number
}

export interface NativeSweepOptions extends NativeRunOptions {
  readonly blocks: number
  readonly threads: number
}

/** The equity curve's columns, one row per step from tradeFrom: views of one fresh ArrayBuffer (backtest.ts), or the caller's curveInto. */
export interface NativeEquityColumns {
  /** Absent for a single instrument: its curve's times are its own bar times (a view, no copy). */
  readonly time?: Float64Array
  readonly equity: Float64Array
  readonly cash: Float64Array
  readonly drawdown: Float64Array
  readonly exposed: Uint8Array
}

/** The trades, one typed array per column, all views of one ArrayBuffer. */
export type NativeTradeColumns = TradeColumns

export interface NativeBacktestOutcome {
  readonly status: 'ok' | 'cancelled'
  /** STAT_NAMES order. */
  readonly stats: Float64Array
  /** Σ quantity × price of the run's fills. */
  readonly tradedValue: number
  readonly trades: NativeTradeColumns
}

/** Reports steps of the merged timeline done (a sweep: parameter sets × steps). */
export type NativeStepProgress = (stepsDone: number) => void

/** The addon's exports, as `native/napi/*.cpp` registers them. Only this folder sees this shape. */
export interface NativeBinding {
  indicatorList(): IndicatorInfo[]
  indicatorLookback(name: string, params: Float64Array): number
  indicatorBatch(name: string, params: Float64Array, bars: BarColumns, outputs: Float64Array[]): void
  /** The promise resolves to false when cancelled. */
  indicatorBatchAsync(name: string, params: Float64Array, bars: BarColumns, outputs: Float64Array[]): NativeJob<boolean>
  IndicatorStream: new (name: string, params: Float64Array) => NativeIndicatorStream
  nativeInfo(): NativeInfo
  /** Throws a RangeError naming the problem for an invalid program or indicator parameter. */
  runBacktest(
    program: Program,
    instruments: readonly BarColumns[],
    params: Float64Array,
    conventions: Conventions,
    options: NativeRunOptions,
    equity: NativeEquityColumns,
    onProgress: NativeStepProgress | undefined,
  ): NativeJob<NativeBacktestOutcome>
  /** Writes stats (n × STAT_NAMES.length) and blockReturns (n × blocks × 3). */
  runSweep(
    program: Program,
    instruments: readonly BarColumns[],
    paramSets: Float64Array,
    conventions: Conventions,
    options: NativeSweepOptions,
    stats: Float64Array,
    blockReturns: Float64Array,
    onProgress: NativeStepProgress | undefined,
  ): NativeJob<{ readonly status: 'ok' | 'cancelled' }>
  /** Runs the VM over one instrument on the calling thread and writes every register's series. */
  evaluateProgram(program: Program, bars: BarColumns, params: Float64Array, options: NativeRunOptions, registers: Float64Array[]): void
  /** The first index whose time is not finite or not after the one before it; -1 when all are in order. */
  firstUnorderedTime(time: Float64Array): number
  /** The metrics accumulators over a given curve and trades, on the calling thread; STAT_NAMES order. */
  computeStats(
    curve: { readonly time: Float64Array; readonly equity: Float64Array; readonly exposed: Uint8Array },
    pnl: Float64Array,
    totals: { readonly tradedValue: number; readonly commissions: number },
    conventions: Conventions,
  ): Float64Array
  TickBarBuilder: new (spec: AggregationSpec, state: Float64Array) => NativeTickBarBuilder
  readBandwidthProbe(ticks: TickColumns): number
  resampleCount(time: Float64Array, periodSeconds: number, anchorSeconds: number): ResampleOutcome
  resampleFill(input: BarColumns, output: BarColumns, periodSeconds: number, anchorSeconds: number): ResampleOutcome
  resampleCountAsync(
    time: Float64Array,
    periodSeconds: number,
    anchorSeconds: number,
    onProgress: NativeProgress | undefined,
  ): NativeJob<ResampleOutcome>
  resampleFillAsync(
    input: BarColumns,
    output: BarColumns,
    periodSeconds: number,
    anchorSeconds: number,
    onProgress: NativeProgress | undefined,
  ): NativeJob<ResampleOutcome>
}

export const NATIVE_BINDING_FUNCTIONS = [
  'nativeInfo',
  'indicatorList',
  'indicatorLookback',
  'indicatorBatch',
  'indicatorBatchAsync',
  'IndicatorStream',
  'resampleCount',
  'resampleFill',
  'resampleCountAsync',
  'resampleFillAsync',
  'TickBarBuilder',
  'readBandwidthProbe',
  'runBacktest',
  'runSweep',
  'evaluateProgram',
  'computeStats',
  'firstUnorderedTime',
] as const satisfies ReadonlyArray<keyof NativeBinding>
