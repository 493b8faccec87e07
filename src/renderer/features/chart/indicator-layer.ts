import type { HistogramData, IChartApi, IPriceLine, ISeriesApi, LineData, UTCTimestamp } from 'lightweight-charts'
import { HistogramSeries, LineSeries, LineStyle } from 'lightweight-charts'
import type { ComputedIndicator } from '../../../shared/contract'
import type { IndicatorInfo } from '../../../shared/domain'
import type { ChartPalette } from './chart-palette'
import type { IndicatorPlan, OutputPlan } from './indicator-plan'
import { alignToBars, indicatorDecimals, planIndicator } from './indicator-plan'

/** Height of an indicator's pane next to the price pane's 1. */
const OWN_PANE_STRETCH = 0.32

type OutputSeries = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>

interface Entry {
  readonly info: IndicatorInfo
  readonly plan: IndicatorPlan
  readonly series: Map<string, OutputSeries>
  levels: IPriceLine[]
  visible: boolean
  result: ComputedIndicator | null
  /** Each output aligned with the chart's bars (NaN where there is no value). */
  aligned: Record<string, Float64Array>
  decimals: number
}

/** What the legend shows for one indicator at one bar. */
export interface IndicatorReading {
  readonly outputs: readonly string[]
  readonly values: readonly number[]
  readonly decimals: number
}

/**
 * The series of every indicator on one chart: overlays on the price pane, the others in panes of
 * their own below it. Values arrive computed by the engine over the full history; this layer
 * aligns them with the bars on screen by time and keeps them aligned as the window moves.
 */
export class IndicatorLayer {
  private readonly entries = new Map<string, Entry>()
  private palette: ChartPalette
  private priceDecimals = 2

