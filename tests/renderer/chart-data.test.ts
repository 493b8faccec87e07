import { describe, expect, it } from 'vitest'
import { TickMarkType } from 'lightweight-charts'
import { prependBars } from '../../src/renderer/features/chart/bar-window'
import { toSeriesData } from '../../src/renderer/features/chart/to-series-data'
import { createTimeFormatters } from '../../src/renderer/features/chart/time-format'
import { decimalsForTick } from '../../src/renderer/features/chart/price-format'
import type { BarColumns } from '../../src/shared/domain'

function bars(times: number[], base = 100): BarColumns {
  const f = (d: number) => new Float64Array(times.map((_, i) => base + i + d))
  return { time: new Float64Array(times), open: f(0), high: f(2), low: f(-2), close: f(1), volume: f(1000) }
}

describe('to-series-data', () => {
  it('turns columns into candles and volume bars with the direction colour', () => {
    const b = bars([60, 120])
    b.close[1] = 50
    const { candles, volumes } = toSeriesData(b, 'up', 'down')
    expect(candles).toEqual([
      { time: 60, open: 100, high: 102, low: 98, close: 101 },
      { time: 120, open: 101, high: 103, low: 99, close: 50 },
    ])
    expect(volumes.map((v) => [v.time, v.value, v.color])).toEqual([[60, 1100, 'up'], [120, 1101, 'down']])
  })
})

describe('prependBars', () => {
  it('puts older bars in front', () => {
    const merged = prependBars(bars([1, 2]), bars([3, 4], 200))
    expect([...merged.time]).toEqual([1, 2, 3, 4])
    expect([...merged.close]).toEqual([101, 102, 201, 202])
  })
  it('drops older bars that overlap the loaded ones', () => {
    const merged = prependBars(bars([1, 2, 3, 4]), bars([3, 4], 200))
    expect([...merged.time]).toEqual([1, 2, 3, 4])
    expect([...merged.open]).toEqual([100, 101, 200, 201])
  })
  it('keeps the loaded bars when nothing older came back', () => {
    expect([...prependBars(bars([]), bars([3, 4])).time]).toEqual([3, 4])
  })
})

describe('time formatters', () => {
  // 2024-03-12 13:35 UTC = 09:35 in New York (EDT)
  const t = Date.UTC(2024, 2, 12, 13, 35) / 1000
  it('shows intraday times in the exchange zone', () => {
    const f = createTimeFormatters('America/New_York', true)
    expect(f.crosshair(t as never)).toBe("Tue 12 Mar 2024  09:35")
    expect(f.tickMark(t as never, TickMarkType.Time, 'en')).toBe('09:35')
    expect(f.tickMark(t as never, TickMarkType.DayOfMonth, 'en')).toBe('12 Mar')
  })
  it('keeps the session date of daily bars (00:00 UTC)', () => {
    const d = Date.UTC(2024, 2, 12) / 1000
    const f = createTimeFormatters('America/New_York', false)
    expect(f.crosshair(d as never)).toBe('Tue 12 Mar 2024')
    expect(f.tickMark(d as never, TickMarkType.Year, 'en')).toBe('2024')
    expect(f.tickMark(d as never, TickMarkType.Month, 'en')).toBe('Mar')
  })
})

describe('decimalsForTick', () => {
  it('derives decimals from the tick size', () => {
    expect([0.01, 0.25, 1, 0.0001, 0.005].map(decimalsForTick)).toEqual([2, 2, 0, 4, 3])
  })
})
