import { FIELD_CLOSE, findIndicator, Op, type OpCode, type Program, type ProgramDistance, type ProgramIndicator, type ProgramOrder } from '../native'
import type { CheckedDistance, CheckedOrder, CheckedStrategy, IndicatorUse, Term } from './checked-strategy'

/** Operations whose result does not depend on the order of their operands (IEEE + and × are exactly commutative). */
const COMMUTATIVE = new Set<OpCode>([Op.Add, Op.Mul, Op.Eq, Op.Ne, Op.And, Op.Or])

/** Operations that read their operands' previous bar. */
const CROSSES = new Set<OpCode>([Op.CrossOver, Op.CrossUnder])

function constantKey(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value)
}

/**
 * Turns a checked strategy into a Program. Every distinct computation gets one register: equal
 * subtrees (the same `sma(close, fast)` in two rules) share an instruction, equal indicator
 * instances share one instance, equal constants one slot. Instructions are emitted operands
 * first, so the order of `code` is an evaluation order.
 */
class Compiler {
  private readonly code: number[] = []
  private readonly constants: number[] = []
  private readonly constantSlots = new Map<string, number>()
  private readonly registers = new Map<string, number>()
  private readonly lags: number[] = []
  private readonly indicators: ProgramIndicator[] = []
  private readonly instances = new Map<string, number>()

  compile(checked: CheckedStrategy): Program {
    const optional = (t: Term | null): number => (t === null ? -1 : this.term(t))
    const order = (o: CheckedOrder): ProgramOrder => ({ type: o.type, price: o.price === null ? -1 : this.term(o.price) })
    const distance = (d: CheckedDistance | null): ProgramDistance | null => (d === null ? null : { register: this.term(d.term), unit: d.unit })
    const rules = {
      longEntry: optional(checked.longEntry),
      longExit: optional(checked.longExit),
      shortEntry: optional(checked.shortEntry),
      shortExit: optional(checked.shortExit),
      longOrder: order(checked.longOrder),
      shortOrder: order(checked.shortOrder),
      stopLoss: distance(checked.stopLoss),
      takeProfit: distance(checked.takeProfit),
      trailingStop: distance(checked.trailingStop),
      exitAfterBars: optional(checked.exitAfterBars),
      sizing: { kind: checked.sizing.kind, register: this.term(checked.sizing.amount) },
    }
    return {
      version: 1,
      code: Int32Array.from(this.code),
      constants: Float64Array.from(this.constants),
      registerCount: this.lags.length,
      registerLags: Int32Array.from(this.lags),
      indicators: this.indicators,
      rules,
      params: checked.params.map((p) => ({ ...p })),
    }
  }

  private newRegister(): number {
    this.lags.push(0)
    return this.lags.length - 1
  }

  private needLag(register: number, bars: number): void {
    this.lags[register] = Math.max(this.lags[register] ?? 0, bars)
  }

  /** The register holding `op(a, b)`, emitting the instruction the first time it is asked for. */
  private instruction(op: OpCode, a: number, b: number): number {
    const key = `${op}:${a}:${b}`
    const known = this.registers.get(key)
    if (known !== undefined) return known
    const dst = this.newRegister()
    this.code.push(op, dst, a, b)
    this.registers.set(key, dst)
    return dst
  }

  private constant(value: number): number {
    const key = constantKey(value)
    let slot = this.constantSlots.get(key)
    if (slot === undefined) {
      slot = this.constants.length
      this.constants.push(value)
      this.constantSlots.set(key, slot)
    }
    return slot
  }

  private term(t: Term): number {
    switch (t.t) {
      case 'field':
        return this.instruction(Op.Field, t.field, 0)
      case 'const':
        return this.instruction(Op.Const, this.constant(t.value), 0)
      case 'param':
        return this.instruction(Op.Param, t.index, 0)
      case 'lag': {
        const target = this.term(t.target)
        this.needLag(target, t.bars)
        return this.instruction(Op.Lag, target, t.bars)
      }
      case 'indicator':
        return this.indicatorOutput(t.use, t.output)
      case 'op': {
        const args = t.args.map((a) => this.term(a))
        let a = args[0] ?? 0
        let b = args[1] ?? 0
        if (COMMUTATIVE.has(t.op) && b < a) [a, b] = [b, a]
        if (CROSSES.has(t.op)) {
          this.needLag(a, 1)
          this.needLag(b, 1)
        }
        return this.instruction(t.op, a, b)
      }
    }
  }

  private indicatorOutput(use: IndicatorUse, output: number): number {
    const inputs = new Int32Array(6).fill(-1)
    // A series that is the bar's own close needs no register: the instance reads the bar.
    if (use.series !== null && !(use.series.t === 'field' && use.series.field === FIELD_CLOSE)) inputs[FIELD_CLOSE] = this.term(use.series)
    const params = use.params.map((p) => ('param' in p ? `p${p.param}` : constantKey(p.constant))).join(',')
    const key = `${use.name}(${params})[${inputs.join(',')}]`
    let index = this.instances.get(key)
    if (index === undefined) {
      const info = findIndicator(use.name)
      if (info === undefined) throw new Error(`the checker let through an unknown indicator ${use.name}`)
      index = this.indicators.length
      const outputs = Int32Array.from(info.outputs, () => this.newRegister())
      this.indicators.push({ name: info.name, params: use.params.map((p) => ({ ...p })), inputs, outputs })
      this.code.push(Op.Indicator, 0, index, 0)
      this.instances.set(key, index)
    }
    return (this.indicators[index] as ProgramIndicator).outputs[output] as number
  }
}

export function compileChecked(checked: CheckedStrategy): Program {
  return new Compiler().compile(checked)
}
