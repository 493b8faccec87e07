import type { IChartApi, ISeriesApi, ISeriesMarkersPluginApi, Time } from 'lightweight-charts'
import { CandlestickSeries, createChart, createSeriesMarkers } from 'lightweight-charts'
import type { Theme, TradeColumns } from '../../../shared/contract'
import type { BarColumns, Instrument, Timeframe } from '../../../shared/domain'
import { isIntraday } from '../../../shared/domain'
import { candleOptions, initialChartOptions, themedChartOptions } from '../chart/chart-options'
import { CHART_PALETTES } from '../chart/chart-palette'
import { decimalsForTick } from '../chart/price-format'
import { createTimeFormatters } from '../chart/time-format'
import { toMainData } from '../chart/to-series-data'
import type { MarkerColors } from './trade-markers'
import { buildTradeMarkers } from './trade-markers'

function markerColors(theme: Theme): MarkerColors {
  const p = CHART_PALETTES[theme]
  return { long: p.up, short: p.down, win: p.up, loss: p.down }
}

/** The run's bars as candles with each trade's entry and exit marked; created once per container. */
export class TradeChart {
  private readonly chart: IChartApi
  private readonly candles: ISeriesApi<'Candlestick'>
  private readonly markers: ISeriesMarkersPluginApi<Time>
  private trades: { columns: TradeColumns; instrumentIndex: number } | null = null
  private theme: Theme

  constructor(container: HTMLElement, theme: Theme) {
    this.theme = theme
    this.chart = createChart(container, initialChartOptions(CHART_PALETTES[theme]))
    this.candles = this.chart.addSeries(CandlestickSeries, candleOptions(CHART_PALETTES[theme]))
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.08 } })
    this.markers = createSeriesMarkers(this.candles, [])
  }

  show(instrument: Instrument, timeframe: Timeframe, bars: BarColumns, trades: TradeColumns, instrumentIndex: number): void {
    const intraday = isIntraday(timeframe)
    const f = createTimeFormatters(instrument.timeZone, intraday)
    const decimals = decimalsForTick(instrument.tickSize)
    this.chart.applyOptions({ localization: { timeFormatter: f.crosshair }, timeScale: { tickMarkFormatter: f.tickMark, timeVisible: intraday, secondsVisible: false } })
    this.candles.applyOptions({ priceFormat: { type: 'price', precision: decimals, minMove: instrument.tickSize > 0 ? instrument.tickSize : 0.01 } })
    this.candles.setData(toMainData(bars, 'ohlc') as never)
    this.trades = { columns: trades, instrumentIndex }
    this.markers.setMarkers(buildTradeMarkers(trades, instrumentIndex, markerColors(this.theme)))
    this.chart.timeScale().fitContent()
  }

  setTheme(theme: Theme): void {
    this.theme = theme
    const palette = CHART_PALETTES[theme]
    this.chart.applyOptions(themedChartOptions(palette))
    this.candles.applyOptions(candleOptions(palette))
    if (this.trades) this.markers.setMarkers(buildTradeMarkers(this.trades.columns, this.trades.instrumentIndex, markerColors(theme)))
  }

  dispose(): void {
    this.chart.remove()
  }
}
