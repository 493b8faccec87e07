import { describe, expect, it } from 'vitest'
import { computeIndicator, findIndicator } from '../../../src/main/native'
import type { BarColumns } from '../../../src/shared/domain'
import { allocateBars } from '../../../src/shared/domain'
import { mulberry32, seededRandomWalk } from '../../support/seeded-bars'
import { expectIdenticalToTalib, expectStreamMatchesBatch, indicatorInfo, namedParams } from '../../support/indicator-exact'

/**
 * The momentum (non-MA), volatility, volume and statistics families agree with TA-Lib exactly —
 * the same doubles, not merely within the generic parity test's 1e-9 — over parameter sets the
 * generic test does not try (period 1 and 2, window sizes either side of a power of two, swapped
 * or equal periods, other deviations) and over data that reaches the special cases: ties for the
 * highest/lowest bar, unchanged typical prices, bars without range, zero volume, flat series and
 * series shorter than the warm-up.
 */

function quantized(bars: BarColumns): BarColumns {
  const out = allocateBars(bars.time.length)
  for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    out[field].set(bars[field].map((v) => (field === 'time' || field === 'volume' ? v : Math.round(v * 20) / 20)))
  }
  return out
}

/** Whole-tick prices with many unchanged or rangeless bars and a fifth of the volumes zero. */
function coarse(seed: number, n: number): BarColumns {
  const random = mulberry32(seed)
  const bars = allocateBars(n)
  let price = 100
  for (let i = 0; i < n; i++) {
    const still = random() < 0.3
    const close = still ? price : price + Math.round((random() - 0.5) * 6) * 0.25
    bars.time[i] = i * 60
    bars.open[i] = price
    bars.close[i] = close
    bars.high[i] = still ? price : Math.max(price, close) + Math.floor(random() * 3) * 0.25
    bars.low[i] = still ? price : Math.min(price, close) - Math.floor(random() * 3) * 0.25
    bars.volume[i] = random() < 0.2 ? 0 : Math.floor(random() * 1000)
    price = close
  }
  return bars
}

function flat(n: number): BarColumns {
  const bars = allocateBars(n)
  for (let i = 0; i < n; i++) {
    bars.time[i] = i * 60
    bars.open[i] = bars.high[i] = bars.low[i] = bars.close[i] = 100
    bars.volume[i] = 10
  }
  return bars
}

/** A flat, volumeless stretch inside a walk. */
function plateau(): BarColumns {
  const bars = seededRandomWalk(11, 400)
  for (let i = 150; i < 230; i++) {
    for (const field of ['open', 'high', 'low', 'close'] as const) bars[field][i] = 101.5
    bars.volume[i] = 0
  }
  return bars
}

function scaled(bars: BarColumns, factor: number): BarColumns {
  for (const field of ['open', 'high', 'low', 'close'] as const) bars[field].set(bars[field].map((v) => v * factor))
  return bars
}

const DATA: ReadonlyArray<readonly [string, BarColumns]> = [
  ['random walk', seededRandomWalk(2024, 1500)],
  ['quantized prices', quantized(seededRandomWalk(5, 800))],
  ['coarse ticks', coarse(17, 800)],
  ['flat prices', flat(300)],
  ['plateau', plateau()],
  ['prices in the hundred thousands', scaled(seededRandomWalk(8, 600), 1000)],
  ['short series', seededRandomWalk(3, 12)],
]

const PERIODS = [[1], [2], [3], [37]]
const MIN2_PERIODS = [[2], [3], [50]]
const DIRECTIONAL = [[2], [3], [20]]

