import { beforeEach, describe, expect, it } from 'vitest'
import { resetStore, useStore } from '../../src/renderer/app/store'
import type { Instrument, InstrumentId } from '../../src/shared/domain'

const inst = (id: number, symbol: string): Instrument =>
  ({ id: id as InstrumentId, symbol, name: symbol, exchange: 'X', currency: 'USD', assetClass: 'stock', tickSize: 0.01, timeZone: 'America/New_York', session: '09:30-16:00', isDemo: true })

beforeEach(resetStore)

describe('chart selection', () => {
  it('selects nothing until the saved selection is known', () => {
    useStore.getState().setInstruments([inst(1, 'A'), inst(2, 'B')])
    expect(useStore.getState().instrumentId).toBeNull()
    useStore.getState().restoreSelection(2 as InstrumentId, '1h')
    expect(useStore.getState().instrumentId).toBe(2)
    expect(useStore.getState().timeframe).toBe('1h')
  })
  it('falls back to the first instrument when the saved one is gone', () => {
    useStore.getState().restoreSelection(9 as InstrumentId, '1D')
    useStore.getState().setInstruments([inst(1, 'A'), inst(2, 'B')])
    expect(useStore.getState().instrumentId).toBe(1)
  })
  it('keeps the current choice when the list is read again', () => {
    useStore.getState().restoreSelection(null, '1D')
    useStore.getState().setInstruments([inst(1, 'A'), inst(2, 'B')])
    useStore.getState().selectInstrument(2 as InstrumentId)
    useStore.getState().setInstruments([inst(1, 'A'), inst(2, 'B'), inst(3, 'C')])
    expect(useStore.getState().instrumentId).toBe(2)
  })
  it('resets to the initial state', () => {
    useStore.getState().setTheme('light')
    useStore.getState().reportError('x', { code: 'internal', message: 'm' })
    resetStore()
    expect(useStore.getState().theme).toBe('dark')
    expect(useStore.getState().errors).toEqual([])
  })
})

describe('errors', () => {
  it('counts a repeated error instead of listing it twice', () => {
    const { reportError } = useStore.getState()
    reportError('Loading', { code: 'unavailable', message: 'down' })
    reportError('Loading', { code: 'unavailable', message: 'down' })
    expect(useStore.getState().errors).toHaveLength(1)
    expect(useStore.getState().errors[0]?.count).toBe(2)
    useStore.getState().dismissError(useStore.getState().errors[0]!.id)
    expect(useStore.getState().errors).toEqual([])
  })
})
