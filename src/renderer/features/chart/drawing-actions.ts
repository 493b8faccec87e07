import type { DrawingId, DrawingShape } from '../../../shared/contract'
import type { InstrumentId } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'

const loading = new Set<InstrumentId>()

/** Reads the instrument's drawings once; every chart of that instrument shows them. */
export async function loadDrawings(instrumentId: InstrumentId, symbol: string): Promise<void> {
  if (loading.has(instrumentId) || useStore.getState().drawings[instrumentId]) return
  loading.add(instrumentId)
  const result = await quorum.charts.listDrawings({ instrumentId })
  loading.delete(instrumentId)
  if (result.ok) useStore.getState().setInstrumentDrawings(instrumentId, result.value)
  else useStore.getState().reportError(`Reading the drawings on ${symbol}`, result.error)
}

/** Stores a new drawing; the tool is put down, as after any drawing. */
export async function createDrawing(instrumentId: InstrumentId, shape: DrawingShape, symbol: string): Promise<void> {
  const store = useStore.getState()
  store.setDrawingTool('none')
  const result = await quorum.charts.saveDrawing({ instrumentId, ...shape })
  if (!result.ok) return useStore.getState().reportError(`Saving a ${describe(shape)} on ${symbol}`, result.error)
  useStore.getState().putDrawing(result.value)
  useStore.getState().pushDrawingChange({ type: 'created', id: result.value.id, instrumentId })
}

/** Deletes the selected drawing (Delete key). */
export async function deleteSelectedDrawing(): Promise<boolean> {
  const s = useStore.getState()
  const id = s.selectedDrawingId
  if (id === null) return false
  const drawing = Object.values(s.drawings)
    .flat()
    .find((d) => d.id === id)
  if (!drawing) return false
  s.dropDrawing(drawing.instrumentId, id)
  const result = await quorum.charts.deleteDrawing({ id })
  if (!result.ok) {
    useStore.getState().putDrawing(drawing)
    useStore.getState().reportError(`Deleting a ${describe(drawing)}`, result.error)
    return true
  }
  const shape = { kind: drawing.kind, data: drawing.data } as DrawingShape
  useStore.getState().pushDrawingChange({ type: 'deleted', id, instrumentId: drawing.instrumentId, shape })
  return true
}

/** Takes back the last drawing change (Ctrl+Z): a new drawing goes, a deleted one comes back. */
export async function undoDrawingChange(): Promise<boolean> {
  const change = useStore.getState().popDrawingChange()
  if (!change) return false
  if (change.type === 'created') {
    useStore.getState().dropDrawing(change.instrumentId, change.id)
    const result = await quorum.charts.deleteDrawing({ id: change.id })
    if (!result.ok) useStore.getState().reportError('Undoing a drawing', result.error)
    return true
  }
  const result = await quorum.charts.saveDrawing({ instrumentId: change.instrumentId, ...change.shape })
  if (!result.ok) {
    useStore.getState().reportError(`Restoring a deleted ${describe(change.shape)}`, result.error)
    return true
  }
  useStore.getState().putDrawing(result.value)
  useStore.getState().renameDrawingInUndo(change.id, result.value.id as DrawingId)
  return true
}

function describe(shape: { kind: DrawingShape['kind'] }): string {
  return shape.kind === 'horizontal-line' ? 'horizontal line' : 'trend line'
}
