import type { StateCreator } from 'zustand'
import type { IndicatorInfo, Instrument, InstrumentId, Timeframe } from '../../../shared/domain'
import { withChart, withInstrument, withTimeframe } from './chart-layout'
import { activeSelection } from './chart-layout-slice'
import type { QuorumStore } from './index'

export interface ChartSlice {
  readonly instruments: readonly Instrument[]
  /** True once `instruments.list` has answered at least once. */
  readonly instrumentsLoaded: boolean
  /** True once the saved selection (settings or layout) is known; nothing is selected before it. */
  readonly selectionRestored: boolean
  /** The active chart's instrument (resolved: listed, else the first listed), kept in step with the layout. */
  readonly instrumentId: InstrumentId | null
  /** The active chart's timeframe. */
  readonly timeframe: Timeframe
  /** `indicators.list`, once read; null before. */
  readonly indicatorCatalog: readonly IndicatorInfo[] | null
  setInstruments(instruments: readonly Instrument[]): void
  /** The selection the settings remembered; it applies to the first chart until a saved layout arrives. */
  restoreSelection(instrumentId: InstrumentId | null, timeframe: Timeframe): void
  /** Shows the instrument on the active chart. */
  selectInstrument(instrumentId: InstrumentId): void
  /** Shows the timeframe on the active chart. */
  selectTimeframe(timeframe: Timeframe): void
  setIndicatorCatalog(catalog: readonly IndicatorInfo[]): void
}

export const createChartSlice: StateCreator<QuorumStore, [], [], ChartSlice> = (set) => ({
  instruments: [],
  instrumentsLoaded: false,
  selectionRestored: false,
  instrumentId: null,
  timeframe: '1D',
  indicatorCatalog: null,
  setInstruments: (instruments) => set((s) => activeSelection({ ...s, instruments, instrumentsLoaded: true })),
  restoreSelection: (instrumentId, timeframe) =>
    set((s) => {
      // A saved layout, once restored, says more than the settings do.
      const layout = s.layoutRestored ? s.layout : withChart(s.layout, 0, { instrumentId, timeframe })
      return activeSelection({ ...s, layout, selectionRestored: true })
    }),
  selectInstrument: (instrumentId) => set((s) => activeSelection({ ...s, layout: withInstrument(s.layout, s.layout.active, instrumentId) })),
  selectTimeframe: (timeframe) => set((s) => activeSelection({ ...s, layout: withTimeframe(s.layout, s.layout.active, timeframe) })),
  setIndicatorCatalog: (indicatorCatalog) => set({ indicatorCatalog }),
})
