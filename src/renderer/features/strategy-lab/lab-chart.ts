import type { IChartApi, ISeriesApi, LineData, UTCTimestamp } from 'lightweight-charts'
import { AreaSeries, createChart, LineSeries } from 'lightweight-charts'
import type { Theme } from '../../../shared/contract'
import { initialChartOptions, themedChartOptions } from '../chart/chart-options'
import type { ChartPalette } from '../chart/chart-palette'
import { CHART_PALETTES } from '../chart/chart-palette'
import { createTimeFormatters } from '../chart/time-format'

/** One line of a results chart. */
export interface ChartLine {
  readonly id: string
  readonly title: string
  readonly data: LineData<UTCTimestamp>[]
  /** A colour, or a palette role that follows the theme. */
  readonly color: string | 'line' | 'up' | 'down' | 'second'
  /** 0: the main pane; 1: a lower pane (drawdown). */
  readonly pane: 0 | 1
  /** An area filled down to the axis (drawdown) instead of a line. */
  readonly area?: boolean
  /** Values are percentages (already ×100). */
  readonly percent?: boolean
}

/** The second line's colour when two runs share a chart. */
const SECOND = { dark: '#f0b429', light: '#b7791f' } as const

function colorOf(role: ChartLine['color'], palette: ChartPalette, theme: Theme): string {
  switch (role) {
    case 'line':
      return palette.line
    case 'up':
      return palette.up
    case 'down':
      return palette.down
    case 'second':
      return SECOND[theme]
    default:
      return role
  }
}

/**
 * A results chart (equity and drawdown, stitched walk-forward equity, two runs compared):
 * created once per container, lines replaced with `setLines`, restyled with `setTheme`.
 */
export class LabChart {
  private readonly chart: IChartApi
  private readonly series = new Map<string, ISeriesApi<'Line'> | ISeriesApi<'Area'>>()
  private lines: readonly ChartLine[] = []
  private theme: Theme

  constructor(container: HTMLElement, theme: Theme) {
    this.theme = theme
    const options = initialChartOptions(CHART_PALETTES[theme])
    this.chart = createChart(container, { ...options, rightPriceScale: { ...options.rightPriceScale, scaleMargins: { top: 0.08, bottom: 0.08 } } })
  }

  /** Dates on the axis: intraday runs in the exchange's zone, daily ones as UTC session dates. */
  configureTime(timeZone: string, intraday: boolean): void {
    const f = createTimeFormatters(timeZone, intraday)
    this.chart.applyOptions({ localization: { timeFormatter: f.crosshair }, timeScale: { tickMarkFormatter: f.tickMark, timeVisible: intraday, secondsVisible: false } })
  }

  setLines(lines: readonly ChartLine[]): void {
    const keep = new Set(lines.map((l) => `${l.id}:${l.pane}:${l.area ? 'a' : 'l'}`))
    for (const [key, s] of this.series) {
      if (keep.has(key)) continue
      this.chart.removeSeries(s)
      this.series.delete(key)
    }
    for (const line of lines) {
      const key = `${line.id}:${line.pane}:${line.area ? 'a' : 'l'}`
      let s = this.series.get(key)
      if (!s) {
        s = line.area ? this.chart.addSeries(AreaSeries, {}, line.pane) : this.chart.addSeries(LineSeries, {}, line.pane)
        this.series.set(key, s)
      }
      s.applyOptions(this.styleOf(line))
      s.setData(line.data)
    }
    this.lines = lines
    const [upper, lower] = this.chart.panes()
    if (upper && lower) lower.setHeight(Math.max(80, Math.round((upper.getHeight() + lower.getHeight()) * 0.3)))
    this.chart.timeScale().fitContent()
  }

  setTheme(theme: Theme): void {
    this.theme = theme
    this.chart.applyOptions(themedChartOptions(CHART_PALETTES[theme]))
    for (const line of this.lines) this.series.get(`${line.id}:${line.pane}:${line.area ? 'a' : 'l'}`)?.applyOptions(this.styleOf(line))
  }

  dispose(): void {
    this.chart.remove()
    this.series.clear()
  }

  private styleOf(line: ChartLine): Record<string, unknown> {
    const color = colorOf(line.color, CHART_PALETTES[this.theme], this.theme)
    const common = {
      title: line.title,
      lineWidth: 2 as const,
      priceLineVisible: false,
      lastValueVisible: true,
      priceFormat: line.percent ? { type: 'percent' as const, precision: 2, minMove: 0.01 } : { type: 'price' as const, precision: 2, minMove: 0.01 },
    }
    if (line.area) return { ...common, lineColor: color, topColor: `${color}10`, bottomColor: `${color}55`, invertFilledArea: true }
    return { ...common, color }
  }
}