  constructor(
    private readonly chart: IChartApi,
    palette: ChartPalette,
  ) {
    this.palette = palette
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  ids(): string[] {
    return [...this.entries.keys()]
  }

  /** Creates the indicator's series (empty until its values arrive). `slot` picks its colour. */
  add(id: string, info: IndicatorInfo, slot: number, visible: boolean): void {
    if (this.entries.has(id)) return
    const plan = planIndicator(info, slot)
    const entry: Entry = { info, plan, series: new Map(), levels: [], visible, result: null, aligned: {}, decimals: plan.pane === 'price' ? this.priceDecimals : 2 }
    let pane = plan.pane === 'price' ? 0 : this.chart.panes().length
    for (const output of plan.outputs) {
      const series = this.createSeries(output, entry, pane)
      entry.series.set(output.output, series)
      // The first series created the pane; the others join it.
      pane = series.getPane().paneIndex()
    }
    const first = entry.series.values().next().value
    if (plan.pane === 'own' && first) {
      first.getPane().setStretchFactor(OWN_PANE_STRETCH)
      entry.levels = plan.levels.map((price) =>
        first.createPriceLine({ price, color: this.palette.level, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: false, title: '' }),
      )
    }
    this.entries.set(id, entry)
  }

  remove(id: string): void {
    const entry = this.entries.get(id)
    if (!entry) return
    for (const series of entry.series.values()) this.chart.removeSeries(series)
    this.entries.delete(id)
  }

  setVisible(id: string, visible: boolean): void {
    const entry = this.entries.get(id)
    if (!entry || entry.visible === visible) return
    entry.visible = visible
    for (const series of entry.series.values()) series.applyOptions({ visible })
  }

  /** Values for the whole window, aligned with the bars' times. */
  setResult(id: string, result: ComputedIndicator, barTimes: Float64Array): void {
    const entry = this.entries.get(id)
    if (!entry) return
    entry.result = result
    this.align(entry, barTimes)
  }

  /** Another instrument or timeframe: the values shown belong to the old one, so they go until recomputed. */
  clearResults(): void {
    for (const entry of this.entries.values()) {
      entry.result = null
      entry.aligned = {}
      for (const series of entry.series.values()) series.setData([])
    }
  }

  /** The bars changed (paging, a new window): aligns every indicator's values again. */
  realign(barTimes: Float64Array): void {
    for (const entry of this.entries.values()) if (entry.result) this.align(entry, barTimes)
  }

  /**
   * The last values recomputed (a live bar changed): writes them where their times match bars on
   * screen and updates just those points of the series.
   */
  applyTail(id: string, tail: ComputedIndicator, barTimes: Float64Array): void {
    const entry = this.entries.get(id)
    if (!entry) return
    const n = barTimes.length
    for (const [output, series] of entry.series) {
      const values = tail.outputs[output]
      if (!values) continue
      let column = entry.aligned[output]
      if (!column || column.length !== n) {
        const grown = new Float64Array(n).fill(NaN)
        if (column) grown.set(column.subarray(0, Math.min(column.length, n)))
        column = entry.aligned[output] = grown
      }
      const plan = entry.plan.outputs.find((o) => o.output === output)
      let lastPlotted = lastFinite(column)
      for (let j = 0; j < tail.time.length; j++) {
        const i = indexFromEnd(barTimes, tail.time[j] as number)
        const v = values[j] as number
        if (i < 0) continue
        column[i] = v
        if (!Number.isFinite(v)) continue
        const point = this.point(plan, barTimes[i] as number, v)
        // A point before the series' last one needs lightweight-charts' historical update.
        series.update(point as never, i < lastPlotted)
        lastPlotted = Math.max(lastPlotted, i)
      }
    }
  }

  /** Values at bar `index` for the legend; null for an unknown indicator. */
  reading(id: string, index: number): IndicatorReading | null {
    const entry = this.entries.get(id)
    if (!entry) return null
    const outputs = entry.plan.outputs.map((o) => o.output)
    return { outputs, values: outputs.map((o) => entry.aligned[o]?.[index] ?? NaN), decimals: entry.decimals }
  }

  lastValueIndex(id: string): number {
    const entry = this.entries.get(id)
    if (!entry) return -1
    return Math.max(-1, ...Object.values(entry.aligned).map(lastFinite))
  }

  /** The pane an indicator is drawn in (0 is the price pane). */
  paneIndex(id: string): number {
    const first = this.entries.get(id)?.series.values().next().value
    return first ? first.getPane().paneIndex() : 0
  }

  plan(id: string): IndicatorPlan | undefined {
    return this.entries.get(id)?.plan
  }

  setPriceDecimals(decimals: number, minMove: number): void {
    this.priceDecimals = decimals
    for (const entry of this.entries.values()) {
      if (entry.plan.pane !== 'price') continue
      entry.decimals = decimals
      for (const series of entry.series.values()) series.applyOptions({ priceFormat: { type: 'price', precision: decimals, minMove } })
    }
  }

  setPalette(palette: ChartPalette, barTimes: Float64Array): void {
    this.palette = palette
    for (const entry of this.entries.values()) {
      for (const level of entry.levels) level.applyOptions({ color: palette.level })
      // Histogram bars carry their colour per point.
      if (entry.result && entry.plan.outputs.some((o) => o.kind === 'histogram')) this.align(entry, barTimes)
    }
  }

  private createSeries(output: OutputPlan, entry: Entry, pane: number): OutputSeries {
    const common = {
      visible: entry.visible,
      lastValueVisible: output.axisLabel,
      priceLineVisible: false,
      title: '',
      priceFormat: { type: 'price' as const, precision: entry.decimals, minMove: 10 ** -entry.decimals },
    }
    const series: OutputSeries =
      output.kind === 'histogram'
        ? this.chart.addSeries(HistogramSeries, { ...common, color: output.color }, pane)
        : this.chart.addSeries(
            LineSeries,
            {
              ...common,
              color: output.color,
              lineWidth: output.lineWidth,
              lineStyle: output.dashed ? LineStyle.Dashed : LineStyle.Solid,
              crosshairMarkerRadius: 3,
            },
            pane,
          )
    if (entry.plan.pane === 'own') series.priceScale().applyOptions({ scaleMargins: { top: 0.12, bottom: 0.08 } })
    return series
  }

  private point(plan: OutputPlan | undefined, time: number, value: number): LineData<UTCTimestamp> | HistogramData<UTCTimestamp> {
    if (plan?.kind === 'histogram') return { time: time as UTCTimestamp, value, color: value >= 0 ? this.palette.histogramUp : this.palette.histogramDown }
    return { time: time as UTCTimestamp, value }
  }

  private align(entry: Entry, barTimes: Float64Array): void {
    const result = entry.result
    if (!result) return
    let sample = NaN
    for (const [output, series] of entry.series) {
      const values = result.outputs[output]
      const column = values ? alignToBars(barTimes, result.time, values) : new Float64Array(barTimes.length).fill(NaN)
      entry.aligned[output] = column
      const plan = entry.plan.outputs.find((o) => o.output === output)
      const data: (LineData<UTCTimestamp> | HistogramData<UTCTimestamp>)[] = []
      for (let i = 0; i < column.length; i++) {
        const v = column[i] as number
        if (Number.isFinite(v)) data.push(this.point(plan, barTimes[i] as number, v))
      }
      if (Number.isNaN(sample) && data.length > 0) sample = data[data.length - 1]?.value ?? NaN
      series.setData(data as never)
    }
    if (entry.plan.pane === 'own') {
      const decimals = indicatorDecimals('own', this.priceDecimals, sample)
      if (decimals !== entry.decimals) {
        entry.decimals = decimals
        for (const series of entry.series.values()) series.applyOptions({ priceFormat: { type: 'price', precision: decimals, minMove: 10 ** -decimals } })
      }
    }
  }
}

function lastFinite(column: Float64Array): number {
  for (let i = column.length - 1; i >= 0; i--) if (Number.isFinite(column[i] as number)) return i
  return -1
}

/** Index of `time` among the last bars (live tails touch only the end), or -1. */
function indexFromEnd(times: Float64Array, time: number): number {
  for (let i = times.length - 1; i >= 0 && i >= times.length - 64; i--) {
    const t = times[i] as number
    if (t === time) return i
    if (t < time) return -1
  }
  return -1
}
