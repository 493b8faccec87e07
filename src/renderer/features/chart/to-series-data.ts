import type { CandlestickData, HistogramData, LineData, UTCTimestamp } from 'lightweight-charts'
import type { BarColumns } from '../../../shared/domain'

/** What the price series draws: OHLC for candles, bars and Heikin-Ashi, the close for the line. */
export type MainShape = 'ohlc' | 'close'

export type MainPoint = CandlestickData<UTCTimestamp> | LineData<UTCTimestamp>

export interface SeriesData {
  readonly candles: CandlestickData<UTCTimestamp>[]
  readonly volumes: HistogramData<UTCTimestamp>[]
}

/**
 * Columnar bars to lightweight-charts points in one pass. Volume bars take the candle's
 * direction colour, so a theme change converts again (cheap for a bounded window).
 */
export function toSeriesData(bars: BarColumns, volumeUp: string, volumeDown: string): SeriesData {
  return { candles: toMainData(bars, 'ohlc') as CandlestickData<UTCTimestamp>[], volumes: toVolumeData(bars, volumeUp, volumeDown) }
}

export function toMainData(bars: BarColumns, shape: MainShape): MainPoint[] {
  const n = bars.time.length
  const out = new Array<MainPoint>(n)
  for (let i = 0; i < n; i++) out[i] = mainPoint(bars, i, shape)
  return out
}

/** One bar as the price series takes it; every index is below the columns' common length. */
export function mainPoint(bars: BarColumns, i: number, shape: MainShape): MainPoint {
  const time = bars.time[i] as UTCTimestamp
  if (shape === 'close') return { time, value: bars.close[i] as number }
  return { time, open: bars.open[i] as number, high: bars.high[i] as number, low: bars.low[i] as number, close: bars.close[i] as number }
}

export function toVolumeData(bars: BarColumns, volumeUp: string, volumeDown: string): HistogramData<UTCTimestamp>[] {
  const n = bars.time.length
  const out = new Array<HistogramData<UTCTimestamp>>(n)
  for (let i = 0; i < n; i++) out[i] = volumePoint(bars, i, volumeUp, volumeDown)
  return out
}

export function volumePoint(bars: BarColumns, i: number, volumeUp: string, volumeDown: string): HistogramData<UTCTimestamp> {
  const up = (bars.close[i] as number) >= (bars.open[i] as number)
  return { time: bars.time[i] as UTCTimestamp, value: bars.volume[i] as number, color: up ? volumeUp : volumeDown }
}
