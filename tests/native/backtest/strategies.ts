import { type Program } from '../../../src/main/native'
import { ProgramBuilder } from './program-builder'

/**
 * The moving-average crossover: long when SMA(fast) crosses over SMA(slow), out when it crosses
 * under; all in. Parameters: fast, slow.
 */
export function maCrossover(options: { short?: boolean } = {}): Program {
  const b = new ProgramBuilder()
  b.declare('fast', 10)
  b.declare('slow', 30)
  const [fast] = b.indicator('SMA', [{ param: 'fast' }]) as [number]
  const [slow] = b.indicator('SMA', [{ param: 'slow' }]) as [number]
  const up = b.crossOver(fast, slow)
  const down = b.crossUnder(fast, slow)
  return b.build(options.short ? { longEntry: up, shortEntry: down } : { longEntry: up, longExit: down })
}

/**
 * Most of what the VM and the exchange do at once: a crossover filtered by an indicator of an
 * indicator (fed from a register), a lagged close, a limit entry below the close, an ATR stop, a
 * percent target, a trailing stop, a time exit, risk sizing and shorts. Parameters: fast, slow,
 * atrPeriod, risk.
 */
export function kitchenSink(): Program {
  const b = new ProgramBuilder()
  b.declare('fast', 8)
  b.declare('slow', 21)
  b.declare('atrPeriod', 14)
  b.declare('risk', 1)
  const close = b.field('close')
  const [fast] = b.indicator('EMA', [{ param: 'fast' }]) as [number]
  const [slow] = b.indicator('SMA', [{ param: 'slow' }]) as [number]
  const [rsi] = b.indicator('RSI', [14]) as [number]
  const [rsiSmooth] = b.indicator('SMA', [5], 1, { close: rsi }) as [number]
  const [atr] = b.indicator('ATR', [{ param: 'atrPeriod' }]) as [number]
  const high = b.field('high')
  const [highMax] = b.indicator('MAX', [10], 1, { close: high }) as [number]
  const momentum = b.gt(close, b.lag(close, 3))
  const longEntry = b.and(b.crossOver(fast, slow), b.or(b.gt(rsiSmooth, b.constant(45)), momentum))
  const shortEntry = b.and(b.crossUnder(fast, slow), b.lt(rsiSmooth, b.constant(55)))
  const longExit = b.gt(close, highMax)
  const limit = b.sub(close, b.mul(atr, b.constant(0.1)))
  return b.build({
    longEntry,
    shortEntry,
    longExit,
    shortExit: b.lt(rsi, b.constant(25)),
    longOrder: { type: 'limit', price: limit },
    shortOrder: { type: 'market', price: -1 },
    stopLoss: { register: b.mul(atr, b.constant(2)), unit: 'price' },
    takeProfit: { register: b.constant(1), unit: 'percent' },
    trailingStop: { register: b.mul(atr, b.constant(3)), unit: 'price' },
    exitAfterBars: b.constant(12),
    sizing: { kind: 'risk-percent', register: b.param('risk') },
  })
}
