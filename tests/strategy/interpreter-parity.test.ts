import { describe, expect, it } from 'vitest'
import { computeIndicator, type Program } from '../../src/main/native'
import { BUILTIN_STRATEGIES, compileStrategy, resolveParamValues } from '../../src/main/strategy'
import type { BarColumns } from '../../src/shared/domain'
import { interpretProgram } from '../support/program-interpreter'
import { seededRandomWalk } from '../support/seeded-bars'

/**
 * The compiler is proved by running its Programs through the reference interpreter and comparing
 * the signal registers with the same rules computed here by hand: computeIndicator for the
 * indicators, plain loops for everything else.
 */

const bars = seededRandomWalk(20240611, 3000)
const n = bars.time.length

function compile(source: string): Program {
  const result = compileStrategy(source)
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'))
  return result.program
}

function builtin(id: string): Program {
  const found = BUILTIN_STRATEGIES.find((s) => s.id === id)
  if (found === undefined) throw new Error(`no built-in ${id}`)
  return compile(found.source)
}

function run(program: Program, overrides: Record<string, number> = {}): Float64Array[] {
  return interpretProgram(program, bars, resolveParamValues(program, overrides))
}

function indicator(name: string, params: Record<string, number>, input: BarColumns = bars, output?: string): Float64Array {
  const result = computeIndicator(name, input, params)
  return result.outputs[output ?? Object.keys(result.outputs)[0]!]!
}

/** The bars with `series` in place of close, as the VM feeds a single-series indicator. */
function on(series: Float64Array): BarColumns {
  return { ...bars, close: series }
}

function column(f: (i: number) => number | boolean): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Number(f(i)))
}

const at = (s: Float64Array, i: number): number => (i >= 0 ? s[i]! : Number.NaN)
const valid = (...xs: number[]): boolean => xs.every((x) => !Number.isNaN(x))
const gt = (x: number, y: number): boolean => valid(x, y) && x > y
const lt = (x: number, y: number): boolean => valid(x, y) && x < y
const crossesOver = (a: Float64Array, b: Float64Array, i: number): boolean => i > 0 && valid(a[i]!, b[i]!, a[i - 1]!, b[i - 1]!) && a[i]! > b[i]! && a[i - 1]! <= b[i - 1]!
const crossesUnder = (a: Float64Array, b: Float64Array, i: number): boolean => i > 0 && valid(a[i]!, b[i]!, a[i - 1]!, b[i - 1]!) && a[i]! < b[i]! && a[i - 1]! >= b[i - 1]!
const constant = (v: number): Float64Array => new Float64Array(n).fill(v)

/** Asserts a signal matches and fires often enough for the comparison to mean something. */
function expectSignal(actual: Float64Array, expected: Float64Array, atLeast = 5): void {
  expect(Array.from(actual)).toEqual(Array.from(expected))
  expect(expected.reduce((sum, x) => sum + x, 0)).toBeGreaterThanOrEqual(atLeast)
}

