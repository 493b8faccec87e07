import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InstrumentId } from '../../src/shared/domain'
import type { Store } from '../../src/main/store'
import { ACME, makeTempDir, openTempStore } from './store-fixture'

let cleanup: () => void
let store: Store
beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  store = openTempStore(temp.dir)
})
afterEach(() => {
  store.close()
  cleanup()
})

describe('InstrumentRepository', () => {
  it('stores an instrument and gives it an id', () => {
    const acme = store.instruments.upsert(ACME)
    expect(acme).toEqual({ ...ACME, id: acme.id })
    expect(acme.id).toBeGreaterThan(0)
    expect(store.instruments.get(acme.id)).toEqual(acme)
  })

  it('updates the instrument with the same symbol and exchange, keeping its id', () => {
    const first = store.instruments.upsert(ACME)
    const second = store.instruments.upsert({ ...ACME, name: 'Acme Corporation', tickSize: 0.05 })
    expect(second.id).toBe(first.id)
    expect(second.name).toBe('Acme Corporation')
    expect(second.tickSize).toBe(0.05)
    expect(store.instruments.list()).toHaveLength(1)
  })

  it('keeps the same symbol on different exchanges apart', () => {
    const nasdaq = store.instruments.upsert(ACME)
    const nyse = store.instruments.upsert({ ...ACME, exchange: 'NYSE' })
    expect(nyse.id).not.toBe(nasdaq.id)
    expect(store.instruments.findBySymbol('ACME', 'NYSE')).toEqual(nyse)
    expect(store.instruments.findBySymbol('ACME')).toEqual(nasdaq)
  })

  it('lists instruments by symbol', () => {
    store.instruments.upsert({ ...ACME, symbol: 'ZED' })
    store.instruments.upsert({ ...ACME, symbol: 'ABC' })
    store.instruments.upsert({ ...ACME, symbol: 'MID' })
    expect(store.instruments.list().map((i) => i.symbol)).toEqual(['ABC', 'MID', 'ZED'])
  })

  it('round-trips the demo flag', () => {
    const demo = store.instruments.upsert({ ...ACME, symbol: 'DEMO-X', isDemo: true })
    expect(store.instruments.get(demo.id)?.isDemo).toBe(true)
  })

  it('answers undefined for an unknown id or symbol', () => {
    expect(store.instruments.get(12345 as InstrumentId)).toBeUndefined()
    expect(store.instruments.findBySymbol('NOPE')).toBeUndefined()
    expect(store.instruments.findBySymbol('ACME', 'NOWHERE')).toBeUndefined()
  })

  it('deletes an instrument and says whether there was one', () => {
    const acme = store.instruments.upsert(ACME)
    expect(store.instruments.delete(acme.id)).toBe(true)
    expect(store.instruments.delete(acme.id)).toBe(false)
    expect(store.instruments.list()).toEqual([])
  })

  it('refuses an invalid spec and names the fields', () => {
    expect(() => store.instruments.upsert({ ...ACME, tickSize: 0, timeZone: 'Mars/Olympus', session: '9:30 to 4' })).toThrow(
      /Cannot store instrument ACME: tickSize: .*timeZone: not an IANA time zone.*session: expected HH:MM-HH:MM/,
    )
    expect(store.instruments.list()).toEqual([])
  })
})
