import type { IChartApi, ISeriesApi, LogicalRange, MouseEventParams, Time } from 'lightweight-charts'
import { BarSeries, CandlestickSeries, createChart, HistogramSeries, LineSeries } from 'lightweight-charts'
import type { ChartPoint, ChartType, ComputedIndicator, Drawing, DrawingId, DrawingShape, Theme } from '../../../shared/contract'
import type { BarColumns, IndicatorInfo, Instrument, Timeframe } from '../../../shared/domain'
import { allocateBars, isIntraday, timeframeSeconds } from '../../../shared/domain'
import { appendBars, capBars, mergeLiveBars, prependBars } from './bar-window'
import { barOptions, candleOptions, initialChartOptions, lineOptions, themedChartOptions, volumeOptions } from './chart-options'
import type { ChartPalette } from './chart-palette'
import { CHART_PALETTES } from './chart-palette'
import { logicalToTime, roundToTick } from './drawing-geometry'
import { DrawingLayer } from './drawing-layer'
import { toHeikinAshi, writeHeikinAshi } from './heikin-ashi'
import { IndicatorLayer } from './indicator-layer'
import type { IndicatorLegendWriter, LegendWriter } from './legend-writer'
import { createIndicatorLegendWriter, createLegendWriter } from './legend-writer'
import { decimalsForTick } from './price-format'
import { createTimeFormatters } from './time-format'
import type { MainShape } from './to-series-data'
import { mainPoint, toMainData, toVolumeData, volumePoint } from './to-series-data'

/** How close (in bars) to either end of the loaded bars the view may come before more are asked for. */
const NEAR_EDGE_BARS = 50

/** The most bars one chart holds; past it, paging drops bars on the side away from the view. */
export const MAX_WINDOW_BARS = 50_000

type MainSeries = ISeriesApi<'Candlestick'> | ISeriesApi<'Bar'> | ISeriesApi<'Line'>

export type DrawingToolMode = 'none' | 'horizontal-line' | 'trend-line'

export interface PriceChartEvents {
  /** The view came near the oldest loaded bar. */
  onNearLeftEdge(): void
  /** The view came near the newest loaded bar (only matters when newer bars were dropped). */
  onNearRightEdge(): void
  /** Panes were added, removed or resized: the pane legends move. */
  onPaneLayout(): void
  /** The trader finished a drawing with the active tool. */
  onDrawingCreate(shape: DrawingShape): void
  /** A click selected a drawing, or nothing (null). */
  onDrawingSelect(id: DrawingId | null): void
}

export interface LiveApplied {
  /** Bars appended after the previous last bar. */
  readonly appended: number
  /** True when a bar could not be merged in place: reload the window. */
  readonly needsReload: boolean
  readonly changed: boolean
}

/**
 * One chart, imperatively: the price series (candles, bars, line or Heikin-Ashi), volume,
 * indicator series in their panes, and the trader's drawings. Created once per container and
 * fed whole windows of bars with `setData`, live bars with `update`, restyled with
 * `applyOptions`. React only decides when to call it.
 */
export class PriceChart {
  private readonly chart: IChartApi
  private main: MainSeries
  private readonly volumes: ISeriesApi<'Histogram'>
  private readonly indicators: IndicatorLayer
  private readonly drawings: DrawingLayer
  /** The bars as loaded. */
  private raw: BarColumns = allocateBars(0)
  /** The bars as drawn: `raw`, or its Heikin-Ashi transform. */
  private shown: BarColumns = this.raw
  private chartType: ChartType = 'candles'
  private palette: ChartPalette
  private decimals = 2
  private tickSize = 0.01
  private barSeconds = 86_400
  private writeLegend: LegendWriter | null = null
  private readonly indicatorLegend: { write: IndicatorLegendWriter; invalidate: () => void }
  private indicatorLegendRoots: HTMLElement[] = []
  /** The bar under the crosshair, or -1 when the pointer is off the bars. */
  private hovered = -1
  private tool: DrawingToolMode = 'none'
  private trendStart: ChartPoint | null = null
  /** Where the left button went down (chart-local px), to tell a click from a drag. */
  private pressedAt: { x: number; y: number } | null = null
  private readonly paneObserver: ResizeObserver

