import { DateTime } from 'luxon'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BarColumns } from '../../src/shared/domain'
import { BAR_FIELDS } from '../../src/shared/domain'
import { silentLogger } from '../../src/main/kernel'
import type { Store } from '../../src/main/store'
import type { DemoMarket } from '../../src/main/data'
import { DEMO_EXCHANGE, DEMO_INTRADAY_SESSIONS, generateDemoMarket, lastCompletedSessionDate, seedDemoMarket } from '../../src/main/data'
import { ACME, makeTempDir, openTempStore } from '../store/store-fixture'

const END = '2024-03-28'
const market = generateDemoMarket({ seed: 42, endDate: END })

function series(m: DemoMarket, symbol: string, timeframe: '1D' | '1m'): BarColumns {
  const found = m.bars.find((s) => s.symbol === symbol && s.timeframe === timeframe)
  if (!found) throw new Error(`no ${timeframe} bars for ${symbol}`)
  return found.bars
}

function bytesOf(m: DemoMarket): Buffer {
  return Buffer.concat(m.bars.flatMap((s) => BAR_FIELDS.map((f) => Buffer.from(s.bars[f].buffer, s.bars[f].byteOffset, s.bars[f].byteLength))))
}

const newYork = (seconds: number): DateTime => DateTime.fromSeconds(seconds, { zone: 'America/New_York' })

