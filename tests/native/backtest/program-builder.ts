import {
  FIELD_CLOSE,
  FIELD_HIGH,
  FIELD_LOW,
  FIELD_OPEN,
  FIELD_TIME,
  FIELD_VOLUME,
  Op,
  type OpCode,
  type Program,
  type ProgramDistance,
  type ProgramIndicator,
  type ProgramOrder,
  type ProgramParam,
  type ProgramRules,
  type ProgramSizing,
  type ProgramValue,
} from '../../../src/main/native'
import { allocateBars, type BarColumns } from '../../../src/shared/domain'

/** A register number, as the builder hands them out. */
export type Reg = number

const FIELDS = { time: FIELD_TIME, open: FIELD_OPEN, high: FIELD_HIGH, low: FIELD_LOW, close: FIELD_CLOSE, volume: FIELD_VOLUME } as const
export type FieldName = keyof typeof FIELDS

/** An indicator parameter: a number, or the name of a strategy parameter. */
export type IndicatorArg = number | { readonly param: string }

export interface RulesSpec {
  readonly longEntry?: Reg
  readonly longExit?: Reg
  readonly shortEntry?: Reg
  readonly shortExit?: Reg
  readonly longOrder?: ProgramOrder
  readonly shortOrder?: ProgramOrder
  readonly stopLoss?: ProgramDistance
  readonly takeProfit?: ProgramDistance
  readonly trailingStop?: ProgramDistance
  readonly exitAfterBars?: Reg
  /** Default: 100% of equity. */
  readonly sizing?: ProgramSizing
}

/**
 * A tiny assembler for strategy Programs, standing in for the compiler in these tests: every
 * method emits one instruction into a fresh register and returns it. registerLags are what the
 * compiler would compute (the largest `lag` read, 1 for a cross's operands).
 */
export class ProgramBuilder {
  private readonly code: number[] = []
  private readonly constants: number[] = []
  private readonly lags: number[] = []
  private readonly indicators: ProgramIndicator[] = []
  private readonly params: ProgramParam[] = []
  private registers = 0

  /** Declares a strategy parameter (no instruction); use `param` to read it into a register. */
  declare(name: string, value = 0): number {
    this.params.push({ name, default: value, min: value, max: value, step: 1, integer: Number.isInteger(value) })
    return this.params.length - 1
  }

  field(name: FieldName): Reg {
    return this.emit(Op.Field, FIELDS[name], 0)
  }

  constant(value: number): Reg {
    this.constants.push(value)
    return this.emit(Op.Const, this.constants.length - 1, 0)
  }

  param(name: string): Reg {
    return this.emit(Op.Param, this.paramIndex(name), 0)
  }

  lag(a: Reg, n: number): Reg {
    this.needLag(a, n)
    return this.emit(Op.Lag, a, n)
  }

  add(a: Reg, b: Reg): Reg {
    return this.emit(Op.Add, a, b)
  }
  sub(a: Reg, b: Reg): Reg {
    return this.emit(Op.Sub, a, b)
  }
  mul(a: Reg, b: Reg): Reg {
    return this.emit(Op.Mul, a, b)
  }
  div(a: Reg, b: Reg): Reg {
    return this.emit(Op.Div, a, b)
  }
  neg(a: Reg): Reg {
    return this.emit(Op.Neg, a, 0)
  }
  lt(a: Reg, b: Reg): Reg {
    return this.emit(Op.Lt, a, b)
  }
  le(a: Reg, b: Reg): Reg {
    return this.emit(Op.Le, a, b)
  }
  gt(a: Reg, b: Reg): Reg {
    return this.emit(Op.Gt, a, b)
  }
  ge(a: Reg, b: Reg): Reg {
    return this.emit(Op.Ge, a, b)
  }
  eq(a: Reg, b: Reg): Reg {
    return this.emit(Op.Eq, a, b)
  }
  ne(a: Reg, b: Reg): Reg {
    return this.emit(Op.Ne, a, b)
  }
  and(a: Reg, b: Reg): Reg {
    return this.emit(Op.And, a, b)
  }
  or(a: Reg, b: Reg): Reg {
    return this.emit(Op.Or, a, b)
  }
  not(a: Reg): Reg {
    return this.emit(Op.Not, a, 0)
  }
  abs(a: Reg): Reg {
    return this.emit(Op.Abs, a, 0)
  }
  min(a: Reg, b: Reg): Reg {
    return this.emit(Op.Min, a, b)
  }
  max(a: Reg, b: Reg): Reg {
    return this.emit(Op.Max, a, b)
  }
  crossOver(a: Reg, b: Reg): Reg {
    this.needLag(a, 1)
    this.needLag(b, 1)
    return this.emit(Op.CrossOver, a, b)
  }
  crossUnder(a: Reg, b: Reg): Reg {
    this.needLag(a, 1)
    this.needLag(b, 1)
    return this.emit(Op.CrossUnder, a, b)
  }

