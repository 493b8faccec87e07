import type { StateCreator } from 'zustand'
import type { Drawing, DrawingId, DrawingKind, DrawingShape } from '../../../shared/contract'
import type { InstrumentId } from '../../../shared/domain'
import type { QuorumStore } from './index'

export type DrawingTool = 'none' | DrawingKind

/** One change the trader can take back with Ctrl+Z. */
export type DrawingChange =
  | { readonly type: 'created'; readonly id: DrawingId; readonly instrumentId: InstrumentId }
  | { readonly type: 'deleted'; readonly instrumentId: InstrumentId; readonly shape: DrawingShape; readonly id: DrawingId }

/** How many changes Ctrl+Z can take back. */
const UNDO_DEPTH = 50

export interface ChartDrawingsSlice {
  /** Drawings by instrument, for the instruments a chart has shown. */
  readonly drawings: Readonly<Record<number, readonly Drawing[]>>
  readonly drawingTool: DrawingTool
  readonly selectedDrawingId: DrawingId | null
  readonly drawingUndo: readonly DrawingChange[]
  setInstrumentDrawings(instrumentId: InstrumentId, drawings: readonly Drawing[]): void
  putDrawing(drawing: Drawing): void
  dropDrawing(instrumentId: InstrumentId, id: DrawingId): void
  setDrawingTool(tool: DrawingTool): void
  selectDrawing(id: DrawingId | null): void
  pushDrawingChange(change: DrawingChange): void
  /** Takes the last change off the undo list and returns it. */
  popDrawingChange(): DrawingChange | undefined
  /** A deleted drawing came back under a new id: earlier changes that name the old id now name the new one. */
  renameDrawingInUndo(from: DrawingId, to: DrawingId): void
}

export const createChartDrawingsSlice: StateCreator<QuorumStore, [], [], ChartDrawingsSlice> = (set, get) => ({
  drawings: {},
  drawingTool: 'none',
  selectedDrawingId: null,
  drawingUndo: [],
  setInstrumentDrawings: (instrumentId, list) => set((s) => ({ drawings: { ...s.drawings, [instrumentId]: list } })),
  putDrawing: (drawing) =>
    set((s) => {
      const list = s.drawings[drawing.instrumentId] ?? []
      const next = list.some((d) => d.id === drawing.id) ? list.map((d) => (d.id === drawing.id ? drawing : d)) : [...list, drawing]
      return { drawings: { ...s.drawings, [drawing.instrumentId]: next } }
    }),
  dropDrawing: (instrumentId, id) =>
    set((s) => ({
      drawings: { ...s.drawings, [instrumentId]: (s.drawings[instrumentId] ?? []).filter((d) => d.id !== id) },
      selectedDrawingId: s.selectedDrawingId === id ? null : s.selectedDrawingId,
    })),
  setDrawingTool: (drawingTool) => set({ drawingTool, selectedDrawingId: drawingTool === 'none' ? get().selectedDrawingId : null }),
  selectDrawing: (selectedDrawingId) => set({ selectedDrawingId }),
  pushDrawingChange: (change) => set((s) => ({ drawingUndo: [...s.drawingUndo, change].slice(-UNDO_DEPTH) })),
  popDrawingChange: () => {
    const list = get().drawingUndo
    const last = list[list.length - 1]
    if (last) set({ drawingUndo: list.slice(0, -1) })
    return last
  },
  renameDrawingInUndo: (from, to) => set((s) => ({ drawingUndo: s.drawingUndo.map((c) => (c.id === from ? { ...c, id: to } : c)) })),
})
