import { createRequire } from 'node:module'
import { runBacktest, runSweep } from '../src/main/native'
import { type BarColumns } from '../src/shared/domain'
import { seededRandomWalk } from '../tests/support/seeded-bars'
import { compare, printHeader } from './harness'
import { maCrossoverEventLoop } from './reference/backtest-ts'
import { MA_CROSSOVER_PROGRAM } from './reference/ma-crossover-program'

const require = createRequire(import.meta.url)

interface BacktestReference {
  maCrossover(bars: BarColumns, fast: number, slow: number, startingCash: number, curve: Record<'equity' | 'cash' | 'drawdown', Float64Array>): number
}

/** Built by `npm run bench` from bench/native: the crossover as one hand-written C++ loop. */
const handWritten = require('./native/build/Release/backtest_reference.node') as BacktestReference

const BAR_COUNT = 1_000_000
const SWEEP_BARS = 100_000
const CASH = 100_000

function handWrittenRun(bars: BarColumns, fast: number, slow: number): number {
  const n = bars.time.length
  // The same output as runBacktest for one instrument: three columns in fresh memory (the times are the bars').
  const curve = { equity: new Float64Array(n), cash: new Float64Array(n), drawdown: new Float64Array(n) }
  return handWritten.maCrossover(bars, fast, slow, CASH, curve)
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
 * strategy as a hand-written C++ loop and as a plain-TS event loop, all producing the same equity
 * curve columns; then a 1,000-combination sweep against 1,000 single runs.
 */
export async function run(): Promise<void> {
  const bars = seededRandomWalk(424242, BAR_COUNT)
  const single = await runBacktest(MA_CROSSOVER_PROGRAM, [bars], [10, 30])
  const reference = handWrittenRun(bars, 10, 30)
  const eventLoop = maCrossoverEventLoop(bars, 10, 30, CASH)
  if (single.stats.finalEquity !== reference || eventLoop.finalEquity !== reference) {
    throw new Error(`the three backtests disagree: VM ${single.stats.finalEquity}, C++ ${reference}, TS ${eventLoop.finalEquity}`)
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
  await compare({
    name: 'runBacktest vs a TS event loop',
    contender: () => runBacktest(MA_CROSSOVER_PROGRAM, [bars], [10, 30]),
    reference: () => maCrossoverEventLoop(bars, 10, 30, CASH),
    referenceName: 'plain TS',
    items: BAR_COUNT,
    unit: 'bars',
    runs: 9,
  })

  const small = seededRandomWalk(4242, SWEEP_BARS)
  const sets = grid()
  printHeader(`sweep: 1,000 (fast, slow) combinations, ${SWEEP_BARS / 1e3}k bars`)
  const singles = async (): Promise<void> => {
    for (let i = 0; i < 1000; i++) await runBacktest(MA_CROSSOVER_PROGRAM, [small], [sets[2 * i] as number, sets[2 * i + 1] as number])
  }
  for (const [name, threads] of [
    ['runSweep, all cores', undefined],
    ['runSweep, 1 thread', 1],
  ] as const) {
    await compare({
      name,
      contender: () => runSweep(MA_CROSSOVER_PROGRAM, [small], sets, {}, { threads }),
      reference: singles,
      referenceName: '1,000 singles',
      items: SWEEP_BARS * 1000,
      unit: 'set-bars',
      runs: 3,
      warmup: 1,
    })
  }
}