  /**
   * Runs a library indicator; `inputs` feeds registers in place of bar fields (`{ close: r }`
   * computes the indicator of r). Returns one register per output, in the library's order.
   */
  indicator(name: string, args: readonly IndicatorArg[], outputCount = 1, inputs: Partial<Record<FieldName, Reg>> = {}): Reg[] {
    const params: ProgramValue[] = args.map((a) => (typeof a === 'number' ? { constant: a } : { param: this.paramIndex(a.param) }))
    const inputRegs = new Int32Array(6).fill(-1)
    for (const [field, reg] of Object.entries(inputs)) inputRegs[FIELDS[field as FieldName]] = reg
    const outputs = Int32Array.from({ length: outputCount }, () => this.allocate())
    this.indicators.push({ name, params, inputs: inputRegs, outputs })
    this.code.push(Op.Indicator, 0, this.indicators.length - 1, 0)
    return Array.from(outputs)
  }

  build(rules: RulesSpec = {}): Program {
    const sizing = rules.sizing ?? { kind: 'equity-percent' as const, register: this.constant(100) }
    const full: ProgramRules = {
      longEntry: rules.longEntry ?? -1,
      longExit: rules.longExit ?? -1,
      shortEntry: rules.shortEntry ?? -1,
      shortExit: rules.shortExit ?? -1,
      longOrder: rules.longOrder ?? { type: 'market', price: -1 },
      shortOrder: rules.shortOrder ?? { type: 'market', price: -1 },
      stopLoss: rules.stopLoss ?? null,
      takeProfit: rules.takeProfit ?? null,
      trailingStop: rules.trailingStop ?? null,
      exitAfterBars: rules.exitAfterBars ?? -1,
      sizing,
    }
    return {
      version: 1,
      code: Int32Array.from(this.code),
      constants: Float64Array.from(this.constants),
      registerCount: this.registers,
      registerLags: Int32Array.from(this.lags),
      indicators: [...this.indicators],
      rules: full,
      params: [...this.params],
    }
  }

  private emit(op: OpCode, a: number, b: number): Reg {
    const dst = this.allocate()
    this.code.push(op, dst, a, b)
    return dst
  }

  private allocate(): Reg {
    this.lags.push(0)
    return this.registers++
  }

  private needLag(r: Reg, n: number): void {
    this.lags[r] = Math.max(this.lags[r] ?? 0, n)
  }

  private paramIndex(name: string): number {
    const index = this.params.findIndex((p) => p.name === name)
    if (index < 0) throw new Error(`declare parameter ${name} first`)
    return index
  }
}

/** Bars from rows of [open, high, low, close] (volume 1,000,000), one a day from 2024-01-01 00:00 UTC unless `times` is given. */
export function barsFrom(rows: ReadonlyArray<readonly [number, number, number, number]>, options: { times?: readonly number[]; volume?: number } = {}): BarColumns {
  const bars = allocateBars(rows.length)
  rows.forEach(([open, high, low, close], i) => {
    bars.time[i] = options.times?.[i] ?? DAY0 + i * DAY
    bars.open[i] = open
    bars.high[i] = high
    bars.low[i] = low
    bars.close[i] = close
    bars.volume[i] = options.volume ?? 1_000_000
  })
  return bars
}

/** Flat bars at each close (open = high = low = close), a day apart. */
export function closesOnly(closes: readonly number[], options: { times?: readonly number[]; volume?: number } = {}): BarColumns {
  return barsFrom(
    closes.map((c) => [c, c, c, c] as const),
    options,
  )
}

export const DAY = 86_400
/** 2024-01-01T00:00:00Z. */
export const DAY0 = 1_704_067_200

/**
 * A program whose long entry and exit are given per bar by the `signals` arrays (1 or 0), through
 * constants compared with the bar's time: what the exchange tests use to place orders on chosen bars.
 */
export function scriptedSignals(
  bars: BarColumns,
  script: { longEntry?: readonly number[]; longExit?: readonly number[]; shortEntry?: readonly number[]; shortExit?: readonly number[] },
  extra: (b: ProgramBuilder) => Omit<RulesSpec, 'longEntry' | 'longExit' | 'shortEntry' | 'shortExit'> = () => ({}),
): Program {
  const b = new ProgramBuilder()
  const time = b.field('time')
  const onBars = (flags: readonly number[] | undefined): Reg | undefined => {
    if (!flags) return undefined
    let any: Reg | undefined
    flags.forEach((flag, i) => {
      if (!flag) return
      const hit = b.eq(time, b.constant(bars.time[i] as number))
      any = any === undefined ? hit : b.or(any, hit)
    })
    return any ?? b.constant(0)
  }
  const longEntry = onBars(script.longEntry)
  const longExit = onBars(script.longExit)
  const shortEntry = onBars(script.shortEntry)
  const shortExit = onBars(script.shortExit)
  const rest = extra(b)
  return b.build({
    ...rest,
    ...(longEntry !== undefined && { longEntry }),
    ...(longExit !== undefined && { longExit }),
    ...(shortEntry !== undefined && { shortEntry }),
    ...(shortExit !== undefined && { shortExit }),
  })
}
