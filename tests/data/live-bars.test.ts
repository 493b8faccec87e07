import { describe, expect, it } from 'vitest'
import { DemoTickFeed } from '../../src/main/adapters'
import { LIVE_BATCH_INTERVAL_MS, LiveBarService, liveBarSpec } from '../../src/main/data'
import { EngineError, ManualClock, ManualScheduler, silentLogger } from '../../src/main/kernel'
import { aggregateTicks } from '../../src/main/native'
import type { LiveBarsEvent } from '../../src/shared/contract'
import { allocateBars, BAR_FIELDS, type BarColumns, type Instrument, type InstrumentId, type Tick, type Timeframe } from '../../src/shared/domain'

/** Tuesday 2026-11-17 15:00 UTC: 10:00 in New York, half an hour into the regular session. */
const NOW = Date.parse('2026-11-17T15:00:00Z')

function instrument(id: number, symbol: string, isDemo: boolean): Instrument {
  return {
    id: id as InstrumentId,
    symbol,
    name: symbol,
    exchange: isDemo ? 'DEMO' : 'NASDAQ',
    currency: 'USD',
    assetClass: 'stock',
    tickSize: 0.01,
    timeZone: 'America/New_York',
    session: '09:30-16:00',
    isDemo,
  }
}

const ALPHA = instrument(1, 'DEMO-ALPHA', true)
const BRAVO = instrument(2, 'DEMO-BRAVO', true)
const ACME = instrument(3, 'ACME', false)
const BY_ID = new Map([ALPHA, BRAVO, ACME].map((i) => [i.id, i]))

function setup(startMs = NOW) {
  const clock = new ManualClock(startMs)
  const scheduler = new ManualScheduler(clock)
  const feed = new DemoTickFeed({
    clock,
    scheduler,
    seed: 99,
    instruments: [
      { instrumentId: ALPHA.id, symbol: ALPHA.symbol, tickSize: 0.01, startPrice: 48.12 },
      { instrumentId: BRAVO.id, symbol: BRAVO.symbol, tickSize: 0.01, startPrice: 21.4 },
    ],
  })
  const events: Array<{ at: number; event: LiveBarsEvent }> = []
  const service = new LiveBarService({
    instruments: { get: (id) => BY_ID.get(id) },
    sourceFor: (i) => (i.isDemo ? feed : null),
    scheduler,
    clock,
    logger: silentLogger,
    emit: (event) => events.push({ at: clock.now(), event }),
  })
  /** Every tick the feed prints for an instrument, heard beside the service. */
  const tape = (id: InstrumentId): Tick[] => {
    const ticks: Tick[] = []
    feed.subscribe(id, (t) => ticks.push(t))
    return ticks
  }
  return { clock, scheduler, feed, service, events, tape }
}

function toColumns(ticks: readonly Tick[]) {
  return {
    time: Float64Array.from(ticks, (t) => t.time),
    price: Float64Array.from(ticks, (t) => t.price),
    size: Float64Array.from(ticks, (t) => t.size),
    conditions: Uint32Array.from(ticks, (t) => t.conditions),
  }
}

/** Replays a subscription's events into the bars a chart would show: a bar with a known time is replaced. */
function replay(events: readonly LiveBarsEvent[]): BarColumns {
  const byTime = new Map<number, number[]>()
  for (const { bars } of events) {
    for (let i = 0; i < bars.time.length; i++) byTime.set(bars.time[i]!, BAR_FIELDS.map((f) => bars[f][i]!))
  }
  const rows = [...byTime.values()]
  const out = allocateBars(rows.length)
  rows.forEach((row, i) => BAR_FIELDS.forEach((f, k) => (out[f][i] = row[k]!)))
  return out
}

function expectBitIdentical(actual: BarColumns, expected: BarColumns): void {
  for (const field of BAR_FIELDS) {
    const a = Buffer.from(actual[field].buffer, actual[field].byteOffset, actual[field].byteLength)
    const b = Buffer.from(expected[field].buffer, expected[field].byteOffset, expected[field].byteLength)
    expect(a.equals(b), field).toBe(true)
  }
}