describe('the compiled program matches the rules computed by hand', () => {
  it('ma-crossover, at its defaults and at other parameter values', () => {
    const program = builtin('ma-crossover')
    for (const [fast, slow] of [
      [10, 30],
      [15, 60],
    ] as const) {
      const registers = run(program, { fast, slow })
      const f = indicator('SMA', { period: fast })
      const s = indicator('SMA', { period: slow })
      expectSignal(registers[program.rules.longEntry]!, column((i) => crossesOver(f, s, i)))
      expectSignal(registers[program.rules.longExit]!, column((i) => crossesUnder(f, s, i)))
    }
    expect(program.rules.shortEntry).toBe(-1)
  })

  it('donchian-breakout: channels of highs and lows from the bar before, and the ATR stop', () => {
    const program = builtin('donchian-breakout')
    const registers = run(program, { entryLen: 25, exitLen: 15 })
    const highest = (len: number): Float64Array => indicator('MAX', { period: len }, on(bars.high))
    const lowest = (len: number): Float64Array => indicator('MIN', { period: len }, on(bars.low))
    const [upper, lower, exitLow, exitHigh] = [highest(25), lowest(25), lowest(15), highest(15)]
    expectSignal(registers[program.rules.longEntry]!, column((i) => gt(bars.close[i]!, at(upper, i - 1))))
    expectSignal(registers[program.rules.shortEntry]!, column((i) => lt(bars.close[i]!, at(lower, i - 1))))
    expectSignal(registers[program.rules.longExit]!, column((i) => lt(bars.close[i]!, at(exitLow, i - 1))))
    expectSignal(registers[program.rules.shortExit]!, column((i) => gt(bars.close[i]!, at(exitHigh, i - 1))))
    const atr = indicator('ATR', { period: 20 })
    expect(Array.from(registers[program.rules.stopLoss!.register]!)).toEqual(Array.from(atr, (x) => 2 * x))
    expect(program.rules.sizing.kind).toBe('risk-percent')
    expect(registers[program.rules.sizing.register]![n - 1]).toBe(1)
  })

  it('rsi-reversion: a cross of RSI over a parameter, percent exits and a parameter time exit', () => {
    const program = builtin('rsi-reversion')
    const registers = run(program, { len: 10, oversold: 35, overbought: 65, hold: 7 })
    const rsi = indicator('RSI', { period: 10 })
    expectSignal(registers[program.rules.longEntry]!, column((i) => crossesOver(rsi, constant(35), i)))
    expectSignal(registers[program.rules.longExit]!, column((i) => gt(rsi[i]!, 65)))
    expect(registers[program.rules.exitAfterBars]![0]).toBe(7)
    expect(program.rules.takeProfit).toMatchObject({ unit: 'percent' })
    expect(registers[program.rules.takeProfit!.register]![0]).toBe(3)
  })

  it('macd-momentum: picked outputs of one MACD instance and a rate of change', () => {
    const program = builtin('macd-momentum')
    expect(program.indicators.filter((i) => i.name === 'MACD')).toHaveLength(1)
    const registers = run(program, { fast: 8, slow: 24, signal: 7, rocLen: 30 })
    const macd = computeIndicator('MACD', bars, { fastPeriod: 8, slowPeriod: 24, signalPeriod: 7 }).outputs
    const [line, signal] = [macd.macd!, macd.macdSignal!]
    const roc = indicator('ROC', { period: 30 })
    expectSignal(registers[program.rules.longEntry]!, column((i) => crossesOver(line, signal, i) && gt(roc[i]!, 0)))
    expectSignal(registers[program.rules.shortEntry]!, column((i) => crossesUnder(line, signal, i) && lt(roc[i]!, 0)))
    expectSignal(registers[program.rules.longExit]!, column((i) => crossesUnder(line, signal, i)))
  })

  it('bollinger-reversion: bands on the same instance, a limit price at the close', () => {
    const program = builtin('bollinger-reversion')
    const registers = run(program, { len: 15, width: 2.5 })
    const bands = computeIndicator('BBANDS', bars, { period: 15, nbDevUp: 2.5, nbDevDn: 2.5 }).outputs
    expectSignal(registers[program.rules.longEntry]!, column((i) => crossesOver(bars.close, bands.lowerBand!, i)))
    expectSignal(registers[program.rules.shortExit]!, column((i) => lt(bars.close[i]!, bands.middleBand![i]!)))
    expect(Array.from(registers[program.rules.longOrder.price]!)).toEqual(Array.from(bars.close))
  })

  it('ema-trend: a condition and a cross combined, ATR distances scaled by a real parameter', () => {
    const program = builtin('ema-trend')
    const registers = run(program, { trend: 75, fastLen: 15, atrLen: 21, atrMult: 2.5 })
    const [trend, fast, atr] = [indicator('EMA', { period: 75 }), indicator('EMA', { period: 15 }), indicator('ATR', { period: 21 })]
    expectSignal(registers[program.rules.longEntry]!, column((i) => gt(bars.close[i]!, trend[i]!) && crossesOver(bars.close, fast, i)))
    expectSignal(registers[program.rules.shortExit]!, column((i) => crossesOver(bars.close, trend, i)))
    expect(Array.from(registers[program.rules.trailingStop!.register]!)).toEqual(Array.from(atr, (x) => 2.5 * x))
  })

  it('arithmetic, logic, comparisons, abs, min, max, lags, division by zero and an indicator on an expression', () => {
    const program = compile(
      [
        'strategy "everything"',
        'param k = 3 in 1..5',
        'let body = close - open',
        'let smooth = sma(body, 5)',
        'long entry: (abs(body) > max(smooth, 0) * k or not (close[2] <= open[1])) and min(high - low, 1) / (volume - volume) != 7',
        'long exit: -body[1] >= smooth and close == close',
        'short entry: crossunder(close, wma(close, 8)) or crossover(smooth, 0)',
      ].join('\n'),
    )
    const registers = run(program, { k: 2 })
    const body = column((i) => bars.close[i]! - bars.open[i]!)
    const smooth = indicator('SMA', { period: 5 }, on(body))
    const wma = indicator('WMA', { period: 8 })
    // x / 0 is NaN, and a comparison with NaN is false: the right side of `and` never holds.
    expect(Array.from(registers[program.rules.longEntry]!)).toEqual(Array.from(constant(0)))
    expectSignal(registers[program.rules.longExit]!, column((i) => i >= 1 && valid(smooth[i]!) && -body[i - 1]! >= smooth[i]!))
    expectSignal(
      registers[program.rules.shortEntry]!,
      column((i) => crossesUnder(bars.close, wma, i) || crossesOver(smooth, constant(0), i)),
    )
  })

  it('the same program with the division removed: the or-branch and the lags', () => {
    const program = compile(
      ['strategy "logic"', 'param k = 3 in 1..5', 'let body = close - open', 'long entry: abs(body) > max(sma(body, 5), 0) * k or not (close[2] <= open[1])'].join('\n'),
    )
    const registers = run(program, { k: 2 })
    const body = column((i) => bars.close[i]! - bars.open[i]!)
    const smooth = indicator('SMA', { period: 5 }, on(body))
    const expected = column((i) => {
      const left = valid(smooth[i]!) && Math.abs(body[i]!) > Math.max(smooth[i]!, 0) * 2
      const lagged = i >= 2 && bars.close[i - 2]! <= bars.open[i - 1]!
      return left || !lagged
    })
    expectSignal(registers[program.rules.longEntry]!, expected)
  })
})

