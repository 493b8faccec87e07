import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { buildSessionCalendar } from '../../src/main/data'
import { aggregateTicks, aggregateTicksAsync, createBarBuilder, NativeCancelledError, readBandwidthProbe } from '../../src/main/native'
import { type AggregationSpec, allocateBars, BAR_FIELDS, type BarColumns, type SessionCalendar, type TickColumns } from '../../src/shared/domain'
import { mulberry32 } from '../support/seeded-bars'

/** 2024-01-03T09:30:00Z, a Wednesday. */
const START = 1_704_274_200
const ODD_LOT = 0x1
const OUT_OF_SEQUENCE = 0x20
const AVERAGE_PRICE = 0x10_0000

interface SeededTickOptions {
  readonly start?: number
  /** Mean seconds between prints (default 0.5); a fifth of prints share the previous print's time. */
  readonly meanGap?: number
}

/**
 * A seeded tape: prices on a cent grid, sizes mostly round lots with odd lots, some fractional
 * sizes and a few blocks, condition flags on some prints, and now and then a gap of hours so
 * some buckets are empty.
 */
function seededTicks(seed: number, count: number, options: SeededTickOptions = {}): Required<TickColumns> {
  const { start = START, meanGap = 0.5 } = options
  const random = mulberry32(seed)
  const ticks = { time: new Float64Array(count), price: new Float64Array(count), size: new Float64Array(count), conditions: new Uint32Array(count) }
  let t = start
  let cents = 10_000
  for (let i = 0; i < count; i++) {
    if (i > 0 && random() >= 0.2) t += random() < 0.001 ? 3600 * (1 + Math.floor(random() * 12)) : -Math.log(1 - random()) * meanGap
    cents = Math.max(1, cents + Math.round((random() - 0.5) * 7))
    const kind = random()
    ticks.time[i] = t
    ticks.price[i] = cents / 100
    ticks.size[i] = kind < 0.25 ? 1 + Math.floor(random() * 99) : kind < 0.3 ? random() * 3 + 0.001 : kind < 0.98 ? 100 * (1 + Math.floor(random() * 5)) : 10_000
    const flags = random()
    ticks.conditions[i] = flags < 0.1 ? ODD_LOT : flags < 0.13 ? OUT_OF_SEQUENCE : flags < 0.15 ? AVERAGE_PRICE | OUT_OF_SEQUENCE : 0
  }
  return ticks
}

function ticksOf(rows: ReadonlyArray<readonly [number, number, number, number?]>): Required<TickColumns> {
  return {
    time: Float64Array.from(rows, (r) => r[0]),
    price: Float64Array.from(rows, (r) => r[1]),
    size: Float64Array.from(rows, (r) => r[2]),
    conditions: Uint32Array.from(rows, (r) => r[3] ?? 0),
  }
}

function barsOf(rows: ReadonlyArray<readonly [number, number, number, number, number, number]>): BarColumns {
  const bars = allocateBars(rows.length)
  rows.forEach((row, i) => BAR_FIELDS.forEach((field, f) => (bars[field][i] = row[f] as number)))
  return bars
}

function expectSameBars(actual: BarColumns, expected: BarColumns): void {
  for (const field of BAR_FIELDS) {
    expect(actual[field], field).toBeInstanceOf(Float64Array)
    expect(Array.from(actual[field]), field).toEqual(Array.from(expected[field]))
  }
}

/** Byte for byte: NaN payloads, -0 and the last bit of every sum included. */
function expectBitIdentical(actual: BarColumns, expected: BarColumns): void {
  for (const field of BAR_FIELDS) {
    const a = Buffer.from(actual[field].buffer, actual[field].byteOffset, actual[field].byteLength)
    const b = Buffer.from(expected[field].buffer, expected[field].byteOffset, expected[field].byteLength)
    expect(a.equals(b), `${field}: ${actual[field].length} vs ${expected[field].length} bars`).toBe(true)
  }
}

