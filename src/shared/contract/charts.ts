import { z } from 'zod'
import { InstrumentId, Timeframe } from '../domain'
import { method } from './define'

/** How a chart draws its bars; Heikin-Ashi is computed by the renderer from the raw bars. */
export const CHART_TYPES = ['candles', 'bars', 'line', 'heikin-ashi'] as const
export const ChartType = z.enum(CHART_TYPES)
export type ChartType = z.infer<typeof ChartType>

/** 1 chart, 2 side by side, or a 2 × 2 grid. */
export const CHART_GRIDS = ['1', '2', '4'] as const
export const ChartGrid = z.enum(CHART_GRIDS)
export type ChartGrid = z.infer<typeof ChartGrid>

/** The most charts a layout holds (the 2 × 2 grid); a smaller grid shows the first ones. */
export const MAX_LAYOUT_CHARTS = 4
/** Indicators on one chart. */
export const MAX_CHART_INDICATORS = 16
/** Parameters of one indicator (TA-Lib's largest has 7). */
const MAX_INDICATOR_PARAMS = 12

const ParamName = z.string().regex(/^[A-Za-z][\w]{0,39}$/, 'a parameter name: letters, digits and _')

export const ChartIndicator = z
  .object({
    /** Chosen by the renderer; unique within its chart. */
    id: z.string().regex(/^[\w-]{1,40}$/, 'letters, digits, _ and -, at most 40'),
    /** The indicator's name in `indicators.list`, e.g. `RSI`. */
    name: z.string().min(1).max(40),
    /** By parameter name; the ones not given take their defaults. */
    params: z
      .record(ParamName, z.number().finite())
      .refine((p) => Object.keys(p).length <= MAX_INDICATOR_PARAMS, { message: `at most ${MAX_INDICATOR_PARAMS} parameters` }),
    visible: z.boolean(),
  })
  .strict()
export type ChartIndicator = z.infer<typeof ChartIndicator>

export const ChartConfig = z
  .object({
    /** Null: the first listed instrument. */
    instrumentId: InstrumentId.nullable(),
    timeframe: Timeframe,
    chartType: ChartType,
    indicators: z.array(ChartIndicator).max(MAX_CHART_INDICATORS),
  })
  .strict()
export type ChartConfig = z.infer<typeof ChartConfig>

/** The chart workspace as the trader left it: the grid, which chart the toolbar acts on, and each chart. */
export const ChartLayout = z
  .object({
    grid: ChartGrid,
    /** Index in `charts` of the active chart; within the grid's shown charts. */
    active: z.number().int().min(0).max(MAX_LAYOUT_CHARTS - 1),
    /** At least as many as the grid shows; the ones past it are kept for when the grid grows again. */
    charts: z.array(ChartConfig).min(1).max(MAX_LAYOUT_CHARTS),
  })
  .strict()
  .refine((l) => l.charts.length >= Number(l.grid), { message: 'fewer charts than the grid shows', path: ['charts'] })
  .refine((l) => l.active < Number(l.grid), { message: 'the active chart is not shown by the grid', path: ['active'] })
export type ChartLayout = z.infer<typeof ChartLayout>

export const DEFAULT_CHART_CONFIG: ChartConfig = { instrumentId: null, timeframe: '1D', chartType: 'candles', indicators: [] }
export const DEFAULT_CHART_LAYOUT: ChartLayout = { grid: '1', active: 0, charts: [DEFAULT_CHART_CONFIG] }

/** Names a saved layout; the app's main window uses `main`. */
export const ChartLayoutId = z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, _, . and -, at most 64')

export const DrawingId = z.number().int().positive().brand<'DrawingId'>()
export type DrawingId = z.infer<typeof DrawingId>

export const DRAWING_KINDS = ['horizontal-line', 'trend-line'] as const
export type DrawingKind = (typeof DRAWING_KINDS)[number]

const Price = z.number().finite()
/** Epoch seconds, like bar times; a point need not fall on a bar, so it holds on every timeframe. */
const PointTime = z.number().finite().min(0).max(32_503_680_000)

export const HorizontalLineData = z.object({ price: Price }).strict()
export type HorizontalLineData = z.infer<typeof HorizontalLineData>

export const ChartPoint = z.object({ time: PointTime, price: Price }).strict()
export type ChartPoint = z.infer<typeof ChartPoint>

export const TrendLineData = z.object({ from: ChartPoint, to: ChartPoint }).strict()
export type TrendLineData = z.infer<typeof TrendLineData>

/** A drawing's kind with the data that kind takes. */
export const DrawingShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('horizontal-line'), data: HorizontalLineData }).strict(),
  z.object({ kind: z.literal('trend-line'), data: TrendLineData }).strict(),
])
export type DrawingShape = z.infer<typeof DrawingShape>

/** A stored drawing; it belongs to the instrument and shows on every timeframe. */
export type Drawing = DrawingShape & {
  readonly id: DrawingId
  readonly instrumentId: InstrumentId
  /** Epoch milliseconds from the engine's clock. */
  readonly createdAt: number
  readonly updatedAt: number
}

export const GetChartLayoutRequest = z.object({ id: ChartLayoutId }).strict()
export const SaveChartLayoutRequest = z.object({ id: ChartLayoutId, layout: ChartLayout }).strict()
export const ListDrawingsRequest = z.object({ instrumentId: InstrumentId }).strict()
/** Without `id` a new drawing; with it, that drawing replaced (same instrument). */
export const SaveDrawingRequest = z.discriminatedUnion('kind', [
  z.object({ id: DrawingId.optional(), instrumentId: InstrumentId, kind: z.literal('horizontal-line'), data: HorizontalLineData }).strict(),
  z.object({ id: DrawingId.optional(), instrumentId: InstrumentId, kind: z.literal('trend-line'), data: TrendLineData }).strict(),
])
export type SaveDrawingRequest = z.infer<typeof SaveDrawingRequest>
export const DeleteDrawingRequest = z.object({ id: DrawingId }).strict()

export const chartMethods = {
  /** The saved layout, or a default one (one chart with the last instrument and timeframe of the settings). */
  getLayout: method<typeof GetChartLayoutRequest, ChartLayout>(GetChartLayoutRequest),
  saveLayout: method<typeof SaveChartLayoutRequest, { readonly updatedAt: number }>(SaveChartLayoutRequest),
  /** Every drawing of the instrument, oldest first. */
  listDrawings: method<typeof ListDrawingsRequest, readonly Drawing[]>(ListDrawingsRequest),
  saveDrawing: method<typeof SaveDrawingRequest, Drawing>(SaveDrawingRequest),
  deleteDrawing: method<typeof DeleteDrawingRequest, { readonly deleted: boolean }>(DeleteDrawingRequest),
} as const