describe('every operator, in both operand orders', () => {
  const js: Record<string, (x: number, y: number) => number> = {
    '+': (x, y) => x + y,
    '-': (x, y) => x - y,
    '*': (x, y) => x * y,
    '/': (x, y) => (y === 0 ? Number.NaN : x / y),
  }
  for (const [op, f] of Object.entries(js)) {
    it(`computes ${op} with the operands in the order written`, () => {
      const program = compile(['strategy "t"', 'long entry: close > 0', `stop loss: open ${op} close`, `take profit: close ${op} open`, `trailing stop: 2 ${op} close`].join('\n'))
      const registers = run(program)
      expect(Array.from(registers[program.rules.stopLoss!.register]!)).toEqual(Array.from(column((i) => f(bars.open[i]!, bars.close[i]!))))
      expect(Array.from(registers[program.rules.takeProfit!.register]!)).toEqual(Array.from(column((i) => f(bars.close[i]!, bars.open[i]!))))
      expect(Array.from(registers[program.rules.trailingStop!.register]!)).toEqual(Array.from(column((i) => f(2, bars.close[i]!))))
    })
  }

  const comparisons: Record<string, (x: number, y: number) => boolean> = {
    '<': (x, y) => x < y,
    '<=': (x, y) => x <= y,
    '>': (x, y) => x > y,
    '>=': (x, y) => x >= y,
    '==': (x, y) => x === y,
    '!=': (x, y) => x !== y,
  }
  for (const [op, f] of Object.entries(comparisons)) {
    it(`compares with ${op}, ties and the order of operands included`, () => {
      const program = compile(['strategy "t"', `long entry: close ${op} close`, `long exit: close ${op} open`, `short entry: open ${op} close`, `short exit: close[1] ${op} close`].join('\n'))
      const registers = run(program)
      const { close, open } = bars
      expect(Array.from(registers[program.rules.longEntry]!)).toEqual(Array.from(column((i) => f(close[i]!, close[i]!))))
      expect(Array.from(registers[program.rules.longExit]!)).toEqual(Array.from(column((i) => f(close[i]!, open[i]!))))
      expect(Array.from(registers[program.rules.shortEntry]!)).toEqual(Array.from(column((i) => f(open[i]!, close[i]!))))
      // Bar 0 has no previous close: NaN, and a comparison with NaN is false.
      expect(Array.from(registers[program.rules.shortExit]!)).toEqual(Array.from(column((i) => i > 0 && f(close[i - 1]!, close[i]!))))
    })
  }

  it('treats NaN as false in and, or and not', () => {
    const program = compile(['strategy "t"', 'long entry: not (close > open)[1]', 'long exit: (close > open)[1] or close < open', 'short entry: (close > open)[1] and close > open'].join('\n'))
    const registers = run(program)
    const up = column((i) => bars.close[i]! > bars.open[i]!)
    expectSignal(registers[program.rules.longEntry]!, column((i) => i === 0 || !up[i - 1]))
    expectSignal(registers[program.rules.longExit]!, column((i) => (i > 0 && up[i - 1] === 1) || !up[i]))
    expectSignal(registers[program.rules.shortEntry]!, column((i) => i > 0 && up[i - 1] === 1 && up[i] === 1))
  })
})

describe('the reference interpreter', () => {
  const valid = compile('strategy "t"\nlong entry: crossover(close, sma(close, 5))')

  it('refuses a program that reads a register before writing it', () => {
    const code = Int32Array.from(valid.code)
    // Move the cross (last before the sizing constant) to the front.
    const broken: Program = { ...valid, code: Int32Array.from([...code.subarray(8, 12), ...code.subarray(0, 8), ...code.subarray(12)]) }
    expect(() => interpretProgram(broken, bars, new Float64Array(0))).toThrow(/reads register \d+ before it is written/)
  })

  it('refuses a lag or a cross that reads further back than registerLags allows', () => {
    const broken: Program = { ...valid, registerLags: new Int32Array(valid.registerCount) }
    expect(() => interpretProgram(broken, bars, new Float64Array(0))).toThrow(/registerLags\[\d+\] is 0/)
  })
})
