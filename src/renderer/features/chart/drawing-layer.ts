import type {
  IChartApi,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  IPriceLine,
  ISeriesApi,
  ISeriesPrimitive,
  Logical,
  SeriesType,
  Time,
} from 'lightweight-charts'
import { LineStyle } from 'lightweight-charts'
import type { ChartPoint, Drawing, DrawingId } from '../../../shared/contract'
import type { ChartPalette } from './chart-palette'
import { distanceToSegment, timeToLogical } from './drawing-geometry'

/** How near (px) a click must come to a drawing to select it. */
const HIT_TOLERANCE = 6
const HANDLE_RADIUS = 4

type DrawTarget = Parameters<IPrimitivePaneRenderer['draw']>[0]

interface Segment {
  readonly from: ChartPoint
  readonly to: ChartPoint
  readonly selected: boolean
  readonly pending: boolean
}

/** Where the chart's bars are, so times become x coordinates on any timeframe. */
export interface TimeAxis {
  readonly times: Float64Array
  readonly barSeconds: number
}

/** Trend lines (and the one being drawn) painted on the price pane, in media pixels. */
class TrendLinesPrimitive implements ISeriesPrimitive<Time> {
  segments: readonly Segment[] = []
  palette: ChartPalette
  private requestRedraw: (() => void) | null = null
  private series: ISeriesApi<SeriesType> | null = null

  constructor(
    private readonly chart: IChartApi,
    private readonly axis: () => TimeAxis,
    palette: ChartPalette,
  ) {
    this.palette = palette
  }

  attached(param: { series: ISeriesApi<SeriesType>; requestUpdate: () => void }): void {
    this.series = param.series
    this.requestRedraw = param.requestUpdate
  }

  detached(): void {
    this.series = null
    this.requestRedraw = null
  }

  redraw(): void {
    this.requestRedraw?.()
  }

  /** Pixel ends of a segment, or null when it cannot be placed (no bars, price off the scale). */
  project(s: { from: ChartPoint; to: ChartPoint }): { ax: number; ay: number; bx: number; by: number } | null {
    const series = this.series
    if (!series) return null
    const { times, barSeconds } = this.axis()
    const ts = this.chart.timeScale()
    const la = timeToLogical(times, s.from.time, barSeconds)
    const lb = timeToLogical(times, s.to.time, barSeconds)
    if (!Number.isFinite(la) || !Number.isFinite(lb)) return null
    const ax = ts.logicalToCoordinate(la as Logical)
    const bx = ts.logicalToCoordinate(lb as Logical)
    const ay = series.priceToCoordinate(s.from.price)
    const by = series.priceToCoordinate(s.to.price)
    if (ax === null || bx === null || ay === null || by === null) return null
    return { ax, ay, bx, by }
  }

  private readonly view: IPrimitivePaneView = {
    zOrder: () => 'top',
    renderer: () => ({
      draw: (target: DrawTarget) => {
        if (this.segments.length === 0) return
        target.useMediaCoordinateSpace(({ context: ctx }) => {
          for (const s of this.segments) {
            const p = this.project(s)
            if (!p) continue
            ctx.save()
            ctx.strokeStyle = s.selected || s.pending ? this.palette.drawingSelected : this.palette.drawing
            ctx.lineWidth = s.selected ? 2 : 1.5
            if (s.pending) ctx.setLineDash([5, 4])
            ctx.beginPath()
            ctx.moveTo(p.ax, p.ay)
            ctx.lineTo(p.bx, p.by)
            ctx.stroke()
            if (s.selected || s.pending) {
              ctx.setLineDash([])
              ctx.fillStyle = this.palette.drawingHandleFill
              ctx.lineWidth = 1.5
              for (const [x, y] of [
                [p.ax, p.ay],
                [p.bx, p.by],
              ] as const) {
                ctx.beginPath()
                ctx.arc(x, y, HANDLE_RADIUS, 0, Math.PI * 2)
                ctx.fill()
                ctx.stroke()
              }
            }
            ctx.restore()
          }
        })
      },
    }),
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view]
  }
}

