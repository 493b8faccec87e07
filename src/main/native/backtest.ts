import type { TradeColumns } from '../../shared/contract'
import { types } from 'node:util'
import {
  BAR_FIELDS,
  type BacktestStats,
  type BarColumns,
  Conventions,
  type ConventionsInput,
  STAT_NAMES,
} from '../../shared/domain'
import { EngineError } from '../kernel'
import { type NativeBacktestOutcome, type NativeEquityColumns } from './addon-binding'
import { nativeBinding } from './addon-loader'
import { findIndicator } from './indicators'
import { NativeCancelledError } from './native-cancelled-error'
import { JobControl, ProgressReporter } from './native-job'
import { Op, type Program, type ProgramDistance, type ProgramOrder, type ProgramValue } from './strategy-program'

/** Bars per VM chunk: the registers of a chunk stay in L2. Results never depend on it. */
export const DEFAULT_CHUNK_SIZE = 4096
/** Spans of the timeline a sweep sums daily returns over (for CSCV). */
export const DEFAULT_SWEEP_BLOCKS = 16

export interface BacktestOptions {
  /** Epoch seconds: bars before it only warm up indicators; the equity curve starts at the first bar at or after it. */
  readonly tradeFrom?: number
  /** Aborting rejects the Promise with NativeCancelledError. */
  readonly signal?: AbortSignal
  /**
   * Called on the JS thread with steps done of `total`, strictly increasing, ending with done === total.
   * A step is one bar of the merged timeline (every bar, warm-up included); a sweep counts
   * parameter sets × steps. Throwing from it cancels the run and rejects with that error.
   */
  readonly onProgress?: (done: number, total: number) => void
  /** Bars per VM chunk (default 4096). For tests and tuning: the results are the same for any size. */
  readonly chunkSize?: number
}

/** The equity curve's columns a run writes (the times are the bars' own, or fresh for several instruments). */
export type CurveColumns = Omit<EquityColumns, 'time'>

export interface RunBacktestOptions extends BacktestOptions {
  /**
   * Columns to write the equity curve into instead of fresh ones, e.g. the `equity` of a result
   * already read: for a caller that runs backtest after backtest and is done with each curve
   * before the next (walk-forward windows, a batch). A 1M-bar curve is 25 MB; a fresh one each
   * run makes V8 collect garbage about once a run, which slows the run it overlaps. Each column
   * needs one row per step of the merged timeline from tradeFrom and memory of its own (not
   * shared with another column or the bars). The result's columns are then these arrays, so
   * anything else reading them sees this run's curve; leave them untouched while the run is
   * pending. Several instruments' curve times still come in a fresh column.
   */
  readonly curveInto?: CurveColumns
}

export interface SweepOptions extends BacktestOptions {
  /** Worker threads (default: the core count); the parameter sets are split contiguously over them. */
  readonly threads?: number
  /** Equal spans of the timeline for blockReturns (default 16). */
  readonly blocks?: number
}

/** The equity curve, one row per bar of the merged timeline from tradeFrom. */
export interface EquityColumns {
  readonly time: Float64Array
  /** cash + Σ quantity × close, after the bar. */
  readonly equity: Float64Array
  readonly cash: Float64Array
  /** 1 − equity / the highest equity so far (startingCash included): 0 at a peak, 0.25 a quarter below it. */
  readonly drawdown: Float64Array
  /** 1 when a position (any instrument) is open after the bar, as the statistics' exposure counts it; else 0. */
  readonly exposed: Uint8Array
}

/** The closed trades (the contract's shape, so runs cross to the renderer as they are). */
export type { TradeColumns }

export interface BacktestOutput {
  readonly stats: BacktestStats
  readonly equity: EquityColumns
  readonly trades: TradeColumns
  /** Σ quantity × fill price over every fill, entries and exits (the turnover's numerator; computeStats' totals). */
  readonly tradedValue: number
}