function concatBars(parts: readonly BarColumns[]): BarColumns {
  const total = parts.reduce((n, p) => n + p.time.length, 0)
  const out = allocateBars(total)
  let at = 0
  for (const part of parts) {
    for (const field of BAR_FIELDS) out[field].set(part[field], at)
    at += part.time.length
  }
  return out
}

/** Pushes the ticks one at a time from JS and collects every closed bar, then the flushed one. */
function streamTicks(ticks: TickColumns, spec: AggregationSpec): BarColumns {
  const builder = createBarBuilder(spec)
  const parts: BarColumns[] = []
  for (let i = 0; i < ticks.time.length; i++) {
    const { closed } = builder.push(ticks.time[i]!, ticks.price[i]!, ticks.size[i]!, ticks.conditions?.[i] ?? 0)
    if (closed) parts.push(closed)
  }
  parts.push(builder.flush())
  return concatBars(parts)
}

/** Two made-up trading days: sessions 1000–2000 and 87400–88400 with regular hours inside. */
const TWO_DAYS: SessionCalendar = {
  barTime: new Float64Array([0, 86_400]),
  sessionStart: new Float64Array([1000, 87_400]),
  sessionEnd: new Float64Array([2000, 88_400]),
  regularOpen: new Float64Array([1200, 87_600]),
  regularClose: new Float64Array([1800, 88_200]),
}

/** New York sessions (04:00–20:00, regular 09:30–16:00) around the 2024 spring DST change. */
const NEW_YORK_MARCH = buildSessionCalendar({ timeZone: 'America/New_York', regularHours: '09:30-16:00', extendedHours: '04:00-20:00', from: '2024-03-04', to: '2024-03-15' })

