import type { BarColumns } from '../../../shared/domain'
import { allocateBars } from '../../../shared/domain'
import type { PriceChart } from './price-chart'

/** What `bench/chart-live-update.bench.ts` drives in the page; present only with `?bench=1`. */
export interface ChartBenchHook {
  /** Bars held by a chart's window (the active chart's without an index). */
  barCount(index?: number): number
  /**
   * Applies `count` live updates of the last bar (its close moves by a tick each time) to a chart
   * (the active one without an index), as a 'liveBars' event would, and returns the time they
   * took together, in milliseconds.
   */
  updateLastBar(count: number, index?: number): number
  /**
   * Replaces a chart's bars with `count` generated one-minute bars held in the series at once, as
   * a chart without a bounded window would: the contrast that shows what the window saves.
   */
  holdGeneratedBars(count: number, index: number): number
}

declare global {
  interface Window {
    __quorumBench?: ChartBenchHook
  }
}

const charts = new Map<number, PriceChart>()
let activeIndex = 0

export const BENCH_ENABLED = new URLSearchParams(window.location.search).get('bench') === '1'

/** Registers a chart for the bench (no-op without `?bench=1`); returns an unregister function. */
export function registerBenchChart(index: number, chart: PriceChart, active: boolean): () => void {
  if (!BENCH_ENABLED) return () => undefined
  charts.set(index, chart)
  if (active) activeIndex = index
  window.__quorumBench ??= { barCount: (i = activeIndex) => charts.get(i)?.barCount ?? 0, updateLastBar, holdGeneratedBars }
  return () => {
    if (charts.get(index) === chart) charts.delete(index)
  }
}

export function markBenchActive(index: number): void {
  if (BENCH_ENABLED) activeIndex = index
}

function updateLastBar(count: number, index = activeIndex): number {
  const chart = charts.get(index)
  const time = chart?.lastTime
  const close = chart?.lastClose
  if (!chart || time === undefined || close === undefined) return NaN
  // Built before timing: what is timed is what a 'liveBars' event costs the chart.
  const updates: BarColumns[] = Array.from({ length: count }, (_, i) => {
    const value = close + ((i % 10) - 5) * 0.01
    return {
      time: Float64Array.of(time),
      open: Float64Array.of(close),
      high: Float64Array.of(Math.max(close, value)),
      low: Float64Array.of(Math.min(close, value)),
      close: Float64Array.of(value),
      volume: Float64Array.of(1000 + i),
    }
  })
  const start = performance.now()
  for (const bar of updates) chart.applyLive(bar)
  return performance.now() - start
}

function holdGeneratedBars(count: number, index: number): number {
  const chart = charts.get(index)
  if (!chart) return 0
  const bars = allocateBars(count)
  let price = 100
  for (let i = 0; i < count; i++) {
    const close = price * (1 + Math.sin(i * 0.37) * 0.002)
    bars.time[i] = 1_500_000_000 + i * 60
    bars.open[i] = price
    bars.high[i] = Math.max(price, close) + 0.05
    bars.low[i] = Math.min(price, close) - 0.05
    bars.close[i] = close
    bars.volume[i] = 1000
    price = close
  }
  chart.replaceBars(bars)
  return chart.barCount
}