/** What computeStats reads of an equity curve: one point per step, in time order. */
export interface StatsCurve {
  readonly time: Float64Array
  readonly equity: Float64Array
  readonly exposed: Uint8Array
}

/** The fills' totals behind turnover and commissions. */
export interface FillTotals {
  readonly tradedValue: number
  readonly commissions: number
}

export interface SweepOutput {
  /** Parameter sets run (rows). */
  readonly count: number
  /** count × STAT_NAMES.length, row-major, STAT_NAMES order; statsOfRow reads one row. */
  readonly stats: Float64Array
  readonly blocks: number
  /** count × blocks × 3: the count, sum and sum of squares of the daily returns in each block. */
  readonly blockReturns: Float64Array
}

/**
 * Runs `program` over `instruments` (one cash account; several instruments share it on their
 * merged timeline) with the strategy's parameter values `params`, in Program.params order.
 * Semantics: docs/design/strategy-program.md; statistics: docs/metrics.md. Rejects with an
 * EngineError ('invalid-request') naming what is wrong for a bad program, parameter, bar column
 * or convention, and with NativeCancelledError when aborted. The bar columns are read while the
 * Promise is pending: leave them untouched until it settles.
 */
export async function runBacktest(
  program: Program,
  instruments: readonly BarColumns[],
  params: Float64Array | readonly number[],
  conventions: ConventionsInput = {},
  options: RunBacktestOptions = {},
): Promise<BacktestOutput> {
  checkProgram(program)
  const values = checkParams(program, Float64Array.from(params), 'params')
  const bars = checkInstruments(instruments)
  const parsed = parseConventions(conventions)
  const tradeFrom = checkTradeFrom(options.tradeFrom)
  const chunkSize = checkChunkSize(options.chunkSize)
  const { steps, activeSteps } = countSteps(bars, tradeFrom)
  const { signal, onProgress, curveInto } = options
  if (curveInto !== undefined) checkCurveInto(curveInto, activeSteps, bars)
  if (signal?.aborted) throw new NativeCancelledError({ cause: signal.reason })
  // One instrument: the curve's times are that instrument's own bar times from tradeFrom, so
  // they are returned as a view of its time column instead of being copied.
  const ownTimes = bars.length === 1 ? bars[0]?.time.subarray(steps - activeSteps) : undefined
  const equity: NativeEquityColumns =
    curveInto === undefined
      ? equityColumns(activeSteps, ownTimes === undefined)
      : { ...pickCurve(curveInto), ...(ownTimes === undefined && { time: new Float64Array(activeSteps) }) }
  const control = new JobControl<NativeBacktestOutcome>(signal)
  try {
    const progress = onProgress && new ProgressReporter(steps, onProgress, (error) => control.fail(error))
    const outcome = await control.run(() =>
      nativeRun(() =>
        nativeBinding().runBacktest(program, bars, values, parsed, { tradeFrom, chunkSize }, equity, progress && ((done) => progress.report(done))),
      ),
    )
    progress?.report(steps)
    control.throwIfStopped()
    const time = ownTimes ?? equity.time
    if (time === undefined) throw new Error('runBacktest: the equity curve has no time column')
    return { stats: statsOfRow(outcome.stats, 0), equity: { time, equity: equity.equity, cash: equity.cash, drawdown: equity.drawdown, exposed: equity.exposed }, trades: tradeColumns(outcome), tradedValue: outcome.tradedValue }
  } finally {
    control.dispose()
  }
}

/**
 * Runs `program` once per row of `paramSets` (row-major, Program.params.length values a row) in
 * one pass over the data: indicator instances that resolve to the same parameters are computed
 * once per thread and shared. Row r of the output is bit for bit what runBacktest gives for row r.
 */