describe('aggregateTicks: time bars', () => {
  it('builds one-minute bars from a hand-computed tape', () => {
    const ticks = ticksOf([
      [0, 1, 1],
      [10, 3, 2],
      [59.5, 2, 3],
      [60, 5, 4],
      [61, 4, 5],
      [130, 6, 6],
    ])
    expectSameBars(
      aggregateTicks(ticks, { type: 'time', periodSeconds: 60 }),
      barsOf([
        [0, 1, 3, 1, 2, 6],
        [60, 5, 5, 4, 4, 9],
        [120, 6, 6, 6, 6, 6],
      ]),
    )
  })

  it('puts a tick a microsecond before the boundary in the earlier bucket and one at it in the later', () => {
    const boundary = START + 30
    const ticks = ticksOf([
      [boundary - 1e-6, 1, 1],
      [boundary, 2, 1],
      [boundary + 0.999999, 3, 1],
    ])
    expectSameBars(aggregateTicks(ticks, { type: 'time', periodSeconds: 60, anchorSeconds: 30 }), barsOf([[boundary - 60, 1, 1, 1, 1, 1], [boundary, 2, 3, 2, 3, 2]]))
  })

  it('stamps hourly bars from the anchor and leaves empty hours out', () => {
    const ticks = ticksOf([
      [1799, 10, 1],
      [1800, 11, 1],
      [5399, 9, 1],
      [12_600, 12, 1],
    ])
    expectSameBars(
      aggregateTicks(ticks, { type: 'time', periodSeconds: 3600, anchorSeconds: 1800 }),
      barsOf([
        [-1800, 10, 10, 10, 10, 1],
        [1800, 11, 11, 9, 9, 2],
        [12_600, 12, 12, 12, 12, 1],
      ]),
    )
  })

  it('builds daily and multi-day buckets', () => {
    const ticks = ticksOf([
      [0, 1, 1],
      [86_399.5, 2, 1],
      [86_400, 3, 1],
      [3 * 86_400, 4, 1],
    ])
    expect(Array.from(aggregateTicks(ticks, { type: 'time', periodSeconds: 86_400 }).time)).toEqual([0, 86_400, 3 * 86_400])
    expect(Array.from(aggregateTicks(ticks, { type: 'time', periodSeconds: 2 * 86_400 }).volume)).toEqual([3, 1])
  })

  it('allows several prints at the same time', () => {
    const ticks = ticksOf([
      [5, 1, 1],
      [5, 2, 1],
      [5, 0.5, 1],
    ])
    expectSameBars(aggregateTicks(ticks, { type: 'time', periodSeconds: 60 }), barsOf([[0, 1, 2, 0.5, 0.5, 3]]))
  })

  it('ignores prints whose conditions match the excluded mask, price and volume alike', () => {
    const ticks = ticksOf([
      [0, 10, 100],
      [1, 99, 5, ODD_LOT],
      [2, 11, 100, 0x2000],
      [3, 1, 7, AVERAGE_PRICE | 0x2000],
      [61, 50, 1, ODD_LOT],
    ])
    const spec: AggregationSpec = { type: 'time', periodSeconds: 60, excludedConditions: ODD_LOT | AVERAGE_PRICE }
    expectSameBars(aggregateTicks(ticks, spec), barsOf([[0, 10, 11, 10, 11, 200]]))
    const builder = createBarBuilder(spec)
    for (let i = 0; i < ticks.time.length; i++) builder.push(ticks.time[i]!, ticks.price[i]!, ticks.size[i]!, ticks.conditions[i]!)
    expect(builder.ignoredTicks()).toEqual({ byCondition: 3, outsideSessions: 0 })
  })

  it('treats absent conditions as no flags', () => {
    const { conditions: _conditions, ...plain } = ticksOf([
      [0, 1, 1, ODD_LOT],
      [1, 2, 1, ODD_LOT],
    ])
    expectSameBars(aggregateTicks(plain, { type: 'time', periodSeconds: 60, excludedConditions: ODD_LOT }), barsOf([[0, 1, 2, 1, 2, 2]]))
  })

  it('reads subarray views from their own offset', () => {
    const all = seededTicks(3, 5000)
    const view = { time: all.time.subarray(1000, 4000), price: all.price.subarray(1000, 4000), size: all.size.subarray(1000, 4000) }
    const copy = { time: view.time.slice(), price: view.price.slice(), size: view.size.slice() }
    expectBitIdentical(aggregateTicks(view, { type: 'time', periodSeconds: 60 }), aggregateTicks(copy, { type: 'time', periodSeconds: 60 }))
  })

  it('returns empty columns for no ticks', () => {
    expectSameBars(aggregateTicks(ticksOf([]), { type: 'time', periodSeconds: 60 }), allocateBars(0))
  })
})

describe('aggregateTicks: volume bars', () => {
  it('splits a print that overflows its bar so every bar holds exactly the target', () => {
    const ticks = ticksOf([
      [0, 1, 1],
      [10, 3, 2],
      [59.5, 2, 3],
      [60, 5, 4],
      [61, 4, 5],
      [130, 6, 6],
    ])
    // 1+2 and 1 of the 3 fill bar one; the other 2 and 2 of the 4 fill bar two; and so on. The
    // last print fills its bar with 1, a whole bar of 4 at its price, and opens a bar with 1.
    expectSameBars(
      aggregateTicks(ticks, { type: 'volume', volumePerBar: 4 }),
      barsOf([
        [0, 1, 3, 1, 2, 4],
        [59.5, 2, 5, 2, 5, 4],
        [60, 5, 5, 4, 4, 4],
        [61, 4, 6, 4, 6, 4],
        [130, 6, 6, 6, 6, 4],
        [130, 6, 6, 6, 6, 1],
      ]),
    )
  })

  it('closes a bar as soon as it is full, so the next print opens a new one', () => {
    const builder = createBarBuilder({ type: 'volume', volumePerBar: 10 })
    expect(builder.push(0, 5, 4)).toEqual({ closed: null, partial: { time: 0, open: 5, high: 5, low: 5, close: 5, volume: 4 } })
    const filled = builder.push(1, 6, 6)
    expectSameBars(filled.closed!, barsOf([[0, 5, 6, 5, 6, 10]]))
    expect(filled.partial).toBeNull()
    expect(builder.push(2, 7, 1).partial).toEqual({ time: 2, open: 7, high: 7, low: 7, close: 7, volume: 1 })
  })

  it('does not leave a sliver bar when fractional sizes sum to the target with rounding error', () => {
    const ticks = ticksOf([
      [0, 1, 0.1],
      [1, 1, 0.2],
      [2, 2, 0.3],
    ])
    expectSameBars(aggregateTicks(ticks, { type: 'volume', volumePerBar: 0.3 }), barsOf([[0, 1, 1, 1, 1, 0.3], [2, 2, 2, 2, 2, 0.3]]))
  })

  it('refuses a print that would fill more than 2^20 bars, naming it', () => {
    const ticks = ticksOf([
      [0, 1, 1],
      [1, 1, 2 ** 21],
    ])
    expect(() => aggregateTicks(ticks, { type: 'volume', volumePerBar: 1 })).toThrow('ticks.size[1] = 2097152 would fill more than 2^20 bars of 1')
    expect(() => createBarBuilder({ type: 'volume', volumePerBar: 1 }).push(0, 1, 2 ** 21)).toThrow(RangeError)
  })
})

