import { type BarColumns } from '../../src/shared/domain'

/**
 * Benchmark reference only: the moving-average crossover as a plain-TypeScript event-loop
 * backtester (one object per indicator, one onBar call per bar), the way a JS backtester would
 * be written. Same semantics as bench/reference/ma-crossover-program.ts run by the native engine:
 * crossover buys all in at the next open (whole shares), crossunder sells at the next open, the
 * last close closes out; it returns the same equity curve columns.
 */

class MovingAverage {
  private readonly window: Float64Array
  private head = 0
  private sum = 0
  private seen = 0

  constructor(private readonly period: number) {
    this.window = new Float64Array(period)
  }

  /** TA-Lib's order: add, take the mean, drop the value leaving the window. */
  update(value: number): number {
    this.sum += value
    this.window[this.head] = value
    this.head = this.head + 1 === this.period ? 0 : this.head + 1
    if (this.seen < this.period - 1) {
      this.seen++
      return NaN
    }
    const mean = this.sum / this.period
    this.sum -= this.window[this.head] as number
    return mean
  }
}

interface Bar {
  readonly time: number
  readonly open: number
  readonly close: number
}

export interface EventLoopResult {
  readonly finalEquity: number
  readonly time: Float64Array
  readonly equity: Float64Array
  readonly cash: Float64Array
  readonly drawdown: Float64Array
}

class CrossoverStrategy {
  private readonly fast: MovingAverage
  private readonly slow: MovingAverage
  private previousFast = NaN
  private previousSlow = NaN
  cash: number
  quantity = 0
  private pending: 'buy' | 'sell' | undefined
  private peak: number

  constructor(fast: number, slow: number, cash: number) {
    this.fast = new MovingAverage(fast)
    this.slow = new MovingAverage(slow)
    this.cash = cash
    this.peak = cash
  }

  onOpen(bar: Bar): void {
    if (this.pending === 'buy') {
      const quantity = Math.floor(this.cash / bar.open)
      if (quantity > 0) {
        this.cash -= quantity * bar.open
        this.quantity = quantity
      }
    } else if (this.pending === 'sell') {
      this.cash += this.quantity * bar.open
      this.quantity = 0
    }
    this.pending = undefined
  }

  onClose(bar: Bar, last: boolean): { equity: number; drawdown: number } {
    const fast = this.fast.update(bar.close)
    const slow = this.slow.update(bar.close)
    const up = fast > slow && this.previousFast <= this.previousSlow
    const down = fast < slow && this.previousFast >= this.previousSlow
    this.previousFast = fast
    this.previousSlow = slow
    if (last) {
      this.cash += this.quantity * bar.close
      this.quantity = 0
    } else if (this.quantity > 0 && down) {
      this.pending = 'sell'
    } else if (this.quantity === 0 && up) {
      this.pending = 'buy'
    }
    const equity = this.cash + this.quantity * bar.close
    this.peak = equity > this.peak ? equity : this.peak
    return { equity, drawdown: 1 - equity / this.peak }
  }
}

export function maCrossoverEventLoop(bars: BarColumns, fast: number, slow: number, startingCash: number): EventLoopResult {
  const n = bars.time.length
  const result = { time: bars.time, equity: new Float64Array(n), cash: new Float64Array(n), drawdown: new Float64Array(n) }
  const strategy = new CrossoverStrategy(fast, slow, startingCash)
  for (let i = 0; i < n; i++) {
    const bar: Bar = { time: bars.time[i] as number, open: bars.open[i] as number, close: bars.close[i] as number }
    strategy.onOpen(bar)
    const { equity, drawdown } = strategy.onClose(bar, i === n - 1)
    result.equity[i] = equity
    result.cash[i] = strategy.cash
    result.drawdown[i] = drawdown
  }
  return { finalEquity: strategy.cash, ...result }
}
