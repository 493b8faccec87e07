import { createRequire } from 'node:module'
import { type BacktestOutput, type CurveColumns, runBacktest, runSweep, statsOfRow } from '../src/main/native'
import { type BarColumns, Conventions } from '../src/shared/domain'
import { seededRandomWalk } from '../tests/support/seeded-bars'
import { compare, printHeader } from './harness'
import { maCrossoverEventLoop } from './reference/backtest-ts'
import { MA_CROSSOVER_PROGRAM } from './reference/ma-crossover-program'

const require = createRequire(import.meta.url)

interface BacktestReference {
  /** The curve alone: equity, cash and drawdown. Returns the final equity. */
  maCrossover(bars: BarColumns, fast: number, slow: number, startingCash: number, curve: Omit<CurveColumns, 'exposed'>): number
  /** What runBacktest returns: the curve with the exposure, the trades and the statistics. */
  maCrossoverRun(
    bars: BarColumns,
    fast: number,
    slow: number,
    conventions: Conventions,
    curve: CurveColumns,
  ): { stats: Float64Array; tradedValue: number; trades: BacktestOutput['trades'] }
}

/** Built by `npm run bench` from bench/native: the crossover as one hand-written C++ loop. */
const handWritten = require('./native/build/Release/backtest_reference.node') as BacktestReference

const BAR_COUNT = 1_000_000
const SWEEP_BARS = 1_000_000
const CASH = 100_000
const CONVENTIONS = Conventions.parse({ startingCash: CASH })

/** Fresh curve columns allocated as runBacktest's are: one buffer, not zeroed (every row is written). */
function freshCurve(rows: number): CurveColumns {
  const buffer = Buffer.allocUnsafeSlow(rows * (3 * Float64Array.BYTES_PER_ELEMENT + 1)).buffer
  const column = (k: number): Float64Array => new Float64Array(buffer, k * rows * Float64Array.BYTES_PER_ELEMENT, rows)
  return { equity: column(0), cash: column(1), drawdown: column(2), exposed: new Uint8Array(buffer, 3 * rows * Float64Array.BYTES_PER_ELEMENT, rows) }
}

/** The hand-written loop doing runBacktest's work: its curve into `curve` (by default fresh, as runBacktest's). */
function handWrittenRun(bars: BarColumns, fast: number, slow: number, curve = freshCurve(bars.time.length)): BacktestOutput {
  const run = handWritten.maCrossoverRun(bars, fast, slow, CONVENTIONS, curve)
  return { stats: statsOfRow(run.stats, 0), equity: { time: bars.time, ...curve }, trades: run.trades, tradedValue: run.tradedValue }
}

function handWrittenCurve(bars: BarColumns, fast: number, slow: number): number {
  const n = bars.time.length
  // runBacktest's curve for one instrument: three columns in fresh memory (the times are the bars').
  const curve = { equity: new Float64Array(n), cash: new Float64Array(n), drawdown: new Float64Array(n) }
  return handWritten.maCrossover(bars, fast, slow, CASH, curve)
}

/** Throws at the first statistic, curve value or trade field where two runs differ (bit for bit). */
function assertSameRun(vm: BacktestOutput, reference: BacktestOutput): void {
  const differ = (what: string, a: unknown, b: unknown): never => {
    throw new Error(`runBacktest and the hand-written loop disagree at ${what}: ${String(a)} vs ${String(b)}`)
  }
  for (const [name, value] of Object.entries(vm.stats)) {
    const other = (reference.stats as unknown as Record<string, number>)[name]
    if (!Object.is(value, other)) differ(`stats.${name}`, value, other)
  }
  if (vm.tradedValue !== reference.tradedValue) differ('tradedValue', vm.tradedValue, reference.tradedValue)
  const columns = [
    ...Object.entries(vm.equity).map(([name, column]) => [`equity.${name}`, column, reference.equity[name as keyof BacktestOutput['equity']]] as const),
    ...Object.entries(vm.trades).map(([name, column]) => [`trades.${name}`, column, reference.trades[name as keyof BacktestOutput['trades']]] as const),
  ]
  for (const [what, a, b] of columns) {
    if (a.length !== b.length) differ(`${what}.length`, a.length, b.length)
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differ(`${what}[${i}]`, a[i], b[i])
  }
}

