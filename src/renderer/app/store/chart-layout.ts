import type { ChartConfig, ChartGrid, ChartIndicator, ChartLayout, ChartType } from '../../../shared/contract'
import { DEFAULT_CHART_CONFIG, MAX_CHART_INDICATORS, MAX_LAYOUT_CHARTS } from '../../../shared/contract'
import type { Instrument, InstrumentId, Timeframe } from '../../../shared/domain'

/**
 * Pure changes to a chart layout: each returns a new layout (or the same one when nothing
 * changes), so the store's slice stays a thin wrapper and the rules are testable alone.
 */

/** How many charts the grid shows. */
export function shownCharts(grid: ChartGrid): number {
  return Number(grid)
}

/**
 * Another grid. Growing it brings back charts kept from before, else adds copies of the active
 * chart (its instrument, timeframe and type, no indicators); the active chart stays shown.
 */
export function withGrid(layout: ChartLayout, grid: ChartGrid, activeInstrumentId: InstrumentId | null): ChartLayout {
  if (layout.grid === grid) return layout
  const count = shownCharts(grid)
  const active = layout.charts[layout.active] ?? DEFAULT_CHART_CONFIG
  const charts = [...layout.charts]
  while (charts.length < count) charts.push({ ...active, instrumentId: active.instrumentId ?? activeInstrumentId, indicators: [] })
  return { grid, active: Math.min(layout.active, count - 1), charts: charts.slice(0, MAX_LAYOUT_CHARTS) }
}

export function withActive(layout: ChartLayout, index: number): ChartLayout {
  if (index === layout.active || !Number.isInteger(index) || index < 0 || index >= shownCharts(layout.grid)) return layout
  return { ...layout, active: index }
}

export function withChart(layout: ChartLayout, index: number, patch: Partial<ChartConfig>): ChartLayout {
  const chart = layout.charts[index]
  if (!chart) return layout
  const next = { ...chart, ...patch }
  if ((Object.keys(patch) as (keyof ChartConfig)[]).every((k) => next[k] === chart[k])) return layout
  return { ...layout, charts: layout.charts.map((c, i) => (i === index ? next : c)) }
}

export function withInstrument(layout: ChartLayout, index: number, instrumentId: InstrumentId): ChartLayout {
  return withChart(layout, index, { instrumentId })
}

export function withTimeframe(layout: ChartLayout, index: number, timeframe: Timeframe): ChartLayout {
  return withChart(layout, index, { timeframe })
}

export function withChartType(layout: ChartLayout, index: number, chartType: ChartType): ChartLayout {
  return withChart(layout, index, { chartType })
}

/** Adds the indicator; a chart holds at most MAX_CHART_INDICATORS (the layout is unchanged past that). */
export function withIndicatorAdded(layout: ChartLayout, index: number, indicator: ChartIndicator): ChartLayout {
  const chart = layout.charts[index]
  if (!chart || chart.indicators.length >= MAX_CHART_INDICATORS || chart.indicators.some((i) => i.id === indicator.id)) return layout
  return withChart(layout, index, { indicators: [...chart.indicators, indicator] })
}

export function withIndicatorChanged(layout: ChartLayout, index: number, id: string, patch: Partial<Omit<ChartIndicator, 'id' | 'name'>>): ChartLayout {
  const chart = layout.charts[index]
  if (!chart || !chart.indicators.some((i) => i.id === id)) return layout
  return withChart(layout, index, { indicators: chart.indicators.map((i) => (i.id === id ? { ...i, ...patch } : i)) })
}

export function withIndicatorRemoved(layout: ChartLayout, index: number, id: string): ChartLayout {
  const chart = layout.charts[index]
  if (!chart || !chart.indicators.some((i) => i.id === id)) return layout
  return withChart(layout, index, { indicators: chart.indicators.filter((i) => i.id !== id) })
}

/** An id for a new indicator of a chart: its name and the first free number, e.g. `rsi-2`. */
export function newIndicatorId(chart: ChartConfig, name: string): string {
  const base = name.toLowerCase().replace(/[^\w]/g, '').slice(0, 30) || 'ind'
  const taken = new Set(chart.indicators.map((i) => i.id))
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** The instrument a chart shows: its own when still listed, else the first listed one. */
export function resolveInstrumentId(instruments: readonly Instrument[], id: InstrumentId | null): InstrumentId | null {
  if (id !== null && instruments.some((i) => i.id === id)) return id
  return instruments[0]?.id ?? null
}

/** The layout made valid whatever was stored: the grid's charts exist, the active one is shown. */
export function normalizeLayout(layout: ChartLayout): ChartLayout {
  const count = shownCharts(layout.grid)
  const charts = layout.charts.slice(0, MAX_LAYOUT_CHARTS)
  while (charts.length < count) charts.push(charts[0] ?? DEFAULT_CHART_CONFIG)
  return { grid: layout.grid, active: Math.min(Math.max(0, layout.active), count - 1), charts }
}