describe('aggregateTicks: range bars', () => {
  it('starts a new bar when a print would stretch the bar beyond the range', () => {
    const ticks = ticksOf([
      [0, 1, 1],
      [10, 3, 2],
      [59.5, 2, 3],
      [60, 5, 4],
      [61, 4, 5],
      [130, 6, 6],
      [131, 3.5, 1],
    ])
    // 1..3 spans 2 = R and stays; 5 would span 4; 4..6 spans 2; 3.5 would span 2.5.
    expectSameBars(
      aggregateTicks(ticks, { type: 'range', range: 2 }),
      barsOf([
        [0, 1, 3, 1, 2, 6],
        [60, 5, 6, 4, 6, 15],
        [131, 3.5, 3.5, 3.5, 3.5, 1],
      ]),
    )
  })

  it('keeps a span of exactly the range in one bar despite binary rounding', () => {
    const ticks = ticksOf([
      [0, 100, 1],
      [1, 100.03, 1],
      [2, 100.01, 1],
      [3, 100.04, 1],
    ])
    expectSameBars(aggregateTicks(ticks, { type: 'range', range: 0.03 }), barsOf([[0, 100, 100.03, 100, 100.01, 3], [3, 100.04, 100.04, 100.04, 100.04, 1]]))
  })

  it('opens the next bar at a gapping print without filling the gap', () => {
    const bars = aggregateTicks(ticksOf([[0, 10, 1], [1, 20, 1]]), { type: 'range', range: 1 })
    expectSameBars(bars, barsOf([[0, 10, 10, 10, 10, 1], [1, 20, 20, 20, 20, 1]]))
  })
})

