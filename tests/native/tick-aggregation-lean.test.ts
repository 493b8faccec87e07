import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { inflateRawSync } from 'node:zlib'
import { DateTime } from 'luxon'
import { beforeAll, describe, expect, it } from 'vitest'
import { aggregateTicks } from '../../src/main/native'
import type { TickColumns } from '../../src/shared/domain'

/**
 * Real SPY trade prints (QuantConnect LEAN sample data, AlgoSeek, all rights reserved: private
 * validation only) from the shared data folder next to the repository; nothing of it is copied
 * here, and the suite skips when the folder is absent. See its PROVENANCE.md for the formats.
 */
const DATA = fileURLToPath(new URL('../../../shared/data/lean-spy-ticks-minute-daily', import.meta.url))
const DAYS = ['20131007', '20131008', '20131009', '20131010', '20131011']
/** LEAN TradeConditionFlags: average-price and derivatively-priced prints, which vendor bars leave out of prices. */
const AVERAGE_PRICE = 0x10_0000
const DERIVATIVELY_PRICED = 0x200

/** The first file of a zip archive, read through its central directory (stored or deflated). */
function unzipFirstFile(path: string): string {
  const zip = readFileSync(path)
  let end = zip.length - 22
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--
  if (end < 0) throw new Error(`${path} is not a zip archive`)
  const entry = zip.readUInt32LE(end + 16)
  const method = zip.readUInt16LE(entry + 10)
  const size = zip.readUInt32LE(entry + 20)
  const local = zip.readUInt32LE(entry + 42)
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
  const data = zip.subarray(start, start + size)
  return (method === 0 ? data : inflateRawSync(data)).toString('utf8')
}

function csvRows(path: string): string[][] {
  return unzipFirstFile(path)
    .trim()
    .split('\n')
    .map((line) => line.split(','))
}

interface VendorMinute {
  readonly time: number
  /** Open, high, low, close in deci-cents, and volume, as the vendor wrote them. */
  readonly ohlcv: readonly number[]
}

interface Day {
  readonly date: string
  readonly ticks: Required<TickColumns>
  readonly minutes: readonly VendorMinute[]
}

/** Ticks in epoch seconds (times are milliseconds after New York midnight), without the vendor's suspicious prints. */
function loadDay(date: string): Day {
  const midnight = DateTime.fromISO(date, { zone: 'America/New_York' }).toSeconds()
  const prints = csvRows(`${DATA}/tick/spy_${date}_trade.zip`).filter((r) => r[5]?.trim() === '0')
  const ticks = {
    time: Float64Array.from(prints, (r) => midnight + Number(r[0]) / 1000),
    price: Float64Array.from(prints, (r) => Number(r[1]) / 10_000),
    size: Float64Array.from(prints, (r) => Number(r[2])),
    conditions: Uint32Array.from(prints, (r) => parseInt(r[4] ?? '0', 16)),
  }
  const minutes = csvRows(`${DATA}/minute/spy_${date}_trade.zip`).map((r) => {
    const [ms, ...ohlcv] = r.map(Number)
    return { time: midnight + (ms ?? 0) / 1000, ohlcv }
  })
  return { date, ticks, minutes }
}

interface Agreement {
  readonly vendorMinutes: number
  readonly ourMinutes: number
  /** Vendor minutes we also have, with the same volume. */
  readonly timeAndVolume: number
  readonly sameTimes: number
  /** Vendor minutes whose open, high, low and close we match to the deci-cent. */
  readonly prices: number
}

function compare(day: Day, excludedConditions = 0): Agreement {
  const bars = aggregateTicks(day.ticks, { type: 'time', periodSeconds: 60, excludedConditions })
  const ours = new Map(Array.from(bars.time, (t, i) => [t, i]))
  let timeAndVolume = 0
  let sameTimes = 0
  let prices = 0
  const deciCents = (x: number | undefined): number => Math.round((x ?? Number.NaN) * 10_000)
  for (const { time, ohlcv } of day.minutes) {
    const i = ours.get(time)
    if (i === undefined) continue
    sameTimes++
    if (bars.volume[i] === ohlcv[4]) timeAndVolume++
    const mine = [deciCents(bars.open[i]), deciCents(bars.high[i]), deciCents(bars.low[i]), deciCents(bars.close[i])]
    if (mine.every((v, k) => v === ohlcv[k])) prices++
  }
  return { vendorMinutes: day.minutes.length, ourMinutes: bars.time.length, timeAndVolume, sameTimes, prices }
}

describe.skipIf(!existsSync(DATA))('minute bars from real SPY ticks (LEAN sample data, when present)', () => {
  let days: Day[] = []

  beforeAll(() => {
    days = DAYS.map(loadDay)
  })

  it('agree with the vendor minute bars on time and volume for more than 99% of minutes', () => {
    let vendor = 0
    let agreed = 0
    for (const day of days) {
      const a = compare(day)
      expect(a.ourMinutes, day.date).toBe(a.vendorMinutes)
      expect(a.sameTimes, day.date).toBe(a.vendorMinutes)
      // A few minutes per day differ in volume where the vendor handles the opening cross its own way.
      expect(a.timeAndVolume / a.vendorMinutes, day.date).toBeGreaterThan(0.98)
      vendor += a.vendorMinutes
      agreed += a.timeAndVolume
    }
    expect(agreed / vendor).toBeGreaterThan(0.99)
  })

  it('get closer to the vendor prices when average-price and derivatively-priced prints are excluded', () => {
    for (const day of days) {
      const all = compare(day)
      const filtered = compare(day, AVERAGE_PRICE | DERIVATIVELY_PRICED)
      expect(all.prices / all.vendorMinutes, day.date).toBeGreaterThan(0.78)
      expect(filtered.prices, day.date).toBeGreaterThan(all.prices)
    }
  })
})