describe('generateDemoMarket', () => {
  it('makes five instruments that are clearly demo', () => {
    expect(market.instruments).toHaveLength(5)
    for (const spec of market.instruments) {
      expect(spec.symbol).toMatch(/^DEMO-/)
      expect(spec.exchange).toBe(DEMO_EXCHANGE)
      expect(spec.isDemo).toBe(true)
      expect(spec.name).toMatch(/\(synthetic\)$/)
      expect(spec.timeZone).toBe('America/New_York')
      expect(spec.session).toBe('09:30-16:00')
    }
    expect(new Set(market.instruments.map((s) => s.symbol)).size).toBe(5)
  })

  it('gives every instrument daily bars and one-minute bars', () => {
    for (const spec of market.instruments) {
      expect(series(market, spec.symbol, '1D').time.length).toBeGreaterThan(1250)
      expect(series(market, spec.symbol, '1m').time.length).toBe(DEMO_INTRADAY_SESSIONS * 390)
    }
  })

  it('produces byte-identical bars from the same seed', () => {
    expect(bytesOf(generateDemoMarket({ seed: 42, endDate: END })).equals(bytesOf(market))).toBe(true)
  })

  it('produces different bars from a different seed', () => {
    const other = generateDemoMarket({ seed: 43, endDate: END })
    expect(Array.from(series(other, 'DEMO-ALPHA', '1D').close)).not.toEqual(Array.from(series(market, 'DEMO-ALPHA', '1D').close))
    expect(Array.from(series(other, 'DEMO-ALPHA', '1D').time)).toEqual(Array.from(series(market, 'DEMO-ALPHA', '1D').time))
  })

  it('ends at the end date and covers about five years of weekdays', () => {
    const daily = series(market, 'DEMO-INDEX', '1D')
    const first = DateTime.fromSeconds(daily.time[0] as number, { zone: 'utc' })
    const last = DateTime.fromSeconds(daily.time[daily.time.length - 1] as number, { zone: 'utc' })
    expect(last.toISODate()).toBe(END)
    expect(first.toFormat('yyyy-MM-dd') > '2019-03-28').toBe(true)
    expect(first.toFormat('yyyy-MM-dd') <= '2019-04-01').toBe(true)
  })

  it('stamps daily bars with the session date at midnight UTC, weekdays only, ascending', () => {
    for (const s of market.bars.filter((b) => b.timeframe === '1D')) {
      for (let i = 0; i < s.bars.time.length; i++) {
        const t = s.bars.time[i] as number
        expect(t % 86_400).toBe(0)
        expect(DateTime.fromSeconds(t, { zone: 'utc' }).weekday).toBeLessThanOrEqual(5)
        if (i > 0) expect(t).toBeGreaterThan(s.bars.time[i - 1] as number)
      }
    }
  })

  it('keeps high above and low below open and close, all on the 0.01 tick and positive', () => {
    const broken: string[] = []
    const onTick = (p: number): boolean => Math.round(p * 100) / 100 === p
    for (const s of market.bars) {
      const b = s.bars
      for (let i = 0; i < b.time.length; i++) {
        const [o, h, l, c, v] = [b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]] as [number, number, number, number, number]
        const ok = h >= Math.max(o, c) && l <= Math.min(o, c) && l > 0 && [o, h, l, c].every(onTick) && v > 0 && Number.isInteger(v)
        if (!ok) broken.push(`${s.symbol} ${s.timeframe} #${i}: ${o} ${h} ${l} ${c} ${v}`)
      }
    }
    expect(broken).toEqual([])
  })

  it('builds each intraday session’s daily bar from its one-minute bars', () => {
    for (const spec of market.instruments) {
      const daily = series(market, spec.symbol, '1D')
      const minutes = series(market, spec.symbol, '1m')
      const n = daily.time.length
      for (let s = 0; s < DEMO_INTRADAY_SESSIONS; s++) {
        const k = n - DEMO_INTRADAY_SESSIONS + s
        const from = s * 390
        const to = from + 390
        const date = newYork(minutes.time[from] as number).toISODate()
        expect(date).toBe(DateTime.fromSeconds(daily.time[k] as number, { zone: 'utc' }).toISODate())
        expect(daily.open[k]).toBe(minutes.open[from])
        expect(daily.close[k]).toBe(minutes.close[to - 1])
        expect(daily.high[k]).toBe(Math.max(...minutes.high.subarray(from, to)))
        expect(daily.low[k]).toBe(Math.min(...minutes.low.subarray(from, to)))
        expect(daily.volume[k]).toBe(minutes.volume.subarray(from, to).reduce((a, b) => a + b, 0))
      }
    }
  })

  it('places one-minute bars at 09:30 to 15:59 New York time, a minute apart', () => {
    const minutes = series(market, 'DEMO-BRAVO', '1m')
    for (let s = 0; s < DEMO_INTRADAY_SESSIONS; s++) {
      const open = newYork(minutes.time[s * 390] as number)
      const last = newYork(minutes.time[s * 390 + 389] as number)
      expect(open.toFormat('HH:mm')).toBe('09:30')
      expect(last.toFormat('HH:mm')).toBe('15:59')
      expect(open.weekday).toBeLessThanOrEqual(5)
    }
    for (let i = 1; i < minutes.time.length; i++) expect(minutes.time[i]).toBeGreaterThan(minutes.time[i - 1] as number)
  })

  it('opens a March session after the US clock change at 13:30 UTC', () => {
    const minutes = series(market, 'DEMO-ALPHA', '1m')
    const lastOpen = DateTime.fromSeconds(minutes.time[minutes.time.length - 390] as number, { zone: 'utc' })
    expect(lastOpen.toISODate()).toBe(END)
    expect(lastOpen.toFormat('HH:mm')).toBe('13:30')
  })

  it('opens a January session at 14:30 UTC', () => {
    const january = generateDemoMarket({ seed: 42, endDate: '2024-01-31' })
    const minutes = series(january, 'DEMO-ALPHA', '1m')
    for (let s = 0; s < DEMO_INTRADAY_SESSIONS; s++) {
      expect(DateTime.fromSeconds(minutes.time[s * 390] as number, { zone: 'utc' }).toFormat('HH:mm')).toBe('14:30')
    }
  })

  it('opens at 14:30 UTC before the March clock change and 13:30 UTC after it within one window', () => {
    const spanning = generateDemoMarket({ seed: 42, endDate: '2024-03-22' })
    const opens = new Map<string, string>()
    const minutes = series(spanning, 'DEMO-ALPHA', '1m')
    for (let s = 0; s < DEMO_INTRADAY_SESSIONS; s++) {
      const open = DateTime.fromSeconds(minutes.time[s * 390] as number, { zone: 'utc' })
      opens.set(open.toFormat('yyyy-MM-dd'), open.toFormat('HH:mm'))
    }
    expect(opens.get('2024-03-08')).toBe('14:30')
    expect(opens.get('2024-03-11')).toBe('13:30')
  })

  it('gives the instruments different characters', () => {
    const dailyVolatility = (symbol: string): number => {
      const c = series(market, symbol, '1D').close
      const r: number[] = []
      for (let i = 1; i < c.length; i++) r.push(Math.log((c[i] as number) / (c[i - 1] as number)))
      const mean = r.reduce((a, b) => a + b, 0) / r.length
      return Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / r.length)
    }
    expect(dailyVolatility('DEMO-BRAVO')).toBeGreaterThan(2 * dailyVolatility('DEMO-INDEX'))
    expect(dailyVolatility('DEMO-BRAVO')).toBeGreaterThan(2 * dailyVolatility('DEMO-ALPHA'))
  })

  it('keeps the trender rising, the retailer falling and the utility near its level, whatever the seed', () => {
    for (const seed of [1, 2, 3, 42, 20_260_101]) {
      const m = generateDemoMarket({ seed, endDate: END })
      const growth = (symbol: string): number => {
        const d = series(m, symbol, '1D')
        return Math.log((d.close[d.close.length - 1] as number) / (d.open[0] as number))
      }
      expect(growth('DEMO-ALPHA'), `seed ${seed}`).toBeGreaterThan(0.5)
      expect(growth('DEMO-DELTA'), `seed ${seed}`).toBeLessThan(0)
      expect(Math.abs(growth('DEMO-CHARLIE')), `seed ${seed}`).toBeLessThan(0.35)
    }
  })

  it('refuses an end date that is not YYYY-MM-DD', () => {
    expect(() => generateDemoMarket({ seed: 1, endDate: '2024-02-30' })).toThrow(/YYYY-MM-DD/)
    expect(() => generateDemoMarket({ seed: 1, endDate: 'yesterday' })).toThrow(/YYYY-MM-DD/)
  })
})