describe('aggregateTicks: session bars', () => {
  const tape = ticksOf([
    [900, 1, 1],
    [1100, 2, 1],
    [1300, 3, 1],
    [1900, 4, 1],
    [2500, 5, 1],
    [87_500, 6, 1],
    [87_700, 7, 1],
    [90_000, 8, 1],
  ])

  it('assigns each tick to the trading day whose session holds it, extended hours included', () => {
    expectSameBars(aggregateTicks(tape, { type: 'session', calendar: TWO_DAYS }), barsOf([[0, 2, 4, 2, 4, 3], [86_400, 6, 7, 6, 7, 2]]))
  })

  it('keeps only regular-hours ticks when asked', () => {
    expectSameBars(aggregateTicks(tape, { type: 'session', calendar: TWO_DAYS, regularHoursOnly: true }), barsOf([[0, 3, 3, 3, 3, 1], [86_400, 7, 7, 7, 7, 1]]))
    const builder = createBarBuilder({ type: 'session', calendar: TWO_DAYS, regularHoursOnly: true })
    for (let i = 0; i < tape.time.length; i++) builder.push(tape.time[i]!, tape.price[i]!, tape.size[i]!)
    expect(builder.ignoredTicks()).toEqual({ byCondition: 0, outsideSessions: 6 })
  })

  it('joins days that share a bar time into one bar', () => {
    const weekly: SessionCalendar = { ...TWO_DAYS, barTime: new Float64Array([0, 0]) }
    expectSameBars(aggregateTicks(tape, { type: 'session', calendar: weekly }), barsOf([[0, 2, 7, 2, 7, 5]]))
  })

  it('follows New York across the spring DST change: the regular session opens at 14:30 UTC before it and 13:30 UTC after', () => {
    // A print every minute from Friday 2024-03-08 00:00 UTC to Tuesday 2024-03-12 24:00 UTC; DST began Sunday the 10th.
    const from = Date.UTC(2024, 2, 8) / 1000
    const minutes = 5 * 1440
    const ticks = {
      time: Float64Array.from({ length: minutes }, (_, m) => from + m * 60),
      price: Float64Array.from({ length: minutes }, (_, m) => m),
      size: new Float64Array(minutes).fill(1),
    }
    const priceAt = (iso: string): number => (Date.parse(iso) / 1000 - from) / 60
    const regular = aggregateTicks(ticks, { type: 'session', calendar: NEW_YORK_MARCH, regularHoursOnly: true })
    expect(Array.from(regular.time, (t) => new Date(t * 1000).toISOString().slice(0, 10))).toEqual(['2024-03-08', '2024-03-11', '2024-03-12'])
    expect(Array.from(regular.open)).toEqual([priceAt('2024-03-08T14:30:00Z'), priceAt('2024-03-11T13:30:00Z'), priceAt('2024-03-12T13:30:00Z')])
    expect(Array.from(regular.close)).toEqual([priceAt('2024-03-08T20:59:00Z'), priceAt('2024-03-11T19:59:00Z'), priceAt('2024-03-12T19:59:00Z')])
    expect(Array.from(regular.volume)).toEqual([390, 390, 390])

    // Extended hours end at 20:00 New York, after midnight UTC: the first hour belongs to Thursday.
    const extended = aggregateTicks(ticks, { type: 'session', calendar: NEW_YORK_MARCH })
    expect(Array.from(extended.time, (t) => new Date(t * 1000).toISOString().slice(0, 10))).toEqual(['2024-03-07', '2024-03-08', '2024-03-11', '2024-03-12'])
    expect(Array.from(extended.open)).toEqual([0, priceAt('2024-03-08T09:00:00Z'), priceAt('2024-03-11T08:00:00Z'), priceAt('2024-03-12T08:00:00Z')])
    expect(Array.from(extended.close)).toEqual([59, priceAt('2024-03-09T00:59:00Z'), priceAt('2024-03-11T23:59:00Z'), priceAt('2024-03-12T23:59:00Z')])
    expect(Array.from(extended.volume)).toEqual([60, 960, 960, 960])
  })

  it('agrees with classifying each tick by its New York wall-clock time, with extended hours on and off', () => {
    const ticks = seededTicks(11, 25_000, { start: Date.UTC(2024, 2, 7) / 1000, meanGap: 30 })
    for (const regularHoursOnly of [false, true]) {
      const expected = new Map<string, number>()
      for (let i = 0; i < ticks.time.length; i++) {
        const local = DateTime.fromSeconds(ticks.time[i]!, { zone: 'America/New_York' })
        const minute = local.hour * 60 + local.minute
        const inSession = regularHoursOnly ? minute >= 570 && minute < 960 : minute >= 240 && minute < 1200
        if (local.weekday <= 5 && inSession && local.toISODate()! <= '2024-03-15') expected.set(local.toISODate()!, (expected.get(local.toISODate()!) ?? 0) + ticks.size[i]!)
      }
      const bars = aggregateTicks(ticks, { type: 'session', calendar: NEW_YORK_MARCH, regularHoursOnly })
      const actual = new Map(Array.from(bars.time, (t, i) => [new Date(t * 1000).toISOString().slice(0, 10), bars.volume[i]!]))
      expect([...actual.keys()]).toEqual([...expected.keys()])
      for (const [day, volume] of expected) expect(actual.get(day)).toBeCloseTo(volume, 6)
    }
  })
})

