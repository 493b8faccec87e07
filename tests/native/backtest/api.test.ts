import { describe, expect, it } from 'vitest'
import { EngineError } from '../../../src/main/kernel'
import { NativeCancelledError, runBacktest, runSweep } from '../../../src/main/native'
import { STAT_NAMES } from '../../../src/shared/domain'
import { seededRandomWalk } from '../../support/seeded-bars'
import { closesOnly, ProgramBuilder } from './program-builder'
import { maCrossover } from './strategies'

const bars = seededRandomWalk(3, 500)

describe('runBacktest and runSweep inputs', () => {
  it('returns statistics by name and typed columns', async () => {
    const out = await runBacktest(maCrossover(), [bars], [5, 20])
    expect(Object.keys(out.stats)).toEqual([...STAT_NAMES])
    expect(out.equity.equity).toBeInstanceOf(Float64Array)
    expect(out.equity.equity.length).toBe(500)
    expect(out.trades.side).toBeInstanceOf(Int8Array)
    expect(out.trades.exitReason).toBeInstanceOf(Uint8Array)
    expect(out.trades.barsHeld).toBeInstanceOf(Int32Array)
    expect(out.trades.pnl.length).toBe(out.stats.trades)
  })

  it('refuses a parameter list of the wrong length, naming the parameters', async () => {
    await expect(runBacktest(maCrossover(), [bars], [5])).rejects.toThrow('params has 1 values but the program has 2 parameters (fast, slow)')
    await expect(runBacktest(maCrossover(), [bars], [5])).rejects.toBeInstanceOf(EngineError)
    await expect(runBacktest(maCrossover(), [bars], [5, NaN])).rejects.toThrow('parameter slow must be a finite number')
  })

  it('refuses bars out of time order, naming the bar', async () => {
    const shuffled = closesOnly([1, 2, 3], { times: [10, 30, 20] })
    await expect(runBacktest(maCrossover(), [shuffled], [5, 20])).rejects.toThrow(
      'instruments[0].time must be strictly ascending, but time[2] = 20 follows time[1] = 30',
    )
    // The order check runs natively in blocks: a bad time deep in a long column, a NaN, an infinite last time.
    const long = closesOnly(Array.from({ length: 5000 }, (_, i) => 100 + (i % 7)))
    long.time[4321] = long.time[4320] as number
    await expect(runBacktest(maCrossover(), [long], [5, 20])).rejects.toThrow(`time[4321] = ${long.time[4320]} follows time[4320] = ${long.time[4320]}`)
    long.time[4321] = NaN
    await expect(runBacktest(maCrossover(), [long], [5, 20])).rejects.toThrow('but time[4321] = NaN follows')
    const endless = closesOnly([1, 2, 3], { times: [1, 2, Infinity] })
    await expect(runBacktest(maCrossover(), [endless], [5, 20])).rejects.toThrow('time[2] = Infinity follows time[1] = 2')
    await expect(runBacktest(maCrossover(), [closesOnly([1, 2], { times: [NaN, 2] })], [5, 20])).rejects.toThrow('time[0] is NaN')
    await expect(runBacktest(maCrossover(), [], [5, 20])).rejects.toThrow('instruments must be a non-empty array')
    const ragged = { ...closesOnly([1, 2, 3]), volume: new Float64Array(2) }
    await expect(runBacktest(maCrossover(), [ragged], [5, 20])).rejects.toThrow('instruments[0].volume has 2 values but time has 3')
  })

  it('refuses conventions the schema refuses, naming the field', async () => {
    await expect(runBacktest(maCrossover(), [bars], [5, 20], { volumeCap: 2 })).rejects.toThrow('conventions.volumeCap')
    await expect(runBacktest(maCrossover(), [bars], [5, 20], { endOfData: 'open' as never })).rejects.toThrow('conventions.endOfData')
    await expect(runBacktest(maCrossover(), [bars], [5, 20], { commission: { kind: 'per-share' } as never })).rejects.toThrow('conventions.commission')
  })

  it('refuses a malformed program before it reaches the addon, and the addon refuses a wrong one', async () => {
    const program = maCrossover()
    await expect(runBacktest({ ...program, version: 2 as 1 }, [bars], [5, 20])).rejects.toThrow('program.version must be 1')
    const unknown = { ...program, indicators: [{ ...program.indicators[0]!, name: 'SMAA' }, program.indicators[1]!] }
    await expect(runBacktest(unknown, [bars], [5, 20])).rejects.toThrow('"SMAA" is not an indicator of the library')
    const code = program.code.slice()
    code[0] = 99
    await expect(runBacktest({ ...program, code }, [bars], [5, 20])).rejects.toThrow('instruction 0 has unknown opcode 99')
    const rules = { ...program.rules, longEntry: 77 }
    await expect(runBacktest({ ...program, rules }, [bars], [5, 20])).rejects.toThrow('rules.longEntry is register 77')
    const b = new ProgramBuilder()
    const risky = b.build({ longEntry: b.constant(1), sizing: { kind: 'risk-percent', register: b.constant(1) } })
    await expect(runBacktest(risky, [bars], [])).rejects.toThrow('risk-percent sizing needs a stop loss')
  })

  it('names the indicator parameter a sweep row gets wrong, and the row', async () => {
    await expect(runSweep(maCrossover(), [bars], Float64Array.of(5, 20, 1, 20))).rejects.toThrow(
      'parameter set 1: SMA parameter period must be in 2–100000, got 1 (from strategy parameter fast)',
    )
    await expect(runSweep(maCrossover(), [bars], Float64Array.of(5, 20, 1))).rejects.toThrow('whole number of rows of 2 parameters')
  })

  it('refuses a tradeFrom after the last bar', async () => {
    await expect(runBacktest(maCrossover(), [bars], [5, 20], {}, { tradeFrom: 2e9 })).rejects.toThrow('no bar is at or after tradeFrom')
  })
})