/**
 * The trader's drawings on one chart's price series: horizontal lines as price lines (they get
 * the axis label for free), trend lines through a primitive. The price series is replaced when
 * the chart type changes, so the layer re-attaches to the new one.
 */
export class DrawingLayer {
  private series: ISeriesApi<SeriesType> | null = null
  private readonly priceLines = new Map<DrawingId, IPriceLine>()
  private readonly trendLines: TrendLinesPrimitive
  private drawings: readonly Drawing[] = []
  private selected: DrawingId | null = null
  private pending: Segment | null = null
  private palette: ChartPalette

  constructor(chart: IChartApi, axis: () => TimeAxis, palette: ChartPalette) {
    this.palette = palette
    this.trendLines = new TrendLinesPrimitive(chart, axis, palette)
  }

  attach(series: ISeriesApi<SeriesType>): void {
    this.detach()
    this.series = series
    series.attachPrimitive(this.trendLines)
    this.sync()
  }

  detach(): void {
    if (!this.series) return
    for (const line of this.priceLines.values()) this.series.removePriceLine(line)
    this.priceLines.clear()
    this.series.detachPrimitive(this.trendLines)
    this.series = null
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette
    this.trendLines.palette = palette
    for (const line of this.priceLines.values()) line.applyOptions({})
    this.sync()
  }

  set(drawings: readonly Drawing[], selected: DrawingId | null): void {
    this.drawings = drawings
    this.selected = selected
    this.sync()
  }

  /** The trend line being drawn, from its first click to the pointer; null when none. */
  setPending(from: ChartPoint | null, to: ChartPoint | null): void {
    this.pending = from && to ? { from, to, selected: false, pending: true } : null
    this.syncTrendLines()
  }

  /** The drawing under a point of the price pane, nearest first. */
  hitTest(x: number, y: number): DrawingId | null {
    const series = this.series
    if (!series) return null
    let best: { id: DrawingId; distance: number } | null = null
    for (const d of this.drawings) {
      let distance = Infinity
      if (d.kind === 'horizontal-line') {
        const ly = series.priceToCoordinate(d.data.price)
        if (ly !== null) distance = Math.abs(ly - y)
      } else {
        const p = this.trendLines.project(d.data)
        if (p) distance = distanceToSegment(x, y, p.ax, p.ay, p.bx, p.by)
      }
      if (distance <= HIT_TOLERANCE && (!best || distance < best.distance)) best = { id: d.id, distance }
    }
    return best?.id ?? null
  }

  /** The bars moved (paging, live): trend lines are placed by bar index, so redraw. */
  redraw(): void {
    this.trendLines.redraw()
  }

  private sync(): void {
    this.syncPriceLines()
    this.syncTrendLines()
  }

  private syncPriceLines(): void {
    const series = this.series
    if (!series) return
    const wanted = new Set<DrawingId>()
    for (const d of this.drawings) {
      if (d.kind !== 'horizontal-line') continue
      wanted.add(d.id)
      const selected = d.id === this.selected
      const options = {
        price: d.data.price,
        color: selected ? this.palette.drawingSelected : this.palette.drawing,
        lineWidth: selected ? (2 as const) : (1 as const),
        lineStyle: LineStyle.Solid,
        axisLabelVisible: true,
        axisLabelColor: selected ? this.palette.drawingSelected : this.palette.drawing,
        axisLabelTextColor: this.palette.drawingHandleFill,
        title: '',
      }
      const existing = this.priceLines.get(d.id)
      if (existing) existing.applyOptions(options)
      else this.priceLines.set(d.id, series.createPriceLine({ ...options, id: `drawing-${d.id}` }))
    }
    for (const [id, line] of this.priceLines) {
      if (wanted.has(id)) continue
      series.removePriceLine(line)
      this.priceLines.delete(id)
    }
  }

  private syncTrendLines(): void {
    const segments: Segment[] = []
    for (const d of this.drawings) {
      if (d.kind === 'trend-line') segments.push({ from: d.data.from, to: d.data.to, selected: d.id === this.selected, pending: false })
    }
    if (this.pending) segments.push(this.pending)
    this.trendLines.segments = segments
    this.trendLines.redraw()
  }
}