describe('streaming and batch', () => {
  const ticks = seededTicks(20_240_103, 120_000, { start: Date.UTC(2024, 2, 6, 12) / 1000, meanGap: 6 })
  const specs: ReadonlyArray<readonly [string, AggregationSpec]> = [
    ['1-second bars', { type: 'time', periodSeconds: 1 }],
    ['1-minute bars', { type: 'time', periodSeconds: 60 }],
    ['hourly bars from :30 without odd lots', { type: 'time', periodSeconds: 3600, anchorSeconds: 1800, excludedConditions: ODD_LOT }],
    ['5,000-share volume bars', { type: 'volume', volumePerBar: 5000 }],
    ['333.3-unit volume bars without out-of-sequence prints', { type: 'volume', volumePerBar: 333.3, excludedConditions: OUT_OF_SEQUENCE }],
    ['5-cent range bars', { type: 'range', range: 0.05 }],
    ['50-cent range bars without average-price prints', { type: 'range', range: 0.5, excludedConditions: AVERAGE_PRICE }],
    ['session bars with extended hours', { type: 'session', calendar: NEW_YORK_MARCH }],
    ['session bars of regular hours', { type: 'session', calendar: NEW_YORK_MARCH, regularHoursOnly: true, excludedConditions: ODD_LOT }],
    [
      'weekly session bars',
      { type: 'session', calendar: buildSessionCalendar({ timeZone: 'America/New_York', regularHours: '09:30-16:00', from: '2024-03-04', to: '2024-03-29', barPeriod: 'week' }) },
    ],
  ]

  it.each(specs)('pushing ticks one at a time gives bit-identical %s to the batch call', (_name, spec) => {
    const batch = aggregateTicks(ticks, spec)
    expect(batch.time.length).toBeGreaterThan(1)
    expectBitIdentical(streamTicks(ticks, spec), batch)
  })

  it.each(specs)('the async batch gives bit-identical %s too', async (_name, spec) => {
    expectBitIdentical(await aggregateTicksAsync(ticks, spec), aggregateTicks(ticks, spec))
  })

  it('reports the forming bar after every push, and flush closes exactly that bar', () => {
    const builder = createBarBuilder({ type: 'time', periodSeconds: 60 })
    let update = builder.push(0, 1, 1)
    for (let i = 0; i < 1000; i++) update = builder.push(ticks.time[i]! - ticks.time[0]! + 1, ticks.price[i]!, ticks.size[i]!)
    expect(builder.partial()).toEqual(update.partial)
    const flushed = builder.flush()
    expect(flushed.time.length).toBe(1)
    expect({ time: flushed.time[0], open: flushed.open[0], high: flushed.high[0], low: flushed.low[0], close: flushed.close[0], volume: flushed.volume[0] }).toEqual(update.partial)
    expect(builder.partial()).toBeNull()
    expect(builder.flush().time.length).toBe(0)
    expect(() => builder.push(1e6, 1, 1)).toThrow('This bar builder was flushed and takes no more ticks')
  })
})