export async function runSweep(
  program: Program,
  instruments: readonly BarColumns[],
  paramSets: Float64Array,
  conventions: ConventionsInput = {},
  options: SweepOptions = {},
): Promise<SweepOutput> {
  checkProgram(program)
  if (!types.isFloat64Array(paramSets)) throw invalid(`paramSets must be a Float64Array (got ${describe(paramSets)})`)
  const width = program.params.length
  if (width === 0) throw invalid('runSweep needs a program with parameters to vary; use runBacktest for a program without any')
  if (paramSets.length === 0 || paramSets.length % width !== 0) {
    throw invalid(`paramSets must hold a whole number of rows of ${width} parameters (got ${paramSets.length} values)`)
  }
  const count = paramSets.length / width
  for (let row = 0; row < count; row++) checkParams(program, paramSets.subarray(row * width, (row + 1) * width), `paramSets row ${row}`)
  const bars = checkInstruments(instruments)
  const parsed = parseConventions(conventions)
  const tradeFrom = checkTradeFrom(options.tradeFrom)
  const chunkSize = checkChunkSize(options.chunkSize)
  const blocks = checkWholeNumber(options.blocks ?? DEFAULT_SWEEP_BLOCKS, 'blocks', 1, 1_000_000)
  const threads = options.threads === undefined ? 0 : checkWholeNumber(options.threads, 'threads', 1, 1024)
  const { steps } = countSteps(bars, tradeFrom)
  const { signal, onProgress } = options
  if (signal?.aborted) throw new NativeCancelledError({ cause: signal.reason })
  const stats = new Float64Array(count * STAT_NAMES.length)
  const blockReturns = new Float64Array(count * blocks * 3)
  const control = new JobControl<{ readonly status: 'ok' | 'cancelled' }>(signal)
  try {
    const total = steps * count
    const progress = onProgress && new ProgressReporter(total, onProgress, (error) => control.fail(error))
    await control.run(() =>
      nativeRun(() =>
        nativeBinding().runSweep(
          program,
          bars,
          paramSets,
          parsed,
          { tradeFrom, chunkSize, blocks, threads },
          stats,
          blockReturns,
          progress && ((done) => progress.report(done)),
        ),
      ),
    )
    progress?.report(total)
    control.throwIfStopped()
    return { count, stats, blocks, blockReturns }
  } finally {
    control.dispose()
  }
}

/**
 * The strategy's series: every register of `program` over `bars`, as the VM computes them in a
 * backtest (register r is element r). Runs on the calling thread; for tests, and for plotting a
 * strategy's expressions under a chart.
 */
export function evaluateProgram(
  program: Program,
  bars: BarColumns,
  params: Float64Array | readonly number[],
  options: { readonly chunkSize?: number } = {},
): Float64Array[] {
  checkProgram(program)
  const values = checkParams(program, Float64Array.from(params), 'params')
  const [columns] = checkInstruments([bars]) as [BarColumns]
  const chunkSize = checkChunkSize(options.chunkSize)
  const registers = Array.from({ length: program.registerCount }, () => new Float64Array(columns.time.length))
  nativeRun(() => nativeBinding().evaluateProgram(program, columns, values, { tradeFrom: undefined, chunkSize }, registers))
  return registers
}

/**
 * The statistics of any equity curve (docs/metrics.md), by the accumulators a run uses: `curve`
 * one point per step in time order, `trades.pnl` the closed trades' net P&L in the order they
 * closed, `totals` the fills' traded value and commissions; startingCash, periodsPerYear and
 * riskFreeRate come from `conventions`. Over a run's own curve, trades and totals it gives that
 * run's statistics bit for bit; walk-forward computes its stitched out-of-sample curve's with it.
 * Synchronous (one pass over the points).
 */
