import { describe, expect, it } from 'vitest'
import { runBacktest, runSweep, statsOfRow, type BacktestOutput } from '../../../src/main/native'
import { type BarColumns, type ConventionsInput, EXIT_REASONS, STAT_NAMES } from '../../../src/shared/domain'
import { seededRandomWalk } from '../../support/seeded-bars'
import { kitchenSink, maCrossover } from './strategies'

const HOUR = 3600

/** The bits of each double, so +0/−0 and NaN payloads count: "bit for bit" means this. */
function bits(values: ArrayLike<number>): bigint[] {
  return Array.from(new BigUint64Array(Float64Array.from(values).buffer))
}

function statValues(stats: object): number[] {
  return STAT_NAMES.map((name) => (stats as Record<string, number>)[name] as number)
}

const costs: ConventionsInput = {
  commission: { kind: 'ib-tiered' },
  slippage: { kind: 'bps', bps: 2 },
  volumeCap: 0.5,
}

describe('sweep', () => {
  const bars = seededRandomWalk(2024, 6000, { step: HOUR })

  it('gives each row bit for bit the statistics of a single backtest with its parameters, on 1 and 2 threads', async () => {
    const program = kitchenSink()
    // Rows share instances (fast 8 thrice, slow 21 twice, ATR 14 twice) and differ elsewhere.
    const rows = [
      [8, 21, 14, 1],
      [8, 30, 14, 0.5],
      [5, 21, 20, 1],
      [8, 50, 7, 2],
      [13, 34, 10, 1],
    ]
    const paramSets = Float64Array.from(rows.flat())
    const one = await runSweep(program, [bars], paramSets, costs, { threads: 1, blocks: 4 })
    const two = await runSweep(program, [bars], paramSets, costs, { threads: 2, blocks: 4 })
    expect(bits(two.stats)).toEqual(bits(one.stats))
    expect(bits(two.blockReturns)).toEqual(bits(one.blockReturns))
    for (let r = 0; r < rows.length; r++) {
      const single = await runBacktest(program, [bars], rows[r] as number[], costs)
      expect(single.stats.trades).toBeGreaterThan(5)
      expect(bits(statValues(statsOfRow(one.stats, r)))).toEqual(bits(statValues(single.stats)))
    }
    // The rows are not all the same run.
    expect(new Set(rows.map((_, r) => one.stats[r * STAT_NAMES.length + STAT_NAMES.indexOf('finalEquity')])).size).toBe(rows.length)
  })

  it('gives a single backtest’s statistics under each end-of-data convention', async () => {
    const program = kitchenSink()
    const rows = [
      [8, 21, 14, 1],
      [5, 30, 10, 2],
    ]
    const finals = new Set<number>()
    for (const endOfData of ['close', 'close-at-open', 'mark'] as const) {
      const conventions = { ...costs, endOfData }
      const sweep = await runSweep(program, [bars], Float64Array.from(rows.flat()), conventions, { threads: 2 })
      for (let r = 0; r < rows.length; r++) {
        const single = await runBacktest(program, [bars], rows[r] as number[], conventions)
        expect(bits(statValues(statsOfRow(sweep.stats, r)))).toEqual(bits(statValues(single.stats)))
        if (r === 0) finals.add(single.stats.finalEquity)
      }
    }
    // The bars end with a position open, so the three conventions differ.
    expect(finals.size).toBe(3)
  })

  it('runs more threads than sets, and as many sets as the grid has', async () => {
    const program = maCrossover()
    const grid: number[] = []
    for (const fast of [5, 10, 15]) for (const slow of [20, 40]) grid.push(fast, slow)
    const sets = Float64Array.from(grid)
    const wide = await runSweep(program, [bars], sets, {}, { threads: 8 })
    const narrow = await runSweep(program, [bars], sets, {}, { threads: 1 })
    expect(wide.count).toBe(6)
    expect(bits(wide.stats)).toEqual(bits(narrow.stats))
    const single = await runBacktest(program, [bars], [15, 40])
    expect(bits(statValues(statsOfRow(wide.stats, 5)))).toEqual(bits(statValues(single.stats)))
  })

  it('sweeps several instruments on one account like the single backtest', async () => {
    const other = seededRandomWalk(99, 5000, { step: HOUR, start: 1_704_274_200 + 1800, gapChance: 0.01 })
    const program = maCrossover({ short: true })
    const sets = Float64Array.of(5, 20, 10, 30)
    const sweep = await runSweep(program, [bars, other], sets, costs, { threads: 2 })
    const single = await runBacktest(program, [bars, other], [10, 30], costs)
    expect(bits(statValues(statsOfRow(sweep.stats, 1)))).toEqual(bits(statValues(single.stats)))
  })
})

describe('chunks', () => {
  async function outputs(program: ReturnType<typeof kitchenSink>, instruments: BarColumns[], params: number[], chunkSize: number): Promise<BacktestOutput> {
    return runBacktest(program, instruments, params, costs, { chunkSize })
  }

  function flatten(out: BacktestOutput): bigint[] {
    const columns = [...Object.values(out.equity), ...Object.values(out.trades)].map((c) => Array.from(c as ArrayLike<number>))
    return bits([...statValues(out.stats), ...columns.flat()])
  }

  it('gives identical results for chunks of 1, 7 and 4096 bars, one instrument or two', async () => {
    const program = kitchenSink()
    const a = seededRandomWalk(7, 3000, { step: HOUR })
    const b = seededRandomWalk(8, 2500, { step: HOUR, start: 1_704_274_200 + 7 * HOUR, gapChance: 0.02 })
    for (const instruments of [[a], [a, b]]) {
      const reference = await outputs(program, instruments, [8, 21, 14, 1], 4096)
      expect(reference.stats.trades).toBeGreaterThan(10)
      expect(reference.trades.exitReason.length).toBe(reference.stats.trades)
      for (const chunkSize of [1, 7]) expect(flatten(await outputs(program, instruments, [8, 21, 14, 1], chunkSize))).toEqual(flatten(reference))
    }
  })

  it('gives the same run through the one-instrument fast path as through the general walk', async () => {
    const bars = seededRandomWalk(31, 20_000, { step: HOUR })
    // A second instrument with a single bar at the last time: it never trades and adds no step,
    // but a run with two instruments takes the general walk.
    const last = bars.time.length - 1
    const idle = { time: bars.time.slice(last), open: bars.open.slice(last), high: bars.high.slice(last), low: bars.low.slice(last), close: bars.close.slice(last), volume: bars.volume.slice(last) }
    for (const program of [maCrossover(), maCrossover({ short: true })]) {
      const fast = await runBacktest(program, [bars], [10, 30], costs)
      const general = await runBacktest(program, [bars, idle], [10, 30], costs)
      expect(fast.stats.trades).toBeGreaterThan(100)
      expect(flatten(general)).toEqual(flatten(fast))
    }
  })

  it('exercises every exit reason but the end in the chunk test’s strategy', async () => {
    const out = await runBacktest(kitchenSink(), [seededRandomWalk(7, 3000, { step: HOUR })], [8, 21, 14, 1], costs)
    const reasons = new Set(Array.from(out.trades.exitReason, (r) => EXIT_REASONS[r]))
    // Every reason but `end` (the walk happens to be flat on its last bar).
    expect([...reasons].sort()).toEqual(['reverse', 'signal', 'stop-loss', 'take-profit', 'time', 'trailing-stop'])
  })
})