describe('seedDemoMarket', () => {
  let cleanup: () => void
  let store: Store
  beforeEach(() => {
    const temp = makeTempDir('quorum-demo-')
    cleanup = temp.cleanup
    store = openTempStore(temp.dir)
  })
  afterEach(() => {
    store.close()
    cleanup()
  })

  it('writes the demo market into an empty store and returns what it wrote', () => {
    const seeded = seedDemoMarket(store, { seed: 42, endDate: END, logger: silentLogger })
    expect(seeded.seeded).toBe(true)
    expect(seeded.instruments.map((i) => i.symbol).sort()).toEqual(market.instruments.map((s) => s.symbol).sort())
    expect(store.instruments.list()).toEqual([...seeded.instruments].sort((a, b) => a.symbol.localeCompare(b.symbol)))
    for (const s of seeded.series) {
      const stored = store.bars.loadRange(s.instrumentId, s.timeframe)
      expect(stored.time.length).toBe(s.count)
      const generated = series(market, s.symbol, s.timeframe as '1D' | '1m')
      for (const f of BAR_FIELDS) expect(Array.from(stored[f])).toEqual(Array.from(generated[f]))
    }
    expect(store.audit.recent(1)[0]?.action).toBe('demo-market.seeded')
  })

  it('does nothing the second time', () => {
    seedDemoMarket(store, { seed: 42, endDate: END, logger: silentLogger })
    const before = store.instruments.list().map((i) => ({ ...i, coverage: store.bars.coverage(i.id) }))
    const again = seedDemoMarket(store, { seed: 7, endDate: '2024-06-28', logger: silentLogger })
    expect(again).toEqual({ seeded: false, instruments: [], series: [] })
    expect(store.instruments.list().map((i) => ({ ...i, coverage: store.bars.coverage(i.id) }))).toEqual(before)
  })

  it('leaves a store that already has the trader’s instruments alone', () => {
    store.instruments.upsert(ACME)
    expect(seedDemoMarket(store, { seed: 42, endDate: END, logger: silentLogger }).seeded).toBe(false)
    expect(store.instruments.list().map((i) => i.symbol)).toEqual(['ACME'])
  })
})

describe('lastCompletedSessionDate', () => {
  const at = (iso: string): number => Date.parse(iso)

  it('is today once the New York session has closed', () => {
    expect(lastCompletedSessionDate(at('2026-11-20T21:05:00Z'))).toBe('2026-11-20')
  })

  it('is the previous weekday while today is still trading', () => {
    expect(lastCompletedSessionDate(at('2026-11-20T15:00:00Z'))).toBe('2026-11-19')
  })

  it('skips back over a weekend to Friday', () => {
    expect(lastCompletedSessionDate(at('2026-11-22T12:00:00Z'))).toBe('2026-11-20')
    expect(lastCompletedSessionDate(at('2026-11-23T14:00:00Z'))).toBe('2026-11-20')
  })

  it('follows New York time across the DST change (16:00 EDT is 20:00 UTC)', () => {
    expect(lastCompletedSessionDate(at('2026-07-15T20:01:00Z'))).toBe('2026-07-15')
    expect(lastCompletedSessionDate(at('2026-07-15T19:59:00Z'))).toBe('2026-07-14')
  })
})