describe('tick validation', () => {
  const spec: AggregationSpec = { type: 'time', periodSeconds: 60 }

  it('rejects a time before the previous one, naming both, but accepts equal times', () => {
    const ticks = ticksOf([
      [START, 1, 1],
      [START, 1, 1],
      [START - 0.5, 1, 1],
    ])
    expect(() => aggregateTicks(ticks, spec)).toThrow(`ticks.time must not decrease, but ticks.time[2] = ${START - 0.5} (2024-01-03T09:29:59.500Z) is before ticks.time[1] = ${START}`)
    const builder = createBarBuilder(spec)
    builder.push(START, 1, 1)
    builder.push(START, 1, 1)
    expect(() => builder.push(START - 0.5, 1, 1)).toThrow('push ticks in time order')
  })

  it.each([
    ['a zero size', [0, 1, 0], 'ticks.size[1] is 0: every size must be a finite number greater than zero'],
    ['a negative size', [0, 1, -5], 'ticks.size[1] is -5: every size must be a finite number greater than zero'],
    ['a NaN price', [0, Number.NaN, 1], 'ticks.price[1] is NaN: every price must be a finite number'],
    ['an infinite time', [Number.POSITIVE_INFINITY, 1, 1], 'ticks.time[1] is Infinity'],
  ] as const)('rejects %s naming the tick', (_name, bad, message) => {
    const ticks = ticksOf([[0, 1, 1], bad])
    expect(() => aggregateTicks(ticks, spec)).toThrow(message)
    const builder = createBarBuilder(spec)
    builder.push(0, 1, 1)
    expect(() => builder.push(bad[0], bad[1], bad[2])).toThrow(RangeError)
    // The rejected tick left the builder as it was.
    expect(builder.partial()).toEqual({ time: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 })
  })

  it('rejects columns of the wrong type or length, naming the column', () => {
    const good = ticksOf([[0, 1, 1]])
    expect(() => aggregateTicks({ ...good, price: [1] } as unknown as TickColumns, spec)).toThrow(new TypeError('ticks.price must be a Float64Array (got an Array)'))
    expect(() => aggregateTicks({ ...good, size: new Float64Array(2) }, spec)).toThrow('ticks.size has 2 values but ticks.time has 1')
    expect(() => aggregateTicks({ ...good, conditions: new Int32Array(1) } as unknown as TickColumns, spec)).toThrow(
      'ticks.conditions must be a Uint32Array or absent (got a Int32Array)',
    )
    expect(() => aggregateTicks({ ...good, conditions: new Uint32Array(3) }, spec)).toThrow('ticks.conditions has 3 values but ticks.time has 1')
  })

  it.each<[string, AggregationSpec, string]>([
    ['a fractional period', { type: 'time', periodSeconds: 1.5 }, 'spec.periodSeconds must be a positive whole number of seconds (got 1.5)'],
    ['a zero period', { type: 'time', periodSeconds: 0 }, 'spec.periodSeconds must be a positive whole number of seconds'],
    ['a fractional anchor', { type: 'time', periodSeconds: 60, anchorSeconds: 0.5 }, 'spec.anchorSeconds must be a whole number of seconds (got 0.5)'],
    ['a zero volume', { type: 'volume', volumePerBar: 0 }, 'spec.volumePerBar must be a positive number (got 0)'],
    ['an infinite range', { type: 'range', range: Number.POSITIVE_INFINITY }, 'spec.range must be a positive number of price units (got Infinity)'],
    ['a negative condition mask', { type: 'range', range: 1, excludedConditions: -1 }, 'spec.excludedConditions must be a whole number from 0 to 2^32 - 1 (got -1)'],
    ['an unknown type', { type: 'tick' } as unknown as AggregationSpec, `spec.type must be 'time', 'volume', 'range' or 'session' (got "tick")`],
    ['an empty calendar', { type: 'session', calendar: buildEmptyCalendar() }, 'spec.calendar has no trading days'],
    [
      'overlapping days',
      { type: 'session', calendar: { ...TWO_DAYS, sessionStart: new Float64Array([1000, 1500]), regularOpen: new Float64Array([1200, 1500]) } },
      'spec.calendar day 1 starts at 1500',
    ],
    [
      'regular hours outside the session',
      { type: 'session', calendar: { ...TWO_DAYS, regularClose: new Float64Array([2500, 88_200]) } },
      'spec.calendar day 0: regular hours',
    ],
  ])('rejects a spec with %s before any tick', (_name, bad, message) => {
    expect(() => aggregateTicks(ticksOf([]), bad)).toThrow(message)
    expect(() => createBarBuilder(bad)).toThrow(message)
  })

  it('rejects a streamed tick with non-number fields or bad condition flags', () => {
    const builder = createBarBuilder(spec)
    expect(() => builder.push('1' as unknown as number, 1, 1)).toThrow('tick time is "1"')
    expect(() => builder.push(0, 1, 1, 2 ** 32)).toThrow('condition flags must be a whole number from 0 to 2^32 - 1')
    expect(builder.partial()).toBeNull()
  })
})