export function computeStats(
  curve: StatsCurve,
  trades: { readonly pnl: Float64Array },
  totals: FillTotals,
  conventions: ConventionsInput = {},
): BacktestStats {
  if (typeof curve !== 'object' || curve === null) throw invalid(`curve must be { time, equity, exposed } (got ${describe(curve)})`)
  const { time, equity, exposed } = curve
  if (!types.isFloat64Array(time)) throw invalid(`curve.time must be a Float64Array (got ${describe(time)})`)
  if (!types.isFloat64Array(equity)) throw invalid(`curve.equity must be a Float64Array (got ${describe(equity)})`)
  if (!types.isUint8Array(exposed)) throw invalid(`curve.exposed must be a Uint8Array (got ${describe(exposed)})`)
  if (equity.length !== time.length) throw invalid(`curve.equity has ${equity.length} values but curve.time has ${time.length}`)
  if (exposed.length !== time.length) throw invalid(`curve.exposed has ${exposed.length} values but curve.time has ${time.length}`)
  if (time.length > 0) {
    const bad = firstUnorderedTime(time)
    if (bad === 0) throw invalid(`curve.time[0] is ${time[0]}: times must be finite epoch seconds`)
    if (bad > 0) throw invalid(`curve.time must be strictly ascending, but time[${bad}] = ${time[bad]} follows time[${bad - 1}] = ${time[bad - 1]}`)
  }
  if (typeof trades !== 'object' || trades === null || !types.isFloat64Array(trades.pnl)) throw invalid('trades.pnl must be a Float64Array')
  if (typeof totals !== 'object' || totals === null || !Number.isFinite(totals.tradedValue) || !Number.isFinite(totals.commissions)) {
    throw invalid('totals must be { tradedValue, commissions } (finite numbers)')
  }
  const parsed = parseConventions(conventions)
  const stats = nativeRun(() => nativeBinding().computeStats({ time, equity, exposed }, trades.pnl, { tradedValue: totals.tradedValue, commissions: totals.commissions }, parsed))
  return statsOfRow(stats, 0)
}

/** Row `row` of a stats matrix (STAT_NAMES order) as a BacktestStats object. */
export function statsOfRow(stats: Float64Array, row: number): BacktestStats {
  const base = row * STAT_NAMES.length
  return Object.fromEntries(STAT_NAMES.map((name, i) => [name, stats[base + i] as number])) as unknown as BacktestStats
}

/** The four columns a run writes, as plain properties (a result's `equity` also holds its times). */
function pickCurve(curve: CurveColumns): CurveColumns {
  return { equity: curve.equity, cash: curve.cash, drawdown: curve.drawdown, exposed: curve.exposed }
}

/** curveInto's columns: typed and sized for the run, and no memory shared with each other or with the bars the run reads. */
function checkCurveInto(curve: CurveColumns, rows: number, bars: readonly BarColumns[]): void {
  if (typeof curve !== 'object' || curve === null) throw invalid(`curveInto must be { equity, cash, drawdown, exposed } (got ${describe(curve)})`)
  const columns: [string, ArrayBufferView][] = []
  for (const name of ['equity', 'cash', 'drawdown', 'exposed'] as const) {
    const column: unknown = curve[name]
    const typed = name === 'exposed' ? types.isUint8Array(column) : types.isFloat64Array(column)
    if (!typed) throw invalid(`curveInto.${name} must be a ${name === 'exposed' ? 'Uint8Array' : 'Float64Array'} (got ${describe(column)})`)
    const length = (column as Float64Array | Uint8Array).length
    if (length !== rows) throw invalid(`curveInto.${name} has ${length} rows but the run has ${rows} steps from tradeFrom`)
    columns.push([`curveInto.${name}`, column as ArrayBufferView])
  }
  const read = bars.flatMap((columnsOf, j) => BAR_FIELDS.map((field): [string, ArrayBufferView] => [`instruments[${j}].${field}`, columnsOf[field]]))
  columns.forEach(([name, column], k) => {
    for (const [other, view] of [...columns.slice(0, k), ...read]) {
      if (sharesMemory(column, view)) throw invalid(`${name} shares memory with ${other}: give each curve column memory of its own`)
    }
  })
}