describe('LiveBarService', () => {
  it.each<[Timeframe, number]>([
    ['1m', 20 * 60_000],
    ['5m', 40 * 60_000],
    ['1h', 3 * 3_600_000],
    ['1D', 7 * 3_600_000],
    ['1W', 7 * 3_600_000],
  ])("streams %s bars that equal aggregating the same ticks in one batch", (timeframe, ms) => {
    const { scheduler, service, events, tape } = setup()
    const ticks = tape(ALPHA.id)
    const { subscriptionId } = service.subscribe(ALPHA.id, timeframe)
    scheduler.advance(ms)
    expect(ticks.length).toBeGreaterThan(100)
    const live = replay(events.filter((e) => e.event.subscriptionId === subscriptionId).map((e) => e.event))
    const batch = aggregateTicks(toColumns(ticks), liveBarSpec(ALPHA, timeframe, NOW / 1000))
    expect(live.time.length).toBeGreaterThan(0)
    expectBitIdentical(live, batch)
  })

  it('aligns intraday bars with the session open and daily bars with the session date, regular hours only', () => {
    const { scheduler, service, events } = setup(Date.parse('2026-11-17T20:30:00Z'))
    service.subscribe(ALPHA.id, '1h')
    service.subscribe(ALPHA.id, '1D')
    scheduler.advance(3_600_000)
    const hourly = replay(events.filter((e) => e.event.timeframe === '1h').map((e) => e.event))
    // 15:30 and 16:30 New York (EST): hourly buckets from the 09:30 open.
    expect(Array.from(hourly.time, (t) => new Date(t * 1000).toISOString())).toEqual(['2026-11-17T20:30:00.000Z', '2026-11-17T21:30:00.000Z'])
    const daily = replay(events.filter((e) => e.event.timeframe === '1D').map((e) => e.event))
    expect(Array.from(daily.time, (t) => new Date(t * 1000).toISOString())).toEqual(['2026-11-17T00:00:00.000Z'])
    // The daily bar stopped at the 16:00 close (21:00 UTC): no event after it.
    const lastDaily = events.filter((e) => e.event.timeframe === '1D').at(-1)!
    expect(lastDaily.at).toBeLessThanOrEqual(Date.parse('2026-11-17T21:00:00.100Z'))
  })

  it('batches: at most one event per subscription every 100 ms, carrying all its changed bars with the forming one last', () => {
    const { scheduler, service, events, tape } = setup()
    const ticks = tape(ALPHA.id)
    const one = service.subscribe(ALPHA.id, '1m').subscriptionId
    const two = service.subscribe(BRAVO.id, '1m').subscriptionId
    scheduler.advance(5 * 60_000)
    for (const id of [one, two]) {
      const times = events.filter((e) => e.event.subscriptionId === id).map((e) => e.at)
      expect(times.length).toBeGreaterThan(100)
      expect(new Set(times).size).toBe(times.length)
      for (const t of times) expect((t - NOW) % LIVE_BATCH_INTERVAL_MS).toBe(0)
    }
    const alphaEvents = events.filter((e) => e.event.subscriptionId === one)
    expect(alphaEvents.length).toBeLessThan(ticks.length)
    // Each minute's bar closes in the event that also carries the next minute's first tick.
    const closing = alphaEvents.filter((e) => e.event.bars.time.length === 2)
    expect(closing.length).toBe(replay(alphaEvents.map((e) => e.event)).time.length - 1)
    for (const { event } of closing) expect(event.bars.time[1]! - event.bars.time[0]!).toBe(60)
    for (const { event } of alphaEvents) expect(event).toMatchObject({ instrumentId: ALPHA.id, timeframe: '1m' })
  })

  it('stops events, and every timer, when the last subscription ends', () => {
    const { scheduler, service, events } = setup()
    const a = service.subscribe(ALPHA.id, '1m').subscriptionId
    const b = service.subscribe(ALPHA.id, '5m').subscriptionId
    scheduler.advance(2_000)
    expect(service.unsubscribe(a)).toBe(true)
    const before = events.length
    scheduler.advance(2_000)
    expect(events.slice(before).every((e) => e.event.subscriptionId === b)).toBe(true)
    expect(service.unsubscribe(b)).toBe(true)
    expect(service.unsubscribe(b)).toBe(false)
    const after = events.length
    scheduler.advance(10_000)
    expect(events.length).toBe(after)
    expect(scheduler.activeTasks).toBe(0)
  })

  it('refuses a non-demo instrument: live data needs a broker connection', () => {
    const { service, scheduler } = setup()
    expect(() => service.subscribe(ACME.id, '1m')).toThrow(EngineError)
    expect(() => service.subscribe(ACME.id, '1m')).toThrow('ACME has no live bars: live data needs a broker connection, which is not configured yet.')
    expect(() => service.subscribe(77 as InstrumentId, '1m')).toThrow('No instrument with id 77.')
    expect(service.size).toBe(0)
    expect(scheduler.activeTasks).toBe(0)
  })

  it('dispose ends every subscription', () => {
    const { service, scheduler } = setup()
    service.subscribe(ALPHA.id, '1m')
    service.subscribe(BRAVO.id, '1D')
    service.dispose()
    expect(service.size).toBe(0)
    expect(scheduler.activeTasks).toBe(0)
  })
})