/** 1,000 (fast, slow) pairs: fast 5–54, slow 60–155 in steps of 5. */
function grid(): Float64Array {
  const sets = new Float64Array(2000)
  for (let i = 0; i < 1000; i++) {
    sets[2 * i] = 5 + (i % 50)
    sets[2 * i + 1] = 60 + 5 * Math.floor(i / 50)
  }
  return sets
}

/**
 * The strategy VM and exchange on the MA crossover (a hand-assembled Program) against the same
 * strategy as a hand-written C++ loop (the whole of runBacktest's output, checked equal bit for
 * bit; and the curve alone) and as a plain-TS event loop; then a 1,000-combination sweep against
 * 1,000 single runs.
 */
export async function run(): Promise<void> {
  const bars = seededRandomWalk(424242, BAR_COUNT)
  const single = await runBacktest(MA_CROSSOVER_PROGRAM, [bars], [10, 30])
  assertSameRun(single, handWrittenRun(bars, 10, 30))
  const curveOnly = handWrittenCurve(bars, 10, 30)
  const eventLoop = maCrossoverEventLoop(bars, 10, 30, CASH)
  if (single.stats.finalEquity !== curveOnly || eventLoop.finalEquity !== curveOnly) {
    throw new Error(`the backtests disagree: VM ${single.stats.finalEquity}, C++ curve ${curveOnly}, TS ${eventLoop.finalEquity}`)
  }

  printHeader(`backtest: MA crossover (10, 30), ${BAR_COUNT / 1e6}M 1m bars, ${single.stats.trades} trades`)
  await compare({
    name: 'runBacktest (VM + exchange + stats)',
    contender: () => runBacktest(MA_CROSSOVER_PROGRAM, [bars], [10, 30]),
    reference: () => handWrittenRun(bars, 10, 30),
    referenceName: 'C++ by hand',
    items: BAR_COUNT,
    unit: 'bars',
    runs: 15,
  })
  // Both sides writing into the same columns run after run (runBacktest's curveInto): the engine
  // and its JS edge, without the allocation and the garbage collection a fresh 25 MB curve brings.
  const vmCurve = freshCurve(BAR_COUNT)
  const referenceCurve = freshCurve(BAR_COUNT)
  await compare({
    name: 'runBacktest into reused columns',
    contender: () => runBacktest(MA_CROSSOVER_PROGRAM, [bars], [10, 30], {}, { curveInto: vmCurve }),
    reference: () => handWrittenRun(bars, 10, 30, referenceCurve),
    referenceName: 'C++, reused',
    items: BAR_COUNT,
    unit: 'bars',
    runs: 15,
  })
  await compare({
    name: 'runBacktest vs C++ the curve alone',
    contender: () => runBacktest(MA_CROSSOVER_PROGRAM, [bars], [10, 30]),
    reference: () => handWrittenCurve(bars, 10, 30),
    referenceName: 'C++ curve',
    items: BAR_COUNT,
    unit: 'bars',
    runs: 15,
  })
  await compare({
    name: 'runBacktest vs a TS event loop',
    contender: () => runBacktest(MA_CROSSOVER_PROGRAM, [bars], [10, 30]),
    reference: () => maCrossoverEventLoop(bars, 10, 30, CASH),
    referenceName: 'plain TS',
    items: BAR_COUNT,
    unit: 'bars',
    runs: 9,
  })

  const sweepBars = seededRandomWalk(4242, SWEEP_BARS)
  const sets = grid()
  printHeader(`sweep: 1,000 (fast, slow) combinations, ${SWEEP_BARS / 1e6}M bars`)
  await compare({
    name: 'runSweep, all cores',
    contender: () => runSweep(MA_CROSSOVER_PROGRAM, [sweepBars], sets),
    reference: async () => {
      for (let i = 0; i < 1000; i++) await runBacktest(MA_CROSSOVER_PROGRAM, [sweepBars], [sets[2 * i] as number, sets[2 * i + 1] as number])
    },
    referenceName: '1,000 singles',
    items: SWEEP_BARS * 1000,
    unit: 'set-bars',
    runs: 3,
    warmup: 1,
    // 1,000 single runs over 1M bars take tens of seconds: one timed run (itself a sum of 1,000), after the rows above warmed runBacktest.
    referenceRuns: 1,
    referenceWarmup: 0,
  })
}
