import { describe, expect, it } from 'vitest'
import { FIELD_CLOSE, FIELD_HIGH, Op, type Program } from '../../src/main/native'
import { compileStrategy } from '../../src/main/strategy'

const OP_NAMES = Object.fromEntries(Object.entries(Op).map(([name, code]) => [code, name])) as Record<number, string>

function compile(...lines: string[]): Program {
  const result = compileStrategy(['strategy "t"', ...lines].join('\n'))
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'))
  return result.program
}

interface Instruction {
  readonly op: string
  readonly dst: number
  readonly a: number
  readonly b: number
}

function instructions(program: Program): Instruction[] {
  const out: Instruction[] = []
  for (let i = 0; i < program.code.length; i += 4) {
    const [op, dst, a, b] = program.code.subarray(i, i + 4)
    out.push({ op: OP_NAMES[op!]!, dst: dst!, a: a!, b: b! })
  }
  return out
}

/** The one instruction writing register r (an Indicator instruction writes its instance's outputs). */
function writerOf(program: Program, r: number): Instruction {
  const found = instructions(program).filter((ins) => (ins.op === 'Indicator' ? Array.from(program.indicators[ins.a]!.outputs).includes(r) : ins.dst === r))
  expect(found).toHaveLength(1)
  return found[0]!
}

function count(program: Program, op: string): number {
  return instructions(program).filter((i) => i.op === op).length
}

/** The registers an instruction reads. */
function reads(program: Program, ins: Instruction): number[] {
  switch (ins.op) {
    case 'Field':
    case 'Const':
    case 'Param':
      return []
    case 'Lag':
    case 'Neg':
    case 'Not':
    case 'Abs':
      return [ins.a]
    case 'Indicator':
      return Array.from(program.indicators[ins.a]!.inputs).filter((r) => r >= 0)
    default:
      return [ins.a, ins.b]
  }
}

