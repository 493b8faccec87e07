import type { Span } from './diagnostics'

export type BinaryOperator = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or'

/** An expression as written, with its span in the source. */
export type Expression =
  | { readonly kind: 'number'; readonly span: Span; readonly value: number; readonly integer: boolean }
  | { readonly kind: 'name'; readonly span: Span; readonly name: string }
  | { readonly kind: 'unary'; readonly span: Span; readonly operator: '-' | 'not'; readonly operand: Expression }
  | { readonly kind: 'binary'; readonly span: Span; readonly operator: BinaryOperator; readonly left: Expression; readonly right: Expression }
  /** `sma(close, 20)`: `callee` as written (any case). */
  | { readonly kind: 'call'; readonly span: Span; readonly callee: string; readonly calleeSpan: Span; readonly args: readonly Expression[] }
  /** `macd(close).macdHist` */
  | { readonly kind: 'output'; readonly span: Span; readonly target: Expression; readonly output: string; readonly outputSpan: Span }
  /** `close[1]` */
  | { readonly kind: 'lag'; readonly span: Span; readonly target: Expression; readonly bars: Expression }
  /** Stands in for what a statement with a syntax error defined, so its uses raise no second error. */
  | { readonly kind: 'invalid'; readonly span: Span }

/** A number written in a `param` statement, sign included. */
export interface NumberLiteral {
  readonly span: Span
  readonly value: number
  /** Written without a decimal point or exponent. */
  readonly integer: boolean
}

export type Side = 'long' | 'short'
export type ProtectiveExit = 'stop loss' | 'take profit' | 'trailing stop'
export type SizingKind = 'fixed' | 'equity-percent' | 'risk-percent'
export type OrderType = 'market' | 'limit' | 'stop'

export type Statement =
  | { readonly kind: 'strategy'; readonly span: Span; readonly name: string; readonly nameSpan: Span }
  | {
      readonly kind: 'param'
      readonly span: Span
      readonly name: string
      readonly nameSpan: Span
      readonly default: NumberLiteral
      readonly range: { readonly min: NumberLiteral; readonly max: NumberLiteral } | null
      readonly step: NumberLiteral | null
    }
  | { readonly kind: 'let'; readonly span: Span; readonly name: string; readonly nameSpan: Span; readonly value: Expression }
  /** `long entry: …`; `keywordSpan` covers `long entry`. */
  | { readonly kind: 'signal'; readonly span: Span; readonly keywordSpan: Span; readonly side: Side; readonly action: 'entry' | 'exit'; readonly condition: Expression }
  /** `stop loss: 2%` has `percent` true. */
  | { readonly kind: 'protective-exit'; readonly span: Span; readonly keywordSpan: Span; readonly exit: ProtectiveExit; readonly distance: Expression; readonly percent: boolean }
  | { readonly kind: 'exit-after'; readonly span: Span; readonly keywordSpan: Span; readonly bars: Expression }
  | { readonly kind: 'size'; readonly span: Span; readonly keywordSpan: Span; readonly sizing: SizingKind; readonly amount: Expression }
  /** `order:` (both sides), `long order:` or `short order:`; `price` is null for market orders. */
  | { readonly kind: 'order'; readonly span: Span; readonly keywordSpan: Span; readonly side: Side | 'both'; readonly type: OrderType; readonly price: Expression | null }

export interface StrategySyntax {
  readonly statements: readonly Statement[]
}
