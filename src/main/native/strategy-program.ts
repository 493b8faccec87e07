import type { StrategyParamInfo } from '../../shared/contract'

/**
 * A compiled strategy: what src/main/strategy's compiler produces and native/core/strategy's VM
 * runs. The full specification (instruction semantics, chunked evaluation, the exchange) is
 * docs/design/strategy-program.md; keep the two in step.
 *
 * The VM is a register machine evaluated a column at a time: every register holds one series
 * (a value per bar) and every instruction runs over a chunk of bars, so the dispatch cost is paid
 * once per chunk, not once per bar. A register keeps the last `registerLags[r]` values of the
 * previous chunk so lags (`x[n]`) and crosses read across chunk boundaries; streaming (live) is a
 * chunk of one bar.
 */

/** Opcodes. Each instruction is 4 Int32 slots: op, dst, a, b. Unused slots are 0. */
export const Op = {
  /** dst = bar field a (a FIELD_* value). */
  Field: 0,
  /** dst = constants[a]. */
  Const: 1,
  /** dst = params[a] (the run's parameter values, in Program.params order). */
  Param: 2,
  /** dst = register a, n = b bars back (b ≥ 1); NaN before the first bar. */
  Lag: 3,
  Add: 4,
  Sub: 5,
  Mul: 6,
  /** a / b; NaN when b is 0. */
  Div: 7,
  /** dst = −a. */
  Neg: 8,
  /** Comparisons give 1 or 0; 0 if either side is NaN. */
  Lt: 9,
  Le: 10,
  Gt: 11,
  Ge: 12,
  Eq: 13,
  Ne: 14,
  /** Logic on truth (a value is true when it is neither 0 nor NaN); gives 1 or 0. */
  And: 15,
  Or: 16,
  Not: 17,
  /** 1 when a > b on this bar and a ≤ b on the previous bar (all four values not NaN), else 0. */
  CrossOver: 18,
  /** 1 when a < b on this bar and a ≥ b on the previous bar (all four values not NaN), else 0. */
  CrossUnder: 19,
  /** Runs indicators[a] over the chunk, writing its output registers (dst and b unused). */
  Indicator: 20,
  Abs: 21,
  Min: 22,
  Max: 23,
} as const
export type OpCode = (typeof Op)[keyof typeof Op]

/** Bar fields, in the order of quorum::Bar and BAR_FIELDS. */
export const FIELD_TIME = 0
export const FIELD_OPEN = 1
export const FIELD_HIGH = 2
export const FIELD_LOW = 3
export const FIELD_CLOSE = 4
export const FIELD_VOLUME = 5

/** A number in an indicator's parameter list: a constant, or one of the strategy's parameters. */
export type ProgramValue = { readonly constant: number } | { readonly param: number }

export interface ProgramIndicator {
  /** The library's name, upper case (`SMA`). */
  readonly name: string
  /** In the library's parameter order, every one given (the compiler fills in defaults). */
  readonly params: readonly ProgramValue[]
  /**
   * Six entries, one per bar field (FIELD_* order): -1 feeds the bar's own field, a register
   * number feeds that register instead (`sma(high, 20)` feeds register(high) as close).
   */
  readonly inputs: Int32Array
  /** One register per output of the indicator, in the library's output order. */
  readonly outputs: Int32Array
}

/** A price distance for a protective exit: `price` is in currency, `percent` in % of the entry price. */
export interface ProgramDistance {
  readonly register: number
  readonly unit: 'price' | 'percent'
}

export interface ProgramOrder {
  readonly type: 'market' | 'limit' | 'stop'
  /** The limit or stop price (register, read on the signal bar); -1 for market. */
  readonly price: number
}

export interface ProgramSizing {
  /** `fixed`: that many shares; `equity-percent`: that % of equity; `risk-percent`: risk that % of equity against the stop-loss distance. */
  readonly kind: 'fixed' | 'equity-percent' | 'risk-percent'
  /** Register holding the amount (read on the signal bar). */
  readonly register: number
}

export interface ProgramRules {
  /** Registers whose truth on a bar is the signal; -1 when the strategy has no such rule. */
  readonly longEntry: number
  readonly longExit: number
  readonly shortEntry: number
  readonly shortExit: number
  readonly longOrder: ProgramOrder
  readonly shortOrder: ProgramOrder
  readonly stopLoss: ProgramDistance | null
  readonly takeProfit: ProgramDistance | null
  readonly trailingStop: ProgramDistance | null
  /** Register holding the bar count of the time exit (read on the entry signal bar); -1: none. */
  readonly exitAfterBars: number
  readonly sizing: ProgramSizing
}

/** A strategy parameter with its optimisation range: the contract's StrategyParamInfo, one definition. */
export type ProgramParam = StrategyParamInfo

export interface Program {
  readonly version: 1
  /** 4 Int32 slots per instruction, in evaluation order (operands are computed before use). */
  readonly code: Int32Array
  readonly constants: Float64Array
  readonly registerCount: number
  /** Per register, the largest lag any instruction reads from it (0: none). */
  readonly registerLags: Int32Array
  readonly indicators: readonly ProgramIndicator[]
  readonly rules: ProgramRules
  readonly params: readonly ProgramParam[]
}