function sharesMemory(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength
}

/** The binding throws a RangeError for a program or parameter the core refuses: that is the caller's input. */
function nativeRun<T>(start: () => T): T {
  try {
    return start()
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) throw invalid(error.message)
    throw error
  }
}

/**
 * The curve's columns as views of one ArrayBuffer (`withTime` false leaves the times to the
 * caller): a run's curve is one allocation, one backing store for V8 to account and free (five
 * of 8 MB each for 1M rows can start a young GC between them, while the first are already held
 * by the run). The run writes every row of every column, so the memory is not zeroed first
 * (Buffer.allocUnsafeSlow: its own ArrayBuffer, no pool; zeroing 25 MB for 1M rows is ~1 ms).
 */
function equityColumns(rows: number, withTime: boolean): NativeEquityColumns {
  const doubles = withTime ? 4 : 3
  const buffer = Buffer.allocUnsafeSlow(rows * (doubles * Float64Array.BYTES_PER_ELEMENT + 1)).buffer
  const column = (k: number): Float64Array => new Float64Array(buffer, k * rows * Float64Array.BYTES_PER_ELEMENT, rows)
  const exposed = new Uint8Array(buffer, doubles * rows * Float64Array.BYTES_PER_ELEMENT, rows)
  return withTime ? { time: column(3), equity: column(0), cash: column(1), drawdown: column(2), exposed } : { equity: column(0), cash: column(1), drawdown: column(2), exposed }
}

function tradeColumns(outcome: NativeBacktestOutcome): TradeColumns {
  const t = outcome.trades
  return {
    instrument: t.instrument,
    side: t.side,
    entryTime: t.entryTime,
    entryPrice: t.entryPrice,
    exitTime: t.exitTime,
    exitPrice: t.exitPrice,
    quantity: t.quantity,
    pnl: t.pnl,
    commission: t.commission,
    mae: t.mae,
    mfe: t.mfe,
    barsHeld: t.barsHeld,
    exitReason: t.exitReason,
  }
}

function invalid(message: string): EngineError {
  return new EngineError('invalid-request', message)
}

const OPCODES = new Set<number>(Object.values(Op))
const ORDER_TYPES = new Set(['market', 'limit', 'stop'])
const SIZING_KINDS = new Set(['fixed', 'equity-percent', 'risk-percent'])

