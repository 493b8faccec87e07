import type { StateCreator } from 'zustand'
import type { Instrument, InstrumentId, Timeframe } from '../../../shared/domain'
import type { QuorumStore } from './index'

export interface ChartSlice {
  readonly instruments: readonly Instrument[]
  /** True once `instruments.list` has answered at least once. */
  readonly instrumentsLoaded: boolean
  /** True once the saved selection (settings) is known; nothing is selected before it. */
  readonly selectionRestored: boolean
  /** The saved instrument, kept until the list that contains it arrives. */
  readonly savedInstrumentId: InstrumentId | null
  readonly instrumentId: InstrumentId | null
  readonly timeframe: Timeframe
  setInstruments(instruments: readonly Instrument[]): void
  restoreSelection(instrumentId: InstrumentId | null, timeframe: Timeframe): void
  selectInstrument(instrumentId: InstrumentId): void
  selectTimeframe(timeframe: Timeframe): void
}

/** The current choice if still listed, else the saved one if listed, else the first instrument. */
function pickInstrument(
  instruments: readonly Instrument[],
  current: InstrumentId | null,
  saved: InstrumentId | null,
): InstrumentId | null {
  if (current !== null && instruments.some((i) => i.id === current)) return current
  if (saved !== null && instruments.some((i) => i.id === saved)) return saved
  return instruments[0]?.id ?? null
}

export const createChartSlice: StateCreator<QuorumStore, [], [], ChartSlice> = (set) => ({
  instruments: [],
  instrumentsLoaded: false,
  selectionRestored: false,
  savedInstrumentId: null,
  instrumentId: null,
  timeframe: '1D',
  setInstruments: (instruments) =>
    set((s) => ({
      instruments,
      instrumentsLoaded: true,
      instrumentId: s.selectionRestored ? pickInstrument(instruments, s.instrumentId, s.savedInstrumentId) : null,
    })),
  restoreSelection: (savedInstrumentId, timeframe) =>
    set((s) => ({
      savedInstrumentId,
      timeframe,
      selectionRestored: true,
      instrumentId: s.instrumentsLoaded ? pickInstrument(s.instruments, null, savedInstrumentId) : null,
    })),
  selectInstrument: (instrumentId) => set({ instrumentId, savedInstrumentId: instrumentId }),
  selectTimeframe: (timeframe) => set({ timeframe }),
})
