import { type NativeInfo } from './addon-binding'
import { nativeBinding } from './addon-loader'

export { type NativeInfo } from './addon-binding'
export {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_SWEEP_BLOCKS,
  computeStats,
  evaluateProgram,
  runBacktest,
  runSweep,
  statsOfRow,
  type BacktestOptions,
  type BacktestOutput,
  type CurveColumns,
  type EquityColumns,
  type FillTotals,
  type RunBacktestOptions,
  type StatsCurve,
  type SweepOptions,
  type SweepOutput,
  type TradeColumns,
} from './backtest'
export { NativeCancelledError } from './native-cancelled-error'
export {
  computeIndicator,
  computeIndicatorAsync,
  createIndicatorStream,
  findIndicator,
  listIndicators,
  resolveIndicatorParams,
  type IndicatorParams,
  type IndicatorResult,
  type IndicatorStream,
} from './indicators'
export * from './strategy-program'
export { resampleBars, resampleBarsAsync, type ResampleAsyncOptions, type ResampleSpec } from './resample'
export {
  aggregateTicks,
  aggregateTicksAsync,
  createBarBuilder,
  readBandwidthProbe,
  type AggregateTicksAsyncOptions,
  type BarBuilder,
  type BarUpdate,
  type IgnoredTicks,
} from './tick-aggregation'

/** Identifies the loaded addon; loading it here surfaces a missing build with its fix. */
export function nativeInfo(): NativeInfo {
  return nativeBinding().nativeInfo()
}