const CASES: Record<string, number[][]> = {
  MOM: PERIODS,
  ROC: PERIODS,
  ROCP: PERIODS,
  ROCR: PERIODS,
  ROCR100: PERIODS,
  CMO: MIN2_PERIODS,
  WILLR: MIN2_PERIODS,
  CCI: [[2], [3], [31], [50]],
  MFI: [[2], [3], [51]],
  BOP: [[]],
  AROON: [[2], [3], [7], [50]],
  AROONOSC: [[2], [3], [7], [50]],
  PLUS_DM: [[1], ...DIRECTIONAL],
  MINUS_DM: [[1], ...DIRECTIONAL],
  PLUS_DI: [[1], ...DIRECTIONAL],
  MINUS_DI: [[1], ...DIRECTIONAL],
  DX: DIRECTIONAL,
  ADX: DIRECTIONAL,
  ADXR: DIRECTIONAL,
  // Not (1, 1, 1): see the by-hand test below.
  ULTOSC: [[1, 1, 2], [2, 2, 2], [5, 5, 5], [20, 5, 9], [3, 30, 2], [1, 14, 28]],
  ATR: [[1], [2], [3], [30]],
  NATR: [[1], [2], [3], [30]],
  TRANGE: [[]],
  OBV: [[]],
  AD: [[]],
  ADOSC: [[2, 2], [10, 3], [4, 4], [3, 30]],
  STDDEV: [[2, 1], [2, 2.5], [10, -0.5], [7, 0]],
  VAR: [[1, 1], [2, 1], [10, 3]],
  LINEARREG: MIN2_PERIODS,
  LINEARREG_SLOPE: MIN2_PERIODS,
  LINEARREG_ANGLE: MIN2_PERIODS,
  LINEARREG_INTERCEPT: MIN2_PERIODS,
  TSF: MIN2_PERIODS,
  // Windows either side of a power of two (the rolling extremes work in blocks of `period`).
  MAX: [[2], [3], [4], [64], [65]],
  MIN: [[2], [3], [4], [64], [65]],
  SUM: [[2], [3], [64]],
}

describe('momentum, volatility, volume and statistics indicators match TA-Lib exactly', () => {
  describe.each(DATA)('on %s', (_label, bars) => {
    it.each(Object.entries(CASES))('%s', (name, sets) => {
      for (const values of sets) expectIdenticalToTalib(name, bars, values)
    })
  })

  it.each(Object.entries(CASES))('%s streams exactly as its batch form with every parameter set', (name, sets) => {
    const bars = coarse(77, 400)
    for (const values of sets) expectStreamMatchesBatch(name, bars, namedParams(indicatorInfo(name), values))
  })
})

describe('by hand', () => {
  function ohlc(rows: Array<[number, number, number, number]>, volumes: number[] = []): BarColumns {
    const bars = allocateBars(rows.length)
    rows.forEach(([open, high, low, close], i) => {
      bars.time[i] = i * 60
      bars.open[i] = open
      bars.high[i] = high
      bars.low[i] = low
      bars.close[i] = close
      bars.volume[i] = volumes[i] ?? 0
    })
    return bars
  }

  it('TRANGE skips the first bar and reaches back to the previous close', () => {
    const bars = ohlc([
      [10, 11, 9, 10],
      [10, 10.5, 9.5, 10], // inside bar: high - low = 1
      [13, 14, 13, 13.5], // gap up: high - previous close = 4
      [9, 9.5, 8, 9], // gap down: previous close - low = 5.5
    ])
    expect(Array.from(computeIndicator('TRANGE', bars).outputs.real!)).toEqual([NaN, 1, 4, 5.5])
  })

  it('ATR starts as the mean of the first true ranges, then smooths Wilder’s way', () => {
    const bars = ohlc([
      [10, 11, 9, 10],
      [10, 10.5, 9.5, 10],
      [13, 14, 13, 13.5],
      [9, 9.5, 8, 9],
      [9, 10, 9, 9.5],
    ])
    const atr = computeIndicator('ATR', bars, { period: 3 })
    expect(atr.lookback).toBe(3)
    const out = atr.outputs.real!
    expect(out[3]).toBeCloseTo((1 + 4 + 5.5) / 3, 12)
    expect(out[4]).toBeCloseTo(((10.5 / 3) * 2 + 1) / 3, 12)
  })

  it('AROON counts from the newest of tied highs and lows', () => {
    const bars = ohlc([
      [1, 1, 1, 1],
      [3, 3, 0, 3],
      [3, 3, 0, 3],
      [2, 2, 2, 2],
    ])
    const aroon = computeIndicator('AROON', bars, { period: 3 }).outputs
    // Window of 4 bars: the highest high (3) last on bar 2, the lowest low (0) last on bar 2.
    expect(aroon.aroonUp![3]).toBeCloseTo((100 / 3) * 2, 12)
    expect(aroon.aroonDown![3]).toBeCloseTo((100 / 3) * 2, 12)
  })

  it('OBV starts at the first bar’s volume and ignores unchanged closes', () => {
    const bars = ohlc(
      [
        [1, 1, 1, 1],
        [2, 2, 2, 2],
        [2, 2, 2, 2],
        [1, 1, 1, 1],
      ],
      [5, 7, 100, 3],
    )
    expect(Array.from(computeIndicator('OBV', bars).outputs.real!)).toEqual([5, 12, 12, 9])
  })

  it('ULTOSC(1, 1, 1) waits one bar for a previous close (TA-Lib reports no warm-up there and reads before the first bar)', () => {
    const bars = seededRandomWalk(1, 20)
    const result = computeIndicator('ULTOSC', bars, { period1: 1, period2: 1, period3: 1 })
    expect(result.lookback).toBe(1)
    expect(result.outputs.real![0]).toBeNaN()
    // One bar each: (close - true low) / true range, weighted 4 + 2 + 1 over 7, times 100.
    const trueLow = Math.min(bars.low[1]!, bars.close[0]!)
    const range = Math.max(bars.high[1]!, bars.close[0]!) - trueLow
    expect(result.outputs.real![1]).toBeCloseTo((100 * (bars.close[1]! - trueLow)) / range, 9)
  })
})

