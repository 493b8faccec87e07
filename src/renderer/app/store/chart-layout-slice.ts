import type { StateCreator } from 'zustand'
import type { ChartGrid, ChartIndicator, ChartLayout, ChartType } from '../../../shared/contract'
import { DEFAULT_CHART_LAYOUT } from '../../../shared/contract'
import type { InstrumentId, Timeframe } from '../../../shared/domain'
import {
  newIndicatorId,
  normalizeLayout,
  resolveInstrumentId,
  withActive,
  withChartType,
  withGrid,
  withIndicatorAdded,
  withIndicatorChanged,
  withIndicatorRemoved,
  withInstrument,
  withTimeframe,
} from './chart-layout'
import type { QuorumStore } from './index'

export interface ChartLayoutSlice {
  /** The chart workspace: grid, active chart, and each chart's instrument, timeframe, type and indicators. */
  readonly layout: ChartLayout
  /** True once `charts.getLayout` answered (or failed): the charts wait for it, so they load once. */
  readonly layoutRestored: boolean
  readonly indicatorPickerOpen: boolean
  /** Bumped to ask the symbol search to take the focus (Ctrl+K, `/`). */
  readonly symbolSearchRequests: number
  restoreLayout(layout: ChartLayout): void
  setGrid(grid: ChartGrid): void
  setActiveChart(index: number): void
  setChartInstrument(index: number, instrumentId: InstrumentId): void
  setChartTimeframe(index: number, timeframe: Timeframe): void
  setChartType(index: number, chartType: ChartType): void
  /** Adds the indicator with the given parameters; returns its id (null when the chart is full). */
  addIndicator(index: number, name: string, params: Record<string, number>): string | null
  changeIndicator(index: number, id: string, patch: Partial<Pick<ChartIndicator, 'params' | 'visible'>>): void
  removeIndicator(index: number, id: string): void
  setIndicatorPickerOpen(open: boolean): void
  requestSymbolSearch(): void
}

type SelectionFields = Pick<QuorumStore, 'layout' | 'instruments' | 'instrumentsLoaded' | 'selectionRestored'>

/** The state with `instrumentId` and `timeframe` following the active chart (older code reads them). */
export function activeSelection<S extends SelectionFields>(s: S): S & Pick<QuorumStore, 'instrumentId' | 'timeframe'> {
  const chart = s.layout.charts[s.layout.active] ?? s.layout.charts[0]
  const ready = s.selectionRestored && s.instrumentsLoaded
  return { ...s, instrumentId: ready ? resolveInstrumentId(s.instruments, chart?.instrumentId ?? null) : null, timeframe: chart?.timeframe ?? '1D' }
}

export const createChartLayoutSlice: StateCreator<QuorumStore, [], [], ChartLayoutSlice> = (set, get) => {
  const update = (change: (layout: ChartLayout, s: QuorumStore) => ChartLayout): void =>
    set((s) => {
      const layout = change(s.layout, s)
      return layout === s.layout ? s : activeSelection({ ...s, layout })
    })
  return {
    layout: DEFAULT_CHART_LAYOUT,
    layoutRestored: false,
    indicatorPickerOpen: false,
    symbolSearchRequests: 0,
    restoreLayout: (layout) => set((s) => activeSelection({ ...s, layout: normalizeLayout(layout), layoutRestored: true, selectionRestored: true })),
    setGrid: (grid) => update((l, s) => withGrid(l, grid, s.instrumentId)),
    setActiveChart: (index) => update((l) => withActive(l, index)),
    setChartInstrument: (index, instrumentId) => update((l) => withInstrument(l, index, instrumentId)),
    setChartTimeframe: (index, timeframe) => update((l) => withTimeframe(l, index, timeframe)),
    setChartType: (index, chartType) => update((l) => withChartType(l, index, chartType)),
    addIndicator: (index, name, params) => {
      const chart = get().layout.charts[index]
      if (!chart) return null
      const id = newIndicatorId(chart, name)
      update((l) => withIndicatorAdded(l, index, { id, name, params, visible: true }))
      return get().layout.charts[index]?.indicators.some((i) => i.id === id) ? id : null
    },
    changeIndicator: (index, id, patch) => update((l) => withIndicatorChanged(l, index, id, patch)),
    removeIndicator: (index, id) => update((l) => withIndicatorRemoved(l, index, id)),
    setIndicatorPickerOpen: (indicatorPickerOpen) => set({ indicatorPickerOpen }),
    requestSymbolSearch: () => set((s) => ({ symbolSearchRequests: s.symbolSearchRequests + 1 })),
  }
}
