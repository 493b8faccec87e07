import type { BarField } from './bars'

export type IndicatorParamKind = 'integer' | 'real' | 'ma-type'

export interface IndicatorParamSpec {
  /** Identifier used in requests and on the command line, e.g. `period`. */
  readonly name: string
  readonly label: string
  readonly kind: IndicatorParamKind
  readonly default: number
  readonly min: number
  readonly max: number
}

/** One indicator of the native library, as the Strategy Lab, the chart and the CLI list it. */
export interface IndicatorInfo {
  /** TA-Lib's function name where TA-Lib has the indicator, e.g. `SMA`, `MACD`. */
  readonly name: string
  readonly title: string
  readonly group: string
  readonly inputs: readonly BarField[]
  /** In TA-Lib's parameter order where TA-Lib has it. */
  readonly params: readonly IndicatorParamSpec[]
  /** In TA-Lib's output order where TA-Lib has it. */
  readonly outputs: readonly string[]
  /** Drawn over the prices (moving averages, bands) or in a pane of its own (oscillators). */
  readonly overlay: boolean
  /** TA-Lib has it: its values are tested to match TA-Lib's. */
  readonly talib: boolean
}

/** TA-Lib's moving-average types, by the number its MAType parameters take. */
export const MA_TYPES = ['SMA', 'EMA', 'WMA', 'DEMA', 'TEMA', 'TRIMA', 'KAMA', 'MAMA', 'T3'] as const