  constructor(
    private readonly container: HTMLElement,
    theme: Theme,
    private readonly events: PriceChartEvents,
  ) {
    this.palette = CHART_PALETTES[theme]
    this.chart = createChart(container, initialChartOptions(this.palette))
    this.main = this.createMainSeries('candles')
    this.volumes = this.chart.addSeries(HistogramSeries, volumeOptions)
    this.volumes.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } })
    this.indicators = new IndicatorLayer(this.chart, this.palette)
    this.drawings = new DrawingLayer(this.chart, () => ({ times: this.shown.time, barSeconds: this.barSeconds }), this.palette)
    this.drawings.attach(this.main)
    this.indicatorLegend = createIndicatorLegendWriter(() => this.indicatorLegendRoots)
    this.chart.subscribeCrosshairMove(this.onCrosshairMove)
    container.addEventListener('pointerdown', this.onPointerDown)
    container.addEventListener('pointerup', this.onPointerUp)
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onVisibleRangeChange)
    this.paneObserver = new ResizeObserver(() => this.events.onPaneLayout())
    this.observePanes()
  }

  get barCount(): number {
    return this.raw.time.length
  }

  get firstTime(): number | undefined {
    return this.raw.time[0]
  }

  get lastTime(): number | undefined {
    return this.raw.time[this.raw.time.length - 1]
  }

  get lastClose(): number | undefined {
    return this.raw.close[this.raw.close.length - 1]
  }

  /** Open times of the bars held, oldest first. */
  get times(): Float64Array {
    return this.raw.time
  }

  /** The legend's values row (or null when it unmounts). */
  attachLegend(valuesRow: HTMLElement | null): void {
    this.writeLegend = valuesRow ? createLegendWriter(valuesRow) : null
    this.refreshLegend()
  }

  /** Where the indicator rows live (React re-rendered them): values are written there. */
  attachIndicatorLegends(roots: HTMLElement[]): void {
    this.indicatorLegendRoots = roots
    this.indicatorLegend.invalidate()
    this.refreshLegend()
  }

  setTheme(theme: Theme): void {
    this.palette = CHART_PALETTES[theme]
    this.chart.applyOptions(themedChartOptions(this.palette))
    this.styleMain()
    if (this.barCount > 0) this.volumes.setData(toVolumeData(this.raw, this.palette.volumeUp, this.palette.volumeDown))
    this.indicators.setPalette(this.palette, this.raw.time)
    this.drawings.setPalette(this.palette)
  }

  /** Time labels in the exchange's zone and prices at the instrument's tick size. */
  configure(instrument: Instrument, timeframe: Timeframe): void {
    const intraday = isIntraday(timeframe)
    const formatters = createTimeFormatters(instrument.timeZone, intraday)
    this.decimals = decimalsForTick(instrument.tickSize)
    this.tickSize = instrument.tickSize > 0 ? instrument.tickSize : 0.01
    this.barSeconds = timeframeSeconds(timeframe)
    this.chart.applyOptions({
      localization: { timeFormatter: formatters.crosshair },
      timeScale: { tickMarkFormatter: formatters.tickMark, timeVisible: intraday, secondsVisible: false },
    })
    this.main.applyOptions({ priceFormat: this.priceFormat() })
    this.indicators.setPriceDecimals(this.decimals, this.tickSize)
    this.indicators.clearResults()
    this.cancelTrendLine()
  }

  setChartType(type: ChartType): void {
    if (type === this.chartType) return
    const shapeChanged = shapeOf(type) !== shapeOf(this.chartType) || seriesKind(type) !== seriesKind(this.chartType)
    this.chartType = type
    this.shown = type === 'heikin-ashi' ? toHeikinAshi(this.raw) : this.raw
    if (shapeChanged) {
      this.drawings.detach()
      this.chart.removeSeries(this.main)
      this.main = this.createMainSeries(type)
      this.drawings.attach(this.main)
    }
    this.main.setData(toMainData(this.shown, shapeOf(type)) as never)
    this.refreshLegend()
  }

  /** A new instrument or timeframe: replaces every bar and scrolls to the latest. */
  replaceBars(bars: BarColumns): void {
    this.setBars(bars)
    this.chart.timeScale().scrollToRealTime()
  }

  /** Older bars in front of the window; the view stays where it is. Returns how many were added. */
  prependOlder(older: BarColumns): { added: number; droppedNewest: number } {
    const before = this.barCount
    const merged = prependBars(older, this.raw)
    const added = merged.time.length - before
    if (added <= 0) return { added: 0, droppedNewest: 0 }
    const capped = capBars(merged, MAX_WINDOW_BARS, 'newest')
    this.keepingView(added, () => this.setBars(capped.bars))
    return { added, droppedNewest: capped.dropped }
  }

  /** Newer bars after the window (when newer ones were dropped before); the view stays. */
  appendNewer(newer: BarColumns): { added: number; droppedOldest: number } {
    const before = this.barCount
    const merged = appendBars(this.raw, newer)
    const added = merged.time.length - before
    if (added <= 0) return { added: 0, droppedOldest: 0 }
    const capped = capBars(merged, MAX_WINDOW_BARS, 'oldest')
    this.keepingView(-capped.dropped, () => this.setBars(capped.bars))
    return { added, droppedOldest: capped.dropped }
  }

  /**
   * Live bars merged in: a bar already shown is updated in place with `series.update()`, newer
   * ones are appended the same way, nothing else is redrawn.
   */
  applyLive(incoming: BarColumns): LiveApplied {
    const previousCount = this.barCount
    const merge = mergeLiveBars(this.raw, incoming)
    if (merge.firstChanged < 0 || merge.firstChanged >= merge.bars.time.length) return { appended: 0, needsReload: merge.needsReload, changed: false }
    this.raw = merge.bars
    const n = this.raw.time.length
    if (this.chartType === 'heikin-ashi') {
      if (merge.appended > 0) this.shown = toHeikinAshi(this.raw, this.shown, merge.firstChanged)
      else writeHeikinAshi(this.raw, this.shown, merge.firstChanged)
    } else {
      this.shown = this.raw
    }
    const shape = shapeOf(this.chartType)
    for (let i = merge.firstChanged; i < n; i++) {
      // Bars before the last one already drawn need lightweight-charts' (slower) historical update.
      const historical = i < previousCount - 1
      this.main.update(mainPoint(this.shown, i, shape) as never, historical)
      this.volumes.update(volumePoint(this.raw, i, this.palette.volumeUp, this.palette.volumeDown), historical)
    }
    if (merge.appended > 0) this.drawings.redraw()
    if (this.hovered < 0 || this.hovered >= previousCount - 1) this.refreshLegend()
    return { appended: merge.appended, needsReload: merge.needsReload, changed: true }
  }

  clear(): void {
    this.replaceBars(allocateBars(0))
  }

  // Indicators

  hasIndicator(id: string): boolean {
    return this.indicators.has(id)
  }

  indicatorIds(): string[] {
    return this.indicators.ids()
  }

  addIndicator(id: string, info: IndicatorInfo, slot: number, visible: boolean): void {
    this.indicators.add(id, info, slot, visible)
    this.afterPanesChanged()
  }

  removeIndicator(id: string): void {
    this.indicators.remove(id)
    this.afterPanesChanged()
  }

  setIndicatorVisible(id: string, visible: boolean): void {
    this.indicators.setVisible(id, visible)
  }

  setIndicatorResult(id: string, result: ComputedIndicator): void {
    this.indicators.setResult(id, result, this.raw.time)
    this.refreshLegend()
  }

  applyIndicatorTail(id: string, tail: ComputedIndicator): void {
    this.indicators.applyTail(id, tail, this.raw.time)
    if (this.hovered < 0) this.refreshLegend()
  }

  indicatorPane(id: string): number {
    return this.indicators.paneIndex(id)
  }

  indicatorColor(id: string): string | undefined {
    return this.indicators.plan(id)?.color
  }

  /** Top of each pane in px from the chart's container (the price pane is 0). */
  paneTops(): number[] {
    const origin = this.container.getBoundingClientRect().top
    return this.chart.panes().map((p) => {
      const el = p.getHTMLElement()
      return el ? el.getBoundingClientRect().top - origin : 0
    })
  }

  // Drawings

  setDrawings(drawings: readonly Drawing[], selected: DrawingId | null): void {
    this.drawings.set(drawings, selected)
  }

  setTool(tool: DrawingToolMode): void {
    if (tool === this.tool) return
    this.tool = tool
    this.cancelTrendLine()
    this.container.dataset.tool = tool
  }

  /** Drops a trend line whose first point is placed; true when there was one. */
  cancelTrendLine(): boolean {
    if (!this.trendStart) return false
    this.trendStart = null
    this.drawings.setPending(null, null)
    return true
  }

  dispose(): void {
    this.paneObserver.disconnect()
    this.chart.unsubscribeCrosshairMove(this.onCrosshairMove)
    this.container.removeEventListener('pointerdown', this.onPointerDown)
    this.container.removeEventListener('pointerup', this.onPointerUp)
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onVisibleRangeChange)
    this.writeLegend = null
    this.drawings.detach()
    this.chart.remove()
  }

  /** For the bench: the price series, to time `update()` on it. */
  benchSeries(): MainSeries {
    return this.main
  }

  private setBars(bars: BarColumns): void {
    this.raw = bars
    this.shown = this.chartType === 'heikin-ashi' ? toHeikinAshi(bars) : bars
    this.main.setData(toMainData(this.shown, shapeOf(this.chartType)) as never)
    this.volumes.setData(toVolumeData(this.raw, this.palette.volumeUp, this.palette.volumeDown))
    this.indicators.realign(this.raw.time)
    this.drawings.redraw()
    this.hovered = -1
    this.refreshLegend()
  }

  /** Runs a window change and keeps the same bars on screen; `shift` is how far their indices move. */
  private keepingView(shift: number, change: () => void): void {
    const ts = this.chart.timeScale()
    const range = ts.getVisibleLogicalRange()
    change()
    if (range) ts.setVisibleLogicalRange({ from: range.from + shift, to: range.to + shift })
  }

  private createMainSeries(type: ChartType): MainSeries {
    const format = { priceFormat: this.priceFormat() }
    // Index 0: the price series stays in the first pane whatever else was added.
    if (type === 'line') return this.chart.addSeries(LineSeries, { ...lineOptions(this.palette), ...format }, 0)
    if (type === 'bars') return this.chart.addSeries(BarSeries, { ...barOptions(this.palette), ...format }, 0)
    return this.chart.addSeries(CandlestickSeries, { ...candleOptions(this.palette), ...format }, 0)
  }

  private styleMain(): void {
    if (this.chartType === 'line') (this.main as ISeriesApi<'Line'>).applyOptions(lineOptions(this.palette))
    else if (this.chartType === 'bars') (this.main as ISeriesApi<'Bar'>).applyOptions(barOptions(this.palette))
    else (this.main as ISeriesApi<'Candlestick'>).applyOptions(candleOptions(this.palette))
  }

  private priceFormat(): { type: 'price'; precision: number; minMove: number } {
    return { type: 'price', precision: this.decimals, minMove: this.tickSize }
  }

  private afterPanesChanged(): void {
    this.observePanes()
    this.indicatorLegend.invalidate()
    this.events.onPaneLayout()
    this.refreshLegend()
  }

  private observePanes(): void {
    this.paneObserver.disconnect()
    // Panes are laid out on the next frame; observe their elements once they exist.
    requestAnimationFrame(() => {
      for (const pane of this.chart.panes()) {
        const el = pane.getHTMLElement()
        if (el) this.paneObserver.observe(el)
      }
      this.events.onPaneLayout()
    })
  }

  private refreshLegend(): void {
    const index = this.hovered >= 0 && this.hovered < this.barCount ? this.hovered : this.barCount - 1
    this.writeLegend?.(this.shown, index, this.decimals)
    this.indicatorLegend.write(this.indicators, index, index !== this.hovered)
  }

  /** The time and price under a point of the price pane (chart-local px), or null off it. */
  private pointAt(x: number, y: number): ChartPoint | null {
    const pane = this.chart.paneSize(0)
    if (x < 0 || y < 0 || x > pane.width || y > pane.height) return null
    const logical = this.chart.timeScale().coordinateToLogical(x)
    const price = this.main.coordinateToPrice(y)
    if (logical === null || price === null) return null
    const time = logicalToTime(this.shown.time, logical, this.barSeconds)
    if (!Number.isFinite(time)) return null
    return { time, price: roundToTick(price, this.tickSize) }
  }

  private localPoint(e: PointerEvent): { x: number; y: number } {
    const rect = this.chart.chartElement().getBoundingClientRect()
    return { x: e.clientX - rect.left, y: e.clientY - rect.top }
  }

  private readonly onCrosshairMove = (param: MouseEventParams<Time>): void => {
    // Off the chart or past the last bar: the legend shows the last bar.
    const hovered = param.time !== undefined && param.logical !== undefined ? Math.round(param.logical) : -1
    this.hovered = hovered >= 0 && hovered < this.barCount ? hovered : -1
    this.refreshLegend()
    if (this.tool === 'trend-line' && this.trendStart && param.point && (param.paneIndex ?? 0) === 0) {
      const to = this.pointAt(param.point.x, param.point.y)
      if (to) this.drawings.setPending(this.trendStart, to)
    }
  }

  // Clicks are read from the DOM, not lightweight-charts' click event: that one swallows a second
  // click within 500 ms of the first wherever it lands, which loses a quickly placed trend line end.
  private readonly onPointerDown = (e: PointerEvent): void => {
    this.pressedAt = e.button === 0 ? this.localPoint(e) : null
  }

  private readonly onPointerUp = (e: PointerEvent): void => {
    const down = this.pressedAt
    this.pressedAt = null
    if (!down || e.button !== 0) return
    const { x, y } = this.localPoint(e)
    // A drag pans the chart; only a press that stays put is a click.
    if (Math.abs(x - down.x) + Math.abs(y - down.y) > 4) return
    this.onClick(x, y)
  }

  private onClick(x: number, y: number): void {
    const point = this.pointAt(x, y)
    if (this.tool === 'none') {
      this.events.onDrawingSelect(point ? this.drawings.hitTest(x, y) : null)
      return
    }
    if (!point) return
    if (this.tool === 'horizontal-line') {
      this.events.onDrawingCreate({ kind: 'horizontal-line', data: { price: point.price } })
      return
    }
    if (!this.trendStart) {
      this.trendStart = point
      this.drawings.setPending(point, point)
      return
    }
    const from = this.trendStart
    this.cancelTrendLine()
    if (from.time === point.time && from.price === point.price) return
    // Stored left to right, whichever end was clicked first.
    const [a, b] = from.time <= point.time ? [from, point] : [point, from]
    this.events.onDrawingCreate({ kind: 'trend-line', data: { from: a, to: b } })
  }

  private readonly onVisibleRangeChange = (range: LogicalRange | null): void => {
    if (range === null || this.barCount === 0) return
    if (range.from < NEAR_EDGE_BARS) this.events.onNearLeftEdge()
    if (range.to > this.barCount - NEAR_EDGE_BARS) this.events.onNearRightEdge()
  }
}

function shapeOf(type: ChartType): MainShape {
  return type === 'line' ? 'close' : 'ohlc'
}

/** Which lightweight-charts series draws the type (Heikin-Ashi is candles of other values). */
function seriesKind(type: ChartType): 'candles' | 'bars' | 'line' {
  return type === 'heikin-ashi' ? 'candles' : type
}
