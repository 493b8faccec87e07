import { describe, expect, it } from 'vitest'
import { computeIndicator, evaluateProgram } from '../../../src/main/native'
import { EngineError } from '../../../src/main/kernel'
import { seededRandomWalk } from '../../support/seeded-bars'
import { closesOnly, ProgramBuilder } from './program-builder'

const N = NaN

/** Evaluates `make`'s program over the closes and returns the register it names. */
function series(closes: readonly number[], make: (b: ProgramBuilder, close: number) => number, chunkSize?: number, params: number[] = []): number[] {
  const b = new ProgramBuilder()
  params.forEach((v, i) => b.declare(`p${i}`, v))
  const out = make(b, b.field('close'))
  const program = b.build()
  return Array.from(evaluateProgram(program, closesOnly(closes), params, chunkSize === undefined ? {} : { chunkSize })[out] as Float64Array)
}

/** Two series a and b as registers (constants per bar via a lookup on the bar's close). */
function pair(aValues: readonly number[], bValues: readonly number[], op: (b: ProgramBuilder, a: number, c: number) => number): number[] {
  // Bar i's close is i, so a series is built as a sum of (close == i) * value terms.
  const closes = aValues.map((_, i) => i)
  return series(closes, (b, close) => {
    const build = (values: readonly number[]): number => {
      let acc = b.constant(0)
      values.forEach((v, i) => {
        const hit = b.eq(close, b.constant(i))
        // A NaN term would poison the sum on every bar; blend it in with a division by the hit instead.
        acc = Number.isNaN(v) ? b.add(acc, b.div(b.constant(0), b.sub(b.constant(1), hit))) : b.add(acc, b.mul(hit, b.constant(v)))
      })
      return acc
    }
    return op(b, build(aValues), build(bValues))
  })
}