/** The Program's shape, with messages that name the field; the addon checks the semantics (registers, operands, order). */
function checkProgram(program: Program): void {
  if (typeof program !== 'object' || program === null) throw invalid(`program must be a Program object (got ${describe(program)})`)
  if (program.version !== 1) throw invalid(`program.version must be 1 (got ${String(program.version)}): recompile the strategy`)
  if (!types.isInt32Array(program.code) || program.code.length % 4 !== 0) {
    throw invalid('program.code must be an Int32Array of 4 slots per instruction (op, dst, a, b)')
  }
  for (let pc = 0; pc < program.code.length; pc += 4) {
    if (!OPCODES.has(program.code[pc] as number)) throw invalid(`program.code instruction ${pc / 4} has unknown opcode ${program.code[pc]}`)
  }
  if (!types.isFloat64Array(program.constants)) throw invalid('program.constants must be a Float64Array')
  if (!Number.isInteger(program.registerCount) || program.registerCount < 0) throw invalid('program.registerCount must be a whole number ≥ 0')
  if (!types.isInt32Array(program.registerLags) || program.registerLags.length !== program.registerCount) {
    throw invalid(`program.registerLags must be an Int32Array with one entry per register (${program.registerCount})`)
  }
  if (!Array.isArray(program.params)) throw invalid('program.params must be an array')
  program.params.forEach((param, i) => {
    if (typeof param?.name !== 'string') throw invalid(`program.params[${i}].name must be a string`)
  })
  if (!Array.isArray(program.indicators)) throw invalid('program.indicators must be an array')
  program.indicators.forEach((indicator, k) => {
    const where = `program.indicators[${k}]`
    const info = typeof indicator?.name === 'string' ? findIndicator(indicator.name) : undefined
    if (!info || info.name !== indicator.name) throw invalid(`${where}: "${String(indicator?.name)}" is not an indicator of the library (names are upper case, e.g. SMA)`)
    if (!Array.isArray(indicator.params) || indicator.params.length !== info.params.length) {
      throw invalid(`${where} (${info.name}) must give all ${info.params.length} parameters (${info.params.map((p) => p.name).join(', ')})`)
    }
    indicator.params.forEach((value: ProgramValue, i: number) => checkValue(value, `${where}.params[${i}] (${info.name} ${info.params[i]?.name})`, program.params.length))
    if (!types.isInt32Array(indicator.inputs) || indicator.inputs.length !== 6) throw invalid(`${where}.inputs must be an Int32Array of 6 (one per bar field)`)
    if (!types.isInt32Array(indicator.outputs) || indicator.outputs.length !== info.outputs.length) {
      throw invalid(`${where}.outputs must be an Int32Array with one register per output of ${info.name} (${info.outputs.join(', ')})`)
    }
  })
  const rules = program.rules
  if (typeof rules !== 'object' || rules === null) throw invalid('program.rules must be an object')
  for (const key of ['longEntry', 'longExit', 'shortEntry', 'shortExit', 'exitAfterBars'] as const) {
    if (!Number.isInteger(rules[key])) throw invalid(`program.rules.${key} must be a register number or -1`)
  }
  checkOrder(rules.longOrder, 'longOrder')
  checkOrder(rules.shortOrder, 'shortOrder')
  checkDistance(rules.stopLoss, 'stopLoss')
  checkDistance(rules.takeProfit, 'takeProfit')
  checkDistance(rules.trailingStop, 'trailingStop')
  if (typeof rules.sizing !== 'object' || rules.sizing === null || !SIZING_KINDS.has(rules.sizing.kind) || !Number.isInteger(rules.sizing.register)) {
    throw invalid("program.rules.sizing must be { kind: 'fixed' | 'equity-percent' | 'risk-percent', register }")
  }
}

function checkValue(value: ProgramValue, where: string, paramCount: number): void {
  if (typeof value !== 'object' || value === null) throw invalid(`${where} must be { constant } or { param }`)
  if ('param' in value) {
    if (!Number.isInteger(value.param) || value.param < 0 || value.param >= paramCount) {
      throw invalid(`${where} reads strategy parameter ${value.param}, but the program has ${paramCount}`)
    }
  } else if (typeof value.constant !== 'number') {
    throw invalid(`${where} must be { constant: number } or { param: index }`)
  }
}

function checkOrder(order: ProgramOrder, key: string): void {
  if (typeof order !== 'object' || order === null || !ORDER_TYPES.has(order.type) || !Number.isInteger(order.price)) {
    throw invalid(`program.rules.${key} must be { type: 'market' | 'limit' | 'stop', price: register or -1 }`)
  }
}

function checkDistance(distance: ProgramDistance | null, key: string): void {
  if (distance === null) return
  if (typeof distance !== 'object' || !Number.isInteger(distance.register) || (distance.unit !== 'price' && distance.unit !== 'percent')) {
    throw invalid(`program.rules.${key} must be null or { register, unit: 'price' | 'percent' }`)
  }
}

function checkParams(program: Program, values: Float64Array, name: string): Float64Array {
  if (values.length !== program.params.length) {
    throw invalid(`${name} has ${values.length} values but the program has ${program.params.length} parameters (${program.params.map((p) => p.name).join(', ')})`)
  }
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) throw invalid(`${name}: parameter ${program.params[i]?.name} must be a finite number (got ${value})`)
  })
  return values
}

