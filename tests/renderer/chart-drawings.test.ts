import { beforeEach, describe, expect, it } from 'vitest'
import { resetStore, useStore } from '../../src/renderer/app/store'
import type { Drawing, DrawingId } from '../../src/shared/contract'
import type { InstrumentId } from '../../src/shared/domain'

const A = 1 as InstrumentId
const line = (id: number, price: number): Drawing => ({
  id: id as DrawingId,
  instrumentId: A,
  kind: 'horizontal-line',
  data: { price },
  createdAt: 0,
  updatedAt: 0,
})

beforeEach(resetStore)

describe('drawings in the store', () => {
  it('adds, replaces and drops an instrument’s drawings; dropping the selected one clears the selection', () => {
    const s = useStore.getState()
    s.setInstrumentDrawings(A, [line(1, 10)])
    s.putDrawing(line(2, 20))
    s.putDrawing(line(1, 11))
    expect(useStore.getState().drawings[A]?.map((d) => [d.id, d.data])).toEqual([
      [1, { price: 11 }],
      [2, { price: 20 }],
    ])
    s.selectDrawing(2 as DrawingId)
    s.dropDrawing(A, 2 as DrawingId)
    expect(useStore.getState().selectedDrawingId).toBeNull()
    expect(useStore.getState().drawings[A]).toHaveLength(1)
  })

  it('takes changes back last first, and renames a drawing restored under a new id', () => {
    const s = useStore.getState()
    s.pushDrawingChange({ type: 'created', id: 1 as DrawingId, instrumentId: A })
    s.pushDrawingChange({ type: 'deleted', id: 1 as DrawingId, instrumentId: A, shape: { kind: 'horizontal-line', data: { price: 10 } } })
    expect(s.popDrawingChange()?.type).toBe('deleted')
    s.renameDrawingInUndo(1 as DrawingId, 7 as DrawingId)
    expect(s.popDrawingChange()).toEqual({ type: 'created', id: 7, instrumentId: A })
    expect(s.popDrawingChange()).toBeUndefined()
  })

  it('keeps the last 50 changes', () => {
    for (let i = 1; i <= 60; i++) useStore.getState().pushDrawingChange({ type: 'created', id: i as DrawingId, instrumentId: A })
    expect(useStore.getState().drawingUndo).toHaveLength(50)
    expect(useStore.getState().drawingUndo[0]?.id).toBe(11)
  })

  it('picks a tool and deselects; putting the tool down keeps the selection', () => {
    const s = useStore.getState()
    s.selectDrawing(3 as DrawingId)
    s.setDrawingTool('trend-line')
    expect(useStore.getState().selectedDrawingId).toBeNull()
    s.selectDrawing(3 as DrawingId)
    s.setDrawingTool('none')
    expect(useStore.getState().selectedDrawingId).toBe(3)
  })
})
