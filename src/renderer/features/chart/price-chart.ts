import type { IChartApi, ISeriesApi, LogicalRange, MouseEventParams, Time } from 'lightweight-charts'
import { CandlestickSeries, createChart, HistogramSeries } from 'lightweight-charts'
import type { Theme } from '../../../shared/contract'
import type { BarColumns, Instrument, Timeframe } from '../../../shared/domain'
import { allocateBars, isIntraday } from '../../../shared/domain'
import { prependBars } from './bar-window'
import { candleOptions, initialChartOptions, themedChartOptions, volumeOptions } from './chart-options'
import type { ChartPalette } from './chart-palette'
import { CHART_PALETTES } from './chart-palette'
import type { LegendWriter } from './legend-writer'
import { createLegendWriter } from './legend-writer'
import { decimalsForTick } from './price-format'
import { createTimeFormatters } from './time-format'
import { toSeriesData } from './to-series-data'

/** How close (in bars) to the first loaded bar the view may come before older bars are asked for. */
const NEAR_LEFT_EDGE_BARS = 50

/**
 * The candlestick + volume chart, imperatively: created once per container, fed whole windows
 * of bars with `setData`, restyled with `applyOptions`. React only decides when to call it.
 */
export class PriceChart {
  private readonly chart: IChartApi
  private readonly candles: ISeriesApi<'Candlestick'>
  private readonly volumes: ISeriesApi<'Histogram'>
  private bars: BarColumns = allocateBars(0)
  private palette: ChartPalette
  private decimals = 2
  private writeLegend: LegendWriter | null = null

  constructor(
    container: HTMLElement,
    theme: Theme,
    private readonly onNearLeftEdge: () => void,
  ) {
    this.palette = CHART_PALETTES[theme]
    this.chart = createChart(container, initialChartOptions(this.palette))
    this.candles = this.chart.addSeries(CandlestickSeries, candleOptions(this.palette))
    this.volumes = this.chart.addSeries(HistogramSeries, volumeOptions)
    this.volumes.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } })
    this.chart.subscribeCrosshairMove(this.onCrosshairMove)
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onVisibleRangeChange)
  }

  get barCount(): number {
    return this.bars.time.length
  }

  get firstTime(): number | undefined {
    return this.bars.time[0]
  }

  get lastClose(): number | undefined {
    return this.bars.close[this.bars.close.length - 1]
  }

  /** The legend's values row (or null when it unmounts). */
  attachLegend(valuesRow: HTMLElement | null): void {
    this.writeLegend = valuesRow ? createLegendWriter(valuesRow) : null
    this.showLastBarInLegend()
  }

  setTheme(theme: Theme): void {
    this.palette = CHART_PALETTES[theme]
    this.chart.applyOptions(themedChartOptions(this.palette))
    this.candles.applyOptions(candleOptions(this.palette))
    if (this.barCount > 0) this.volumes.setData(toSeriesData(this.bars, this.palette.volumeUp, this.palette.volumeDown).volumes)
  }

  /** Time labels in the exchange's zone and prices at the instrument's tick size. */
  configure(instrument: Instrument, timeframe: Timeframe): void {
    const intraday = isIntraday(timeframe)
    const formatters = createTimeFormatters(instrument.timeZone, intraday)
    this.decimals = decimalsForTick(instrument.tickSize)
    this.chart.applyOptions({
      localization: { timeFormatter: formatters.crosshair },
      timeScale: { tickMarkFormatter: formatters.tickMark, timeVisible: intraday, secondsVisible: false },
    })
    this.candles.applyOptions({
      priceFormat: { type: 'price', precision: this.decimals, minMove: instrument.tickSize > 0 ? instrument.tickSize : 0.01 },
    })
  }

  /** A new instrument or timeframe: replaces every bar and scrolls to the latest. */
  replaceBars(bars: BarColumns): void {
    this.bars = bars
    this.pushToSeries()
    this.chart.timeScale().scrollToRealTime()
  }

  /** Older bars in front of the window; the view stays where it is. Returns how many were added. */
  prependOlder(older: BarColumns): number {
    const before = this.barCount
    this.bars = prependBars(older, this.bars)
    const added = this.barCount - before
    if (added > 0) this.pushToSeries()
    return added
  }

  clear(): void {
    this.replaceBars(allocateBars(0))
  }

  dispose(): void {
    this.chart.unsubscribeCrosshairMove(this.onCrosshairMove)
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onVisibleRangeChange)
    this.writeLegend = null
    this.chart.remove()
  }

  private pushToSeries(): void {
    const { candles, volumes } = toSeriesData(this.bars, this.palette.volumeUp, this.palette.volumeDown)
    this.candles.setData(candles)
    this.volumes.setData(volumes)
    this.showLastBarInLegend()
  }

  private showLastBarInLegend(): void {
    this.writeLegend?.(this.bars, this.barCount - 1, this.decimals)
  }

  private readonly onCrosshairMove = (param: MouseEventParams<Time>): void => {
    if (!this.writeLegend) return
    // Off the chart or past the last bar: the legend shows the last bar.
    const hovered = param.time !== undefined && param.logical !== undefined ? Math.round(param.logical) : -1
    const index = hovered >= 0 && hovered < this.barCount ? hovered : this.barCount - 1
    this.writeLegend(this.bars, index, this.decimals)
  }

  private readonly onVisibleRangeChange = (range: LogicalRange | null): void => {
    if (range !== null && this.barCount > 0 && range.from < NEAR_LEFT_EDGE_BARS) this.onNearLeftEdge()
  }
}