describe('VWAP', () => {
  const DAY = 86_400
  const START = 19_725 * DAY // 2024-01-03T00:00:00Z
  // time, high, low, close, volume; typical prices 10, 12, 9 on day 1 and 20, 22, 27 on day 2.
  const ROWS: Array<[number, number, number, number, number]> = [
    [START, 12, 8, 10, 100],
    [START + 60, 13, 10, 13, 300],
    [START + 120, 11, 8, 8, 0],
    [START + DAY, 21, 18, 21, 0],
    [START + DAY + 60, 25, 19, 22, 50],
    [START + DAY + 120, 30, 24, 27, 150],
  ]

  function bars(): BarColumns {
    const out = allocateBars(ROWS.length)
    ROWS.forEach(([time, high, low, close, volume], i) => {
      out.time[i] = time
      out.open[i] = close
      out.high[i] = high
      out.low[i] = low
      out.close[i] = close
      out.volume[i] = volume
    })
    return out
  }

  it('is registered as a price overlay TA-Lib does not have', () => {
    const vwap = findIndicator('VWAP')!
    expect(vwap.talib).toBe(false)
    expect(vwap.overlay).toBe(true)
    expect(vwap.params.map((p) => [p.name, p.default])).toEqual([['anchor', 0]])
  })

  it('accumulates typical price × volume over the UTC day and starts again the next day', () => {
    const result = computeIndicator('VWAP', bars())
    expect(result.lookback).toBe(0)
    const out = Array.from(result.outputs.real!)
    // Day 1: 10; (1000 + 3600) / 400; a bar without volume changes nothing.
    // Day 2: no volume yet, so the bar's own typical price; then 22; (1100 + 4050) / 200.
    const expected = [10, 11.5, 11.5, 20, 22, 25.75]
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12))
  })

  it('with an anchor of N bars is the VWAP of the last N bars, across days', () => {
    const result = computeIndicator('VWAP', bars(), { anchor: 2 })
    expect(result.lookback).toBe(1)
    const out = Array.from(result.outputs.real!)
    expect(out[0]).toBeNaN()
    // (1000 + 3600) / 400; (3600 + 0) / 300; no volume: typical price 20; 1100 / 50; 5150 / 200
    const expected = [11.5, 12, 20, 22, 25.75]
    expected.forEach((v, i) => expect(out[i + 1]).toBeCloseTo(v, 12))
  })

  it('with an anchor of 1 is the typical price', () => {
    const out = Array.from(computeIndicator('VWAP', bars(), { anchor: 1 }).outputs.real!)
    const expected = [10, 12, 9, 20, 22, 27]
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12))
  })

  it('rolling, agrees with summing the window afresh and does not drift over a long series', () => {
    const n = 50_000
    const walk = seededRandomWalk(9, n)
    const random = mulberry32(4)
    for (let i = 0; i < n; i++) walk.volume[i] = i >= n - 30 ? 0 : random() * 1e6 // fractional volumes, then none
    const anchor = 20
    const out = computeIndicator('VWAP', walk, { anchor }).outputs.real!
    const typical = (i: number): number => (walk.high[i]! + walk.low[i]! + walk.close[i]!) / 3
    for (let i = anchor - 1; i < n; i++) {
      let pv = 0
      let v = 0
      for (let j = i - anchor + 1; j <= i; j++) {
        pv += typical(j) * walk.volume[j]!
        v += walk.volume[j]!
      }
      if (v === 0) expect(out[i]).toBe(typical(i))
      else if (!(Math.abs(out[i]! - pv / v) <= 1e-12 * (pv / v))) throw new Error(`VWAP[${i}] = ${out[i]}, direct ${pv / v}`)
    }
  })

  it('streams exactly as its batch form, session and rolling', () => {
    const walk = seededRandomWalk(5, 3000, { step: 300, gapChance: 0.01 })
    for (const anchor of [0, 1, 2, 20]) expectStreamMatchesBatch('VWAP', walk, { anchor })
  })
})