describe('compiler', () => {
  it('gives the same indicator call in two rules one instance and one register', () => {
    const program = compile(
      'param fast = 10 in 5..50 step 5',
      'param slow = 30 in 20..200 step 10',
      'long entry: crossover(sma(close, fast), sma(close, slow))',
      'long exit: crossunder(sma(close, fast), sma(close, slow))',
    )
    expect(program.indicators.map((i) => ({ name: i.name, params: i.params }))).toEqual([
      { name: 'SMA', params: [{ param: 0 }] },
      { name: 'SMA', params: [{ param: 1 }] },
    ])
    expect(count(program, 'Indicator')).toBe(2)
    const entry = writerOf(program, program.rules.longEntry)
    const exit = writerOf(program, program.rules.longExit)
    expect(entry).toMatchObject({ op: 'CrossOver', a: program.indicators[0]!.outputs[0], b: program.indicators[1]!.outputs[0] })
    expect(exit).toMatchObject({ op: 'CrossUnder', a: entry.a, b: entry.b })
  })

  it('shares a repeated sub-expression, lets included, and treats a + b and b + a as one', () => {
    const program = compile('let spread = high - low', 'long entry: spread > 1 and (high - low) * 2 > open + close and close + open > 3')
    expect(count(program, 'Sub')).toBe(1)
    expect(count(program, 'Add')).toBe(1)
    expect(count(program, 'Field')).toBe(4)
  })

  it('fills in indicator defaults, so sma(close) and sma(close, 30) are one instance', () => {
    const program = compile('long entry: sma(close) > sma(close, 30)', 'long exit: macd(close, 12).macd > 0')
    expect(program.indicators.map((i) => [i.name, i.params])).toEqual([
      ['SMA', [{ constant: 30 }]],
      ['MACD', [{ constant: 12 }, { constant: 26 }, { constant: 9 }]],
    ])
  })

  it('keeps instances with different settings or series apart, and feeds a series other than close through a register', () => {
    const program = compile('long entry: sma(close, 20) > sma(high, 20) and sma(close, 21) > 0')
    expect(program.indicators).toHaveLength(3)
    const [onClose, onHigh] = program.indicators
    expect(Array.from(onClose!.inputs)).toEqual([-1, -1, -1, -1, -1, -1])
    const feed = onHigh!.inputs[FIELD_CLOSE]!
    expect(writerOf(program, feed)).toMatchObject({ op: 'Field', a: FIELD_HIGH })
    expect(Array.from(onHigh!.inputs).filter((r) => r >= 0)).toEqual([feed])
  })

  it('turns MA-type names into their numbers', () => {
    const program = compile('long entry: ma(close, 10, ema) > ma(close, 10, 1) and ma(close, 10, t3) > 0')
    expect(program.indicators.map((i) => i.params)).toEqual([[{ constant: 10 }, { constant: 1 }], [{ constant: 10 }, { constant: 8 }]])
  })

  it('gives each output of an indicator a register and reads the one picked', () => {
    const program = compile('long entry: macd(close).macdHist > macd(close).MACDSIGNAL')
    const [macd] = program.indicators
    expect(macd!.outputs).toHaveLength(3)
    expect(writerOf(program, program.rules.longEntry)).toMatchObject({ op: 'Gt', a: macd!.outputs[2], b: macd!.outputs[1] })
  })

  it('de-duplicates constants and folds a minus into a written number', () => {
    const program = compile('long entry: close > 1 and open > 1 and high * 2 > 2 and low > -2 and volume > 1.0')
    // 100: the default size, 100% of equity.
    expect(Array.from(program.constants)).toEqual([1, 2, -2, 100])
    expect(count(program, 'Const')).toBe(4)
    expect(count(program, 'Neg')).toBe(0)
  })

  it('records the deepest lag read from each register and merges lags of lags', () => {
    const program = compile('long entry: close[1] > close[3] and close[1][2] < open and (close - open)[0] > 0')
    const closeRegister = instructions(program).find((i) => i.op === 'Field' && i.a === FIELD_CLOSE)!.dst
    expect(program.registerLags[closeRegister]).toBe(3)
    expect(instructions(program).filter((i) => i.op === 'Lag').map((i) => [i.a, i.b])).toEqual([
      [closeRegister, 1],
      [closeRegister, 3],
    ])
    expect(count(program, 'Lag')).toBe(2)
  })

  it('gives both operands of a cross a lag of 1', () => {
    const program = compile('long entry: crossover(close, sma(close, 5))', 'long exit: crossunder(rsi(close, 14), 50)')
    const lagged = Array.from(program.registerLags.entries()).filter(([, lag]) => lag > 0)
    expect(lagged).toEqual(
      [writerOf(program, program.rules.longEntry), writerOf(program, program.rules.longExit)]
        .flatMap((i) => [i.a, i.b])
        .sort((x, y) => x - y)
        .map((r) => [r, 1]),
    )
  })

  it('emits every instruction after the instructions it reads, and writes each register once', () => {
    const program = compile(
      'param n = 14 in 5..30',
      'let band = bbands(close - open, n, 2, 2)',
      'long entry: crossover(close, band.lowerBand) and not (atr(n) > abs(close[1] - open))',
      'long exit: max(close, open) >= band.upperBand or min(close, open) / 0 == 1',
      'stop loss: 2 * atr(n)',
    )
    const written = new Set<number>()
    for (const ins of instructions(program)) {
      for (const r of reads(program, ins)) expect(written.has(r), `${ins.op} reads r${r} before it is written`).toBe(true)
      const outputs = ins.op === 'Indicator' ? Array.from(program.indicators[ins.a]!.outputs) : [ins.dst]
      for (const r of outputs) {
        expect(written.has(r)).toBe(false)
        written.add(r)
      }
    }
    expect(written.size).toBe(program.registerCount)
    expect(program.registerLags).toHaveLength(program.registerCount)
  })

  it('sets the rules: absent ones -1 or null, orders, distances, time exit and sizing', () => {
    const program = compile(
      'param hold = 10 in 5..20',
      'param qty = 100',
      'short entry: close < open',
      'order: limit close - 1',
      'long order: stop high[1]',
      'stop loss: 2%',
      'trailing stop: 3 * atr(14)',
      'exit after: hold bars',
      'size: fixed qty',
    )
    const { rules } = program
    expect([rules.longEntry, rules.longExit, rules.shortExit]).toEqual([-1, -1, -1])
    expect(rules.takeProfit).toBeNull()
    expect(rules.longOrder.type).toBe('stop')
    expect(writerOf(program, rules.longOrder.price)).toMatchObject({ op: 'Lag', b: 1 })
    expect(rules.shortOrder.type).toBe('limit')
    expect(writerOf(program, rules.shortOrder.price)).toMatchObject({ op: 'Sub' })
    expect(rules.stopLoss).toMatchObject({ unit: 'percent' })
    expect(program.constants[writerOf(program, rules.stopLoss!.register).a]).toBe(2)
    expect(rules.trailingStop).toMatchObject({ unit: 'price' })
    expect(writerOf(program, rules.trailingStop!.register)).toMatchObject({ op: 'Mul' })
    expect(writerOf(program, rules.exitAfterBars)).toEqual({ op: 'Param', dst: rules.exitAfterBars, a: 0, b: 0 })
    expect(rules.sizing.kind).toBe('fixed')
    expect(writerOf(program, rules.sizing.register)).toMatchObject({ op: 'Param', a: 1 })
  })

  it('orders at market and sizes at 100% of equity by default', () => {
    const program = compile('long entry: close > open')
    expect(program.rules.longOrder).toEqual({ type: 'market', price: -1 })
    expect(program.rules.shortOrder).toEqual({ type: 'market', price: -1 })
    expect(program.rules.sizing.kind).toBe('equity-percent')
    const load = writerOf(program, program.rules.sizing.register)
    expect(load.op).toBe('Const')
    expect(program.constants[load.a]).toBe(100)
  })

  it('lists the parameters in order, integer when written without a decimal point, with default steps', () => {
    const program = compile(
      'param fast = 10 in 5..50 step 5',
      'param plain = 7',
      'param mult = 2.0 in 1..3',
      'param ratio = 1 in 0..2 step 0.5',
      'long entry: close > fast + plain + mult + ratio',
    )
    expect(program.params).toEqual([
      { name: 'fast', default: 10, min: 5, max: 50, step: 5, integer: true },
      { name: 'plain', default: 7, min: 7, max: 7, step: 1, integer: true },
      { name: 'mult', default: 2, min: 1, max: 3, step: 0.2, integer: false },
      { name: 'ratio', default: 1, min: 0, max: 2, step: 0.5, integer: false },
    ])
  })

  it('compiles a strategy with no indicators to plain arithmetic', () => {
    const program = compile('long entry: close > open')
    expect(instructions(program).map((i) => i.op)).toEqual(['Field', 'Field', 'Gt', 'Const'])
    expect(program.version).toBe(1)
  })
})
