import type { CandlestickData, HistogramData, UTCTimestamp } from 'lightweight-charts'
import type { BarColumns } from '../../../shared/domain'

export interface SeriesData {
  readonly candles: CandlestickData<UTCTimestamp>[]
  readonly volumes: HistogramData<UTCTimestamp>[]
}

/**
 * Columnar bars to lightweight-charts points in one pass. Volume bars take the candle's
 * direction colour, so a theme change converts again (cheap for a bounded window).
 */
export function toSeriesData(bars: BarColumns, volumeUp: string, volumeDown: string): SeriesData {
  const { time, open, high, low, close, volume } = bars
  const n = time.length
  const candles = new Array<CandlestickData<UTCTimestamp>>(n)
  const volumes = new Array<HistogramData<UTCTimestamp>>(n)
  // Every index is below n, the columns' common length: the reads are never undefined.
  for (let i = 0; i < n; i++) {
    const t = time[i] as UTCTimestamp
    const o = open[i] as number
    const c = close[i] as number
    candles[i] = { time: t, open: o, high: high[i] as number, low: low[i] as number, close: c }
    volumes[i] = { time: t, value: volume[i] as number, color: c >= o ? volumeUp : volumeDown }
  }
  return { candles, volumes }
}
