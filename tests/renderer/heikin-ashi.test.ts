import { describe, expect, it } from 'vitest'
import { toHeikinAshi, writeHeikinAshi } from '../../src/renderer/features/chart/heikin-ashi'
import type { BarColumns } from '../../src/shared/domain'

function bars(rows: [number, number, number, number, number][]): BarColumns {
  const col = (k: number) => new Float64Array(rows.map((r) => r[k] as number))
  return { time: new Float64Array(rows.map((_, i) => 60 * (i + 1))), open: col(0), high: col(1), low: col(2), close: col(3), volume: col(4) }
}

const RAW = bars([
  [10, 12, 9, 11, 100],
  [11, 13, 10, 12.5, 200],
  [12.5, 12.8, 10.5, 11, 300],
  [11, 11.5, 9.5, 10, 400],
])

describe('Heikin-Ashi', () => {
  it('seeds the first bar with (O + C) / 2 and closes every bar at the OHLC average', () => {
    const ha = toHeikinAshi(RAW)
    expect(ha.open[0]).toBe(10.5)
    expect(ha.close[0]).toBe(10.5)
    expect(ha.close[1]).toBe((11 + 13 + 10 + 12.5) / 4)
  })

  it('opens each bar halfway between the previous HA open and close, and stretches high and low over them', () => {
    const ha = toHeikinAshi(RAW)
    for (let i = 1; i < 4; i++) {
      expect(ha.open[i]).toBeCloseTo((ha.open[i - 1]! + ha.close[i - 1]!) / 2, 12)
      expect(ha.high[i]).toBe(Math.max(RAW.high[i]!, ha.open[i]!, ha.close[i]!))
      expect(ha.low[i]).toBe(Math.min(RAW.low[i]!, ha.open[i]!, ha.close[i]!))
    }
    expect(Array.from(ha.time)).toEqual(Array.from(RAW.time))
    expect(Array.from(ha.volume)).toEqual([100, 200, 300, 400])
  })

  it('recomputes from a changed bar on and matches a full recomputation', () => {
    const full = toHeikinAshi(RAW)
    const live = bars([
      [10, 12, 9, 11, 100],
      [11, 13, 10, 12.5, 200],
      [12.5, 12.8, 10.5, 11, 300],
      [11, 12.2, 9.5, 12, 450],
    ])
    writeHeikinAshi(live, full, 3)
    expect(full).toEqual(toHeikinAshi(live))
  })

  it('extends to appended bars from the previous transform', () => {
    const shorter = toHeikinAshi(bars([
      [10, 12, 9, 11, 100],
      [11, 13, 10, 12.5, 200],
    ]))
    expect(toHeikinAshi(RAW, shorter, 2)).toEqual(toHeikinAshi(RAW))
  })

  it('gives nothing for no bars', () => {
    expect(toHeikinAshi(bars([])).time.length).toBe(0)
  })
})