function buildEmptyCalendar(): SessionCalendar {
  const none = new Float64Array(0)
  return { barTime: none, sessionStart: none, sessionEnd: none, regularOpen: none, regularClose: none }
}

/** Flat prints 10 ms apart: cheap to build in the millions, and long enough a job for several progress reports. */
function bigTape(count: number): TickColumns {
  const time = new Float64Array(count)
  for (let i = 0; i < count; i++) time[i] = START + i * 0.01
  return { time, price: new Float64Array(count).fill(100), size: new Float64Array(count).fill(1) }
}

describe('aggregateTicksAsync', () => {
  const big = bigTape(6_000_000)
  const spec: AggregationSpec = { type: 'time', periodSeconds: 60 }

  it('reports progress that increases and ends at the total', async () => {
    const calls: Array<[number, number]> = []
    await aggregateTicksAsync(big, spec, { onProgress: (done, total) => calls.push([done, total]) })
    const dones = calls.map(([done]) => done)
    // On a loaded machine the job's completion can overtake its queued chunk reports (they cross
    // threads separately), and reports older than the last one are dropped: at least the final one.
    expect(dones.length).toBeGreaterThanOrEqual(1)
    expect(dones).toEqual([...new Set(dones)].sort((a, b) => a - b))
    for (const [, total] of calls) expect(total).toBe(big.time.length)
    expect(calls.at(-1)).toEqual([big.time.length, big.time.length])
  })

  it('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('chart closed')
    const result = aggregateTicksAsync(big, spec, { signal: AbortSignal.abort(reason) })
    await expect(result).rejects.toBeInstanceOf(NativeCancelledError)
    await expect(result).rejects.toMatchObject({ cause: reason })
  })

  it('rejects with NativeCancelledError when aborted from a progress report, before the end', async () => {
    const controller = new AbortController()
    const seen: number[] = []
    const result = aggregateTicksAsync(big, spec, {
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done)
        if (done > 0) controller.abort()
      },
    })
    await expect(result).rejects.toBeInstanceOf(NativeCancelledError)
    expect(Math.max(...seen)).toBeLessThan(big.time.length)
  })

  it('rejects with NativeCancelledError when aborted right after starting', async () => {
    const controller = new AbortController()
    const result = aggregateTicksAsync(big, spec, { signal: controller.signal })
    controller.abort()
    await expect(result).rejects.toBeInstanceOf(NativeCancelledError)
  })

  it('rejects with the error onProgress throws', async () => {
    const failure = new Error('progress bar disposed')
    const result = aggregateTicksAsync(big, spec, {
      onProgress: () => {
        throw failure
      },
    })
    await expect(result).rejects.toBe(failure)
  })

  it('rejects a bad tick naming it', async () => {
    const bad = ticksOf([
      [10, 1, 1],
      [5, 1, 1],
    ])
    await expect(aggregateTicksAsync(bad, spec)).rejects.toThrow('ticks.time[1] = 5 (1970-01-01T00:00:05.000Z) is before ticks.time[0] = 10')
  })
})

describe('readBandwidthProbe', () => {
  it('sums the three columns', () => {
    const ticks = ticksOf([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ])
    expect(readBandwidthProbe(ticks)).toBe(45)
  })
})
