import { Op, type Program } from '../../src/main/native'

/** -1: a bar field read as is, or a rule the strategy does not have. */
const RAW = -1

/**
 * The moving-average crossover as a hand-assembled strategy Program (what the compiler would emit
 * for `long entry: crossover(sma(close, fast), sma(close, slow))`, `long exit: crossunder(…)`,
 * `size: 100% of equity`). Parameters: fast, slow.
 */
export const MA_CROSSOVER_PROGRAM: Program = {
  version: 1,
  // op, dst, a, b
  code: Int32Array.from([
    Op.Indicator, 0, 0, 0, // r0 = SMA(close, fast)
    Op.Indicator, 0, 1, 0, // r1 = SMA(close, slow)
    Op.CrossOver, 2, 0, 1, // r2 = crossover(r0, r1)
    Op.CrossUnder, 3, 0, 1, // r3 = crossunder(r0, r1)
    Op.Const, 4, 0, 0, // r4 = 100 (% of equity)
  ]),
  constants: Float64Array.of(100),
  registerCount: 5,
  registerLags: Int32Array.of(1, 1, 0, 0, 0),
  indicators: [
    { name: 'SMA', params: [{ param: 0 }], inputs: Int32Array.of(RAW, RAW, RAW, RAW, RAW, RAW), outputs: Int32Array.of(0) },
    { name: 'SMA', params: [{ param: 1 }], inputs: Int32Array.of(RAW, RAW, RAW, RAW, RAW, RAW), outputs: Int32Array.of(1) },
  ],
  rules: {
    longEntry: 2,
    longExit: 3,
    shortEntry: RAW,
    shortExit: RAW,
    longOrder: { type: 'market', price: RAW },
    shortOrder: { type: 'market', price: RAW },
    stopLoss: null,
    takeProfit: null,
    trailingStop: null,
    exitAfterBars: RAW,
    sizing: { kind: 'equity-percent', register: 4 },
  },
  params: [
    { name: 'fast', default: 10, min: 5, max: 50, step: 5, integer: true },
    { name: 'slow', default: 30, min: 20, max: 200, step: 10, integer: true },
  ],
}
