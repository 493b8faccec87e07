import type { OpCode, ProgramParam, ProgramValue } from '../native'
import type { OrderType, SizingKind } from './syntax-tree'

/**
 * A resolved expression: names looked up, lets inlined, types checked, indicator parameters
 * filled in. It is a tree; the compiler turns equal subtrees into one register.
 */
export type Term =
  | { readonly t: 'field'; readonly field: number }
  | { readonly t: 'const'; readonly value: number }
  | { readonly t: 'param'; readonly index: number }
  /** Every opcode that reads only registers: arithmetic, comparison, logic, cross, abs, min, max. */
  | { readonly t: 'op'; readonly op: OpCode; readonly args: readonly Term[] }
  | { readonly t: 'lag'; readonly target: Term; readonly bars: number }
  | { readonly t: 'indicator'; readonly use: IndicatorUse; readonly output: number }

export interface IndicatorUse {
  /** The library's name, upper case. */
  readonly name: string
  /** Every parameter, in the library's order, defaults filled in. */
  readonly params: readonly ProgramValue[]
  /** The series a single-series indicator runs on; null for indicators that read the bar's own fields. */
  readonly series: Term | null
}

export interface CheckedDistance {
  readonly term: Term
  readonly unit: 'price' | 'percent'
}

export interface CheckedOrder {
  readonly type: OrderType
  readonly price: Term | null
}

/** What the checker hands the compiler: a strategy with no errors. */
export interface CheckedStrategy {
  readonly name: string
  readonly params: readonly ProgramParam[]
  readonly longEntry: Term | null
  readonly longExit: Term | null
  readonly shortEntry: Term | null
  readonly shortExit: Term | null
  readonly longOrder: CheckedOrder
  readonly shortOrder: CheckedOrder
  readonly stopLoss: CheckedDistance | null
  readonly takeProfit: CheckedDistance | null
  readonly trailingStop: CheckedDistance | null
  readonly exitAfterBars: Term | null
  readonly sizing: { readonly kind: SizingKind; readonly amount: Term }
}