describe('strategy VM', () => {
  it('reads bar fields, constants and parameters', () => {
    expect(series([5, 6, 7], (_b, close) => close)).toEqual([5, 6, 7])
    expect(series([5, 6, 7], (b) => b.constant(2.5))).toEqual([2.5, 2.5, 2.5])
    expect(series([5, 6, 7], (b) => b.param('p1'), undefined, [3, 42])).toEqual([42, 42, 42])
  })

  it('does arithmetic, dividing by zero to NaN', () => {
    expect(pair([1, 4, -3], [2, 8, 0.5], (b, x, y) => b.add(x, y))).toEqual([3, 12, -2.5])
    expect(pair([1, 4, -3], [2, 8, 0.5], (b, x, y) => b.sub(x, y))).toEqual([-1, -4, -3.5])
    expect(pair([1, 4, -3], [2, 8, 0.5], (b, x, y) => b.mul(x, y))).toEqual([2, 32, -1.5])
    expect(pair([1, 4, -3], [2, 0, 0.5], (b, x, y) => b.div(x, y))).toEqual([0.5, N, -6])
    expect(pair([1, -4, 0], [0, 0, 0], (b, x) => b.neg(x))).toEqual([-1, 4, -0])
    expect(pair([1, -4, 0], [0, 0, 0], (b, x) => b.abs(x))).toEqual([1, 4, 0])
  })

  it('takes min and max, NaN when either side is NaN', () => {
    expect(pair([1, 5, N, 2], [3, 2, 1, N], (b, x, y) => b.min(x, y))).toEqual([1, 2, N, N])
    expect(pair([1, 5, N, 2], [3, 2, 1, N], (b, x, y) => b.max(x, y))).toEqual([3, 5, N, N])
  })

  it('compares to 1 or 0, and to 0 when either side is NaN', () => {
    const a = [1, 2, 3, N, 2]
    const c = [2, 2, 2, 2, N]
    expect(pair(a, c, (b, x, y) => b.lt(x, y))).toEqual([1, 0, 0, 0, 0])
    expect(pair(a, c, (b, x, y) => b.le(x, y))).toEqual([1, 1, 0, 0, 0])
    expect(pair(a, c, (b, x, y) => b.gt(x, y))).toEqual([0, 0, 1, 0, 0])
    expect(pair(a, c, (b, x, y) => b.ge(x, y))).toEqual([0, 1, 1, 0, 0])
    expect(pair(a, c, (b, x, y) => b.eq(x, y))).toEqual([0, 1, 0, 0, 0])
    expect(pair(a, c, (b, x, y) => b.ne(x, y))).toEqual([1, 0, 1, 0, 0])
  })

  it('treats a value as true when it is neither 0 nor NaN', () => {
    const a = [0, 0, 2, -1, N, 0.5]
    const c = [0, 3, 0, 5, 1, N]
    expect(pair(a, c, (b, x, y) => b.and(x, y))).toEqual([0, 0, 0, 1, 0, 0])
    expect(pair(a, c, (b, x, y) => b.or(x, y))).toEqual([0, 1, 1, 1, 1, 1])
    expect(pair(a, c, (b, x) => b.not(x))).toEqual([1, 1, 0, 0, 1, 0])
  })

  it('lags a series, NaN before the first bar', () => {
    expect(series([10, 11, 12, 13, 14], (b, close) => b.lag(close, 1))).toEqual([N, 10, 11, 12, 13])
    expect(series([10, 11, 12, 13, 14], (b, close) => b.lag(close, 3))).toEqual([N, N, N, 10, 11])
  })

  it('crosses over and under only on the bar of the cross, with all four values known', () => {
    const a = [N, 1, 3, 3, 1, 2, 2, 3]
    const c = [2, 2, 2, 3, 2, 2, 1, 1]
    // crossover: a > b now and a ≤ b before. Bar 2: 3>2 and 1≤2. Bar 6: 2>1 and 2≤2. Bar 1 has NaN before.
    expect(pair(a, c, (b, x, y) => b.crossOver(x, y))).toEqual([0, 0, 1, 0, 0, 0, 1, 0])
    // crossunder: a < b now and a ≥ b before. Bar 4: 1<2 and 3≥3.
    expect(pair(a, c, (b, x, y) => b.crossUnder(x, y))).toEqual([0, 0, 0, 0, 1, 0, 0, 0])
  })

  it('gives the same series for any chunk size, lags and crosses reading across chunks', () => {
    const bars = seededRandomWalk(11, 300)
    const closes = Array.from(bars.close)
    const make = (b: ProgramBuilder, close: number): number => {
      const [fast] = b.indicator('SMA', [3]) as [number]
      const [slow] = b.indicator('EMA', [9]) as [number]
      const cross = b.crossOver(fast, slow)
      return b.add(b.add(cross, b.lag(cross, 5)), b.div(b.lag(close, 17), close))
    }
    const reference = series(closes, make, 4096)
    expect(reference.filter((v) => v > 0.5 && v < 2).length).toBeGreaterThan(250)
    for (const chunk of [1, 2, 7, 16, 299]) expect(series(closes, make, chunk)).toEqual(reference)
  })

  it('runs indicators exactly as the library does, on bar fields or on registers', () => {
    const bars = seededRandomWalk(5, 200)
    const b = new ProgramBuilder()
    b.declare('period', 10)
    const [sma] = b.indicator('SMA', [{ param: 'period' }]) as [number]
    const high = b.field('high')
    const [smaHigh] = b.indicator('SMA', [7], 1, { close: high }) as [number]
    const [macd, signal, hist] = b.indicator('MACD', [12, 26, 9], 3) as [number, number, number]
    const program = b.build()
    for (const chunkSize of [1, 13, 4096]) {
      const registers = evaluateProgram(program, bars, [10], { chunkSize })
      expect(registers[sma]).toEqual(computeIndicator('SMA', bars, { period: 10 }).outputs.real)
      const highAsClose = { ...bars, close: bars.high }
      expect(registers[smaHigh]).toEqual(computeIndicator('SMA', highAsClose, { period: 7 }).outputs.real)
      const expected = computeIndicator('MACD', bars, { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 }).outputs
      expect(registers[macd]).toEqual(expected.macd)
      expect(registers[signal]).toEqual(expected.macdSignal)
      expect(registers[hist]).toEqual(expected.macdHist)
    }
  })

  it('runs two instances of one class side by side exactly as each runs alone', () => {
    // Instances of one class on the same fields run in pairs (an odd one out alone); outputs of several.
    const bars = seededRandomWalk(6, 300)
    const b = new ProgramBuilder()
    const smas = [5, 20, 9].map((period) => (b.indicator('SMA', [period]) as [number])[0])
    const emas = [3, 30].map((period) => (b.indicator('EMA', [period]) as [number])[0])
    const macds = [
      [12, 26, 9],
      [5, 35, 5],
    ].map((p) => b.indicator('MACD', p, 3) as [number, number, number])
    const program = b.build()
    for (const chunkSize of [1, 13, 4096]) {
      const registers = evaluateProgram(program, bars, [], { chunkSize })
      ;[5, 20, 9].forEach((period, k) => expect(registers[smas[k] as number]).toEqual(computeIndicator('SMA', bars, { period }).outputs.real))
      ;[3, 30].forEach((period, k) => expect(registers[emas[k] as number]).toEqual(computeIndicator('EMA', bars, { period }).outputs.real))
      const macdParams: [number, number, number][] = [
        [12, 26, 9],
        [5, 35, 5],
      ]
      macdParams.forEach(([fastPeriod, slowPeriod, signalPeriod], k) => {
        const expected = computeIndicator('MACD', bars, { fastPeriod, slowPeriod, signalPeriod }).outputs
        const [macd, signal, hist] = macds[k] as [number, number, number]
        expect(registers[macd]).toEqual(expected.macd)
        expect(registers[signal]).toEqual(expected.macdSignal)
        expect(registers[hist]).toEqual(expected.macdHist)
      })
    }
  })

  it('starts an indicator fed by a series at that series’ first number, not poisoned by its warm-up', () => {
    const bars = seededRandomWalk(8, 120)
    const b = new ProgramBuilder()
    const [rsi] = b.indicator('RSI', [14]) as [number]
    const [smoothed] = b.indicator('SMA', [5], 1, { close: rsi }) as [number]
    const registers = evaluateProgram(b.build(), bars, [])
    const rsiValues = Array.from(registers[rsi] as Float64Array)
    // RSI(14) starts at bar 14; the SMA(5) of it at bar 18, the mean of bars 14..18.
    const got = Array.from(registers[smoothed] as Float64Array)
    expect(got.slice(0, 18).every(Number.isNaN)).toBe(true)
    const mean = (from: number): number => rsiValues.slice(from, from + 5).reduce((s, v) => s + v, 0) / 5
    expect(got[18]).toBeCloseTo(mean(14), 10)
    expect(got[119]).toBeCloseTo(mean(115), 10)
  })

  it('names the indicator, its parameter and the strategy parameter for a bad value', () => {
    const bars = closesOnly([1, 2, 3])
    const b = new ProgramBuilder()
    b.declare('fast', 10)
    b.indicator('SMA', [{ param: 'fast' }])
    const program = b.build()
    expect(() => evaluateProgram(program, bars, [2.5])).toThrow('SMA parameter period must be a whole number, got 2.5 (from strategy parameter fast)')
    expect(() => evaluateProgram(program, bars, [1])).toThrow('SMA parameter period must be in 2–100000, got 1 (from strategy parameter fast)')
    expect(() => evaluateProgram(program, bars, [1])).toThrow(EngineError)
    const c = new ProgramBuilder()
    c.indicator('BBANDS', [20, 2, 2, 11], 3)
    expect(() => evaluateProgram(c.build(), bars, [])).toThrow('BBANDS parameter maType must be in 0–8, got 11')
  })

  it('refuses a program that reads a register before writing it', () => {
    const b = new ProgramBuilder()
    const close = b.field('close')
    b.add(close, close)
    const program = b.build()
    const code = program.code.slice()
    code[6] = 1 // instruction 1 (Add) now reads register 1, which it is about to write
    expect(() => evaluateProgram({ ...program, code }, closesOnly([1]), [])).toThrow('instruction 1 (Add) reads register 1 before it is written')
  })
})
