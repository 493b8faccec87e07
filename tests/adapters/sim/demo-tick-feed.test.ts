import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_FEED_INTERVAL_MS, type DemoFeedInstrument, DemoTickFeed, demoFeedInstruments } from '../../../src/main/adapters'
import { seedDemoMarket } from '../../../src/main/data'
import { EngineError, ManualClock, ManualScheduler, silentLogger } from '../../../src/main/kernel'
import type { Store } from '../../../src/main/store'
import type { InstrumentId, Tick } from '../../../src/shared/domain'
import { makeTempDir, openTempStore } from '../../store/store-fixture'

/** Tuesday 2026-11-17 15:00 UTC. */
const NOW = Date.parse('2026-11-17T15:00:00Z')

const INSTRUMENTS: readonly DemoFeedInstrument[] = [
  { instrumentId: 1 as InstrumentId, symbol: 'DEMO-ALPHA', tickSize: 0.01, startPrice: 48.12 },
  { instrumentId: 2 as InstrumentId, symbol: 'DEMO-INDEX', tickSize: 0.01, startPrice: 402.5 },
]

/** Runs a feed for `ms` on a ManualClock and returns every tick of each instrument. */
function record(seed: number, ms: number, listenTo: readonly number[] = [1, 2]): Map<number, Tick[]> {
  const clock = new ManualClock(NOW)
  const scheduler = new ManualScheduler(clock)
  const feed = new DemoTickFeed({ clock, scheduler, seed, instruments: INSTRUMENTS })
  const ticks = new Map<number, Tick[]>()
  for (const id of listenTo) {
    const list: Tick[] = []
    ticks.set(id, list)
    feed.subscribe(id as InstrumentId, (tick) => list.push(tick))
  }
  scheduler.advance(ms)
  feed.dispose()
  return ticks
}

describe('DemoTickFeed', () => {
  it('gives the same ticks for the same seed and wake-ups', () => {
    expect(record(7, 60_000)).toEqual(record(7, 60_000))
    expect(record(7, 60_000).get(1)).not.toEqual(record(8, 60_000).get(1))
  })

  it("gives each instrument the same ticks whoever else listens", () => {
    expect(record(7, 30_000, [2]).get(2)).toEqual(record(7, 30_000, [1, 2]).get(2))
  })

  it('prints a few ticks a second, stamped by the clock within the interval just past, never going back', () => {
    const clock = new ManualClock(NOW)
    const scheduler = new ManualScheduler(clock)
    const feed = new DemoTickFeed({ clock, scheduler, seed: 3, instruments: INSTRUMENTS })
    const heard: Array<{ tick: Tick; at: number }> = []
    feed.subscribe(1 as InstrumentId, (tick) => heard.push({ tick, at: clock.now() }))
    scheduler.advance(600_000)
    const perSecond = heard.length / 600
    expect(perSecond).toBeGreaterThan(3)
    expect(perSecond).toBeLessThan(8)
    for (const { tick, at } of heard) {
      expect(Math.round(tick.time * 1000)).toBeGreaterThan(at - DEMO_FEED_INTERVAL_MS)
      expect(Math.round(tick.time * 1000)).toBeLessThanOrEqual(at)
    }
    for (let i = 1; i < heard.length; i++) expect(heard[i]!.tick.time).toBeGreaterThanOrEqual(heard[i - 1]!.tick.time)
  })

  it('continues from the start price on the tick grid, in round lots, odd lots and blocks', () => {
    const ticks = record(5, 600_000).get(1)!
    expect(Math.abs(ticks[0]!.price - 48.12)).toBeLessThan(0.1)
    for (const { price, size } of ticks) {
      expect(Math.round(price * 100) / 100).toBe(price)
      expect(Number.isInteger(size) && size > 0).toBe(true)
    }
    const sizes = ticks.map((t) => t.size)
    expect(sizes.some((s) => s < 100)).toBe(true)
    expect(sizes.filter((s) => s === 100).length).toBeGreaterThan(ticks.length / 3)
    expect(sizes.some((s) => s >= 2500)).toBe(true)
    // Ten minutes move a 48-dollar stock by cents to a dollar or so, not by tens of dollars.
    const prices = ticks.map((t) => t.price)
    expect(Math.max(...prices) - Math.min(...prices)).toBeLessThan(5)
    expect(Math.max(...prices) - Math.min(...prices)).toBeGreaterThan(0.02)
  })

  it('wakes only while someone listens', () => {
    const clock = new ManualClock(NOW)
    const scheduler = new ManualScheduler(clock)
    const feed = new DemoTickFeed({ clock, scheduler, seed: 1, instruments: INSTRUMENTS })
    expect(scheduler.activeTasks).toBe(0)
    const a = feed.subscribe(1 as InstrumentId, () => undefined)
    const b = feed.subscribe(2 as InstrumentId, () => undefined)
    expect(scheduler.activeTasks).toBe(1)
    a.dispose()
    a.dispose()
    expect(scheduler.activeTasks).toBe(1)
    b.dispose()
    expect(scheduler.activeTasks).toBe(0)
  })

  it('refuses an instrument it has no prices for', () => {
    const clock = new ManualClock(NOW)
    const feed = new DemoTickFeed({ clock, scheduler: new ManualScheduler(clock), seed: 1, instruments: INSTRUMENTS })
    expect(() => feed.subscribe(99 as InstrumentId, () => undefined)).toThrow(EngineError)
  })
})

describe('demoFeedInstruments', () => {
  let store: Store
  let cleanup: () => void

  beforeEach(() => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    store = openTempStore(temp.dir)
  })

  afterEach(() => {
    store.close()
    cleanup()
  })

  it("starts each demo instrument from its last stored one-minute close", () => {
    seedDemoMarket(store, { seed: 42, endDate: '2026-11-13', logger: silentLogger })
    const instruments = demoFeedInstruments(store)
    expect(instruments.map((i) => i.symbol)).toEqual(store.instruments.list().map((i) => i.symbol))
    for (const instrument of instruments) {
      const { bars } = store.bars.loadLatest(instrument.instrumentId, '1m', { limit: 1 })
      expect(instrument.startPrice).toBe(bars.close[0])
      expect(instrument.tickSize).toBe(0.01)
    }
  })
})