/** Plain copies of the column objects, so the addon receives exactly what was checked. */
function checkInstruments(instruments: readonly BarColumns[]): BarColumns[] {
  if (!Array.isArray(instruments) || instruments.length === 0) throw invalid('instruments must be a non-empty array of BarColumns')
  return instruments.map((bars: unknown, j) => {
    if (typeof bars !== 'object' || bars === null) throw invalid(`instruments[${j}] must be BarColumns (got ${describe(bars)})`)
    const record = bars as Record<string, unknown>
    const columns = {} as Record<(typeof BAR_FIELDS)[number], Float64Array>
    for (const field of BAR_FIELDS) {
      const column = record[field]
      if (!types.isFloat64Array(column)) throw invalid(`instruments[${j}].${field} must be a Float64Array (got ${describe(column)})`)
      columns[field] = column
    }
    const n = columns.time.length
    if (n === 0) throw invalid(`instruments[${j}] has no bars`)
    for (const field of BAR_FIELDS) {
      if (columns[field].length !== n) throw invalid(`instruments[${j}].${field} has ${columns[field].length} values but time has ${n}`)
    }
    const bad = firstUnorderedTime(columns.time)
    if (bad === 0) throw invalid(`instruments[${j}].time[0] is ${columns.time[0]}: bar times must be finite epoch seconds`)
    if (bad > 0) {
      const time = columns.time
      throw invalid(`instruments[${j}].time must be strictly ascending, but time[${bad}] = ${time[bad]} follows time[${bad - 1}] = ${time[bad - 1]}`)
    }
    return columns
  })
}

/** The first index whose time is not finite or not after the one before it; -1 when all are in order (native: a 1M-bar check is a vectorised pass). */
function firstUnorderedTime(time: Float64Array): number {
  return nativeBinding().firstUnorderedTime(time)
}

function parseConventions(conventions: ConventionsInput): Conventions {
  const parsed = Conventions.safeParse(conventions)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw invalid(`conventions${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

function checkTradeFrom(tradeFrom: number | undefined): number | undefined {
  if (tradeFrom !== undefined && !Number.isFinite(tradeFrom)) throw invalid(`tradeFrom must be epoch seconds (got ${tradeFrom})`)
  return tradeFrom
}

function checkChunkSize(chunkSize: number | undefined): number {
  return checkWholeNumber(chunkSize ?? DEFAULT_CHUNK_SIZE, 'chunkSize', 1, 1 << 24)
}

function checkWholeNumber(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(`${name} must be a whole number from ${min} to ${max} (got ${value})`)
  return value
}

/** Bars of the merged timeline (distinct times over the instruments), all and from tradeFrom. */
function countSteps(instruments: readonly BarColumns[], tradeFrom: number | undefined): { steps: number; activeSteps: number } {
  const from = tradeFrom ?? Number.NEGATIVE_INFINITY
  let steps = 0
  let activeSteps = 0
  if (instruments.length === 1) {
    const time = (instruments[0] as BarColumns).time
    steps = time.length
    let lo = 0
    let hi = steps
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((time[mid] as number) < from) lo = mid + 1
      else hi = mid
    }
    activeSteps = steps - lo
  } else {
    const at = instruments.map(() => 0)
    for (;;) {
      let next = Number.POSITIVE_INFINITY
      instruments.forEach((bars, j) => {
        const t = bars.time[at[j] as number]
        if (t !== undefined && t < next) next = t
      })
      if (next === Number.POSITIVE_INFINITY) break
      steps++
      if (next >= from) activeSteps++
      instruments.forEach((bars, j) => {
        if (bars.time[at[j] as number] === next) at[j] = (at[j] as number) + 1
      })
    }
  }
  if (activeSteps === 0) throw invalid(`no bar is at or after tradeFrom (${tradeFrom}): nothing to trade`)
  return { steps, activeSteps }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an Array'
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`
  return typeof value
}