describe('runBacktest curveInto', () => {
  const other = seededRandomWalk(4, 500)
  const junkCurve = (rows: number) => ({
    equity: new Float64Array(rows).fill(NaN),
    cash: new Float64Array(rows).fill(-1),
    drawdown: new Float64Array(rows).fill(7),
    exposed: new Uint8Array(rows).fill(9),
  })

  it('writes the curve into the columns it is given and returns them, the run otherwise unchanged', async () => {
    const fresh = await runBacktest(maCrossover(), [bars], [5, 20], {}, { tradeFrom: bars.time[100] })
    const into = junkCurve(400)
    const reused = await runBacktest(maCrossover(), [bars], [5, 20], {}, { tradeFrom: bars.time[100], curveInto: into })
    expect(reused.equity.equity).toBe(into.equity)
    expect(reused.equity.exposed).toBe(into.exposed)
    expect(reused.equity).toEqual(fresh.equity)
    expect(reused.stats).toEqual(fresh.stats)
    expect(reused.trades).toEqual(fresh.trades)
  })

  it('takes the curve of a previous result, and gives several instruments their times in a fresh column', async () => {
    const first = await runBacktest(maCrossover(), [bars, other], [5, 20])
    const fresh = await runBacktest(maCrossover(), [other, bars], [5, 20])
    const reused = await runBacktest(maCrossover(), [other, bars], [5, 20], {}, { curveInto: first.equity })
    expect(reused.equity.cash).toBe(first.equity.cash)
    expect(reused.equity.time).not.toBe(first.equity.time)
    expect(reused.equity).toEqual(fresh.equity)
  })

  it('refuses curve columns of the wrong type or length, or sharing memory with each other or the bars', async () => {
    const run = (curveInto: unknown) => runBacktest(maCrossover(), [bars], [5, 20], {}, { curveInto: curveInto as never })
    await expect(run({ ...junkCurve(500), exposed: new Float64Array(500) })).rejects.toThrow('curveInto.exposed must be a Uint8Array (got a Float64Array)')
    await expect(run(junkCurve(499))).rejects.toThrow('curveInto.equity has 499 rows but the run has 500 steps from tradeFrom')
    const shared = new Float64Array(1000)
    await expect(run({ ...junkCurve(500), equity: shared.subarray(0, 500), drawdown: shared.subarray(499, 999) })).rejects.toThrow(
      'curveInto.drawdown shares memory with curveInto.equity',
    )
    await expect(run({ ...junkCurve(500), cash: bars.close })).rejects.toThrow('curveInto.cash shares memory with instruments[0].close')
    await expect(run(junkCurve(500))).resolves.toBeDefined()
  })
})

describe('progress and cancel', () => {
  const big = seededRandomWalk(5, 300_000)

  it('reports increasing progress ending at the bar count', async () => {
    const seen: Array<[number, number]> = []
    await runBacktest(maCrossover(), [big], [10, 30], {}, { onProgress: (done, total) => seen.push([done, total]) })
    // Chunk reports cross threads apart from the completion and may be overtaken by it on a
    // loaded machine (older reports are then dropped): at least the final one arrives.
    expect(seen.length).toBeGreaterThanOrEqual(1)
    expect(seen.at(-1)).toEqual([300_000, 300_000])
    expect(seen.every(([done], i) => i === 0 || done > (seen[i - 1] as [number, number])[0])).toBe(true)
  })

  it('rejects with NativeCancelledError when aborted mid-run', async () => {
    const controller = new AbortController()
    const run = runBacktest(maCrossover(), [big], [10, 30], {}, { signal: controller.signal, onProgress: () => controller.abort(), chunkSize: 64 })
    await expect(run).rejects.toBeInstanceOf(NativeCancelledError)
  })

  it('rejects with the error onProgress throws', async () => {
    const failing = runBacktest(maCrossover(), [big], [10, 30], {}, {
      chunkSize: 64,
      onProgress: () => {
        throw new Error('stop here')
      },
    })
    await expect(failing).rejects.toThrow('stop here')
  })

  it('reports and cancels a sweep', async () => {
    const sets = Float64Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 5 + (i % 20) : 30 + (i % 50)))
    const seen: number[] = []
    const done = await runSweep(maCrossover(), [big], sets, {}, { threads: 2, onProgress: (d, total) => seen.push(d / total) })
    expect(done.count).toBe(100)
    expect(seen.at(-1)).toBe(1)
    const controller = new AbortController()
    const cancelled = runSweep(maCrossover(), [big], sets, {}, { threads: 2, signal: controller.signal, onProgress: () => controller.abort() })
    await expect(cancelled).rejects.toBeInstanceOf(NativeCancelledError)
  })
})
