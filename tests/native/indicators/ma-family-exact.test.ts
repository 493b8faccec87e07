import { describe, expect, it } from 'vitest'
import { computeIndicator } from '../../../src/main/native'
import type { BarColumns } from '../../../src/shared/domain'
import { allocateBars } from '../../../src/shared/domain'
import { seededRandomWalk } from '../../support/seeded-bars'
import { expectIdenticalToTalib, expectStreamMatchesBatch, indicatorInfo, namedParams } from '../../support/indicator-exact'

/**
 * The moving averages and the indicators built on them (overlap studies, price transforms, the
 * MA-based momentum indicators) agree with TA-Lib exactly — the same doubles, not merely within
 * the generic parity test's 1e-9 — over parameter sets the generic test does not try (mixed MA
 * types, swapped fast/slow periods, period 1, odd/even windows) and over data that reaches the
 * special cases (repeated prices, flat series, series shorter than the warm-up).
 */

function quantized(bars: BarColumns): BarColumns {
  const out = allocateBars(bars.time.length)
  for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    out[field].set(bars[field].map((v) => (field === 'time' ? v : Math.round(v * 20) / 20)))
  }
  return out
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

/** A flat stretch inside a walk: ranges of zero, no change, then movement again. */
function plateau(): BarColumns {
  const bars = seededRandomWalk(11, 400)
  for (let i = 150; i < 230; i++) {
    for (const field of ['open', 'high', 'low', 'close'] as const) bars[field][i] = 101.5
  }
  return bars
}

const DATA: ReadonlyArray<readonly [string, BarColumns]> = [
  ['random walk', seededRandomWalk(2024, 1500)],
  ['quantized prices', quantized(seededRandomWalk(5, 800))],
  ['flat prices', flat(300)],
  ['plateau', plateau()],
  ['short series', seededRandomWalk(3, 12)],
]

const ALL_TYPES = [0, 1, 2, 3, 4, 5, 6, 7, 8]

const CASES: Record<string, number[][]> = {
  SMA: [[2], [3], [7], [200]],
  EMA: [[2], [5], [99]],
  WMA: [[2], [3], [101]],
  DEMA: [[2], [9]],
  TEMA: [[2], [9]],
  TRIMA: [[2], [3], [4], [5], [10], [11], [31]],
  KAMA: [[2], [10]],
  T3: [[2, 0.7], [5, 0], [5, 1], [7, 0.33]],
  MA: [...ALL_TYPES.map((t) => [1, t]), ...ALL_TYPES.map((t) => [2, t]), ...ALL_TYPES.map((t) => [13, t])],
  MAMA: [[0.5, 0.05], [0.9, 0.01], [0.3, 0.3]],
  BBANDS: [...ALL_TYPES.map((t) => [20, 2, 2, t]), [20, 1, 1, 0], [20, 1, 3, 0], [20, 2.5, 1, 1], [20, -1, 0.5, 2], [33, 2, 2, 7], [2, 2, 2, 0]],
  MIDPOINT: [[2], [50]],
  MIDPRICE: [[2], [50]],
  SAR: [[0.02, 0.2], [0.05, 0.02], [0.1, 0.5], [0, 0.2]],
  AVGPRICE: [[]],
  MEDPRICE: [[]],
  TYPPRICE: [[]],
  WCLPRICE: [[]],
  RSI: [[2], [50]],
  MACD: [[26, 12, 9], [5, 5, 2], [3, 40, 20]],
  MACDFIX: [[2], [20]],
  MACDEXT: [
    [12, 7, 26, 8, 9, 1],
    [12, 1, 26, 7, 9, 7],
    [5, 6, 30, 3, 9, 2],
    [26, 0, 12, 8, 9, 7],
    [12, 7, 26, 0, 9, 0],
    [12, 8, 26, 7, 9, 7], // MAMA starting on an even bar after T3's longer warm-up
    [33, 6, 40, 7, 5, 7], // … on an odd bar after KAMA's
    [40, 2, 41, 7, 5, 5], // … on bar 7 after WMA's
    [12, 3, 26, 4, 1, 0],
  ],
  APO: [...ALL_TYPES.map((t) => [5, 17, t]), [26, 12, 0], [3, 3, 1]],
  PPO: [...ALL_TYPES.map((t) => [5, 17, t]), [26, 12, 0], [3, 3, 1]],
  TRIX: [[2], [18]],
  STOCH: [[1, 1, 0, 1, 0], [14, 3, 1, 5, 7], [9, 4, 8, 2, 6], [5, 3, 7, 3, 7], [5, 1, 7, 1, 3]],
  STOCHF: [[1, 1, 0], [14, 3, 7], [9, 5, 8], [5, 1, 6]],
  STOCHRSI: [[2, 1, 1, 0], [14, 14, 3, 7], [20, 9, 4, 8], [6, 3, 2, 5]],
}

describe('moving averages and MA-based indicators match TA-Lib exactly', () => {
  describe.each(DATA)('on %s', (_label, bars) => {
    it.each(Object.entries(CASES))('%s', (name, sets) => {
      for (const values of sets) expectIdenticalToTalib(name, bars, values)
    })
  })

  it.each(Object.entries(CASES))('%s streams exactly as its batch form with every parameter set', (name, sets) => {
    const bars = seededRandomWalk(77, 400)
    for (const values of sets) expectStreamMatchesBatch(name, bars, namedParams(indicatorInfo(name), values))
  })
})

describe('by hand', () => {
  const closes = (values: number[]): BarColumns => {
    const bars = allocateBars(values.length)
    values.forEach((v, i) => {
      bars.time[i] = i * 60
      bars.open[i] = bars.high[i] = bars.low[i] = bars.close[i] = v
    })
    return bars
  }

  it('EMA is seeded with the SMA of its first period, then moves 2/(n+1) of the way', () => {
    const out = computeIndicator('EMA', closes([1, 2, 3, 4, 5, 10]), { period: 3 }).outputs.real!
    // seed (1+2+3)/3 = 2; then 2 + (4-2)·0.5 = 3; 3 + (5-3)·0.5 = 4; 4 + (10-4)·0.5 = 7
    expect(Array.from(out)).toEqual([NaN, NaN, 2, 3, 4, 7])
  })

  it('WMA weighs the newest value most', () => {
    const out = computeIndicator('WMA', closes([1, 2, 3, 6]), { period: 3 }).outputs.real!
    // (1·1 + 2·2 + 3·3)/6 = 14/6; (2·1 + 3·2 + 6·3)/6 = 26/6
    expect(out[2]).toBeCloseTo(14 / 6, 12)
    expect(out[3]).toBeCloseTo(26 / 6, 12)
  })

  it('TRIMA of an odd period is the SMA of SMAs with weights 1,2,…,2,1', () => {
    const out = computeIndicator('TRIMA', closes([1, 2, 4, 8, 16]), { period: 5 }).outputs.real!
    // weights 1,2,3,2,1 over 9: (1 + 4 + 12 + 16 + 16)/9
    expect(out[4]).toBeCloseTo(49 / 9, 12)
  })

  it('RSI is 100 after only gains and 0 on a flat series', () => {
    expect(computeIndicator('RSI', closes([1, 2, 3, 4]), { period: 3 }).outputs.real![3]).toBe(100)
    expect(computeIndicator('RSI', closes([5, 5, 5, 5]), { period: 3 }).outputs.real![3]).toBe(0)
  })

  it('MA with period 1 passes the closes through for every type', () => {
    for (let t = 0; t <= 8; t++) {
      const result = computeIndicator('MA', closes([3, 1, 4, 1, 5]), { period: 1, maType: t })
      expect(result.lookback).toBe(0)
      expect(Array.from(result.outputs.real!)).toEqual([3, 1, 4, 1, 5])
    }
  })

  it('price transforms average the bar’s own prices', () => {
    const bars = allocateBars(1)
    bars.open[0] = 1
    bars.high[0] = 4
    bars.low[0] = 0
    bars.close[0] = 3
    expect(computeIndicator('AVGPRICE', bars).outputs.real![0]).toBe(2)
    expect(computeIndicator('MEDPRICE', bars).outputs.real![0]).toBe(2)
    expect(computeIndicator('TYPPRICE', bars).outputs.real![0]).toBeCloseTo(7 / 3, 15)
    expect(computeIndicator('WCLPRICE', bars).outputs.real![0]).toBe(2.5)
  })

  // TA-Lib accepts these periods of 1 but sizes their EMA with a lookback of -1 (TA_EMA_Lookback
  // rejects period 1), so its output there is shifted and starts with an uninitialised value.
  it('MACD and MACDFIX with a signal period of 1 have the MACD line as signal', () => {
    const bars = seededRandomWalk(9, 80)
    for (const [name, given] of [['MACD', { fastPeriod: 5, slowPeriod: 9, signalPeriod: 1 }], ['MACDFIX', { signalPeriod: 1 }]] as const) {
      const result = computeIndicator(name, bars, given)
      const { macd, macdSignal, macdHist } = result.outputs
      expect(result.lookback).toBe(name === 'MACD' ? 8 : 25)
      expect(Number.isNaN(macd![result.lookback - 1])).toBe(true)
      for (let i = result.lookback; i < 80; i++) {
        expect(macdSignal![i]).toBe(macd![i])
        expect(macdHist![i]).toBe(0)
      }
    }
  })

  it('TRIX with period 1 is the 1-bar rate of change in percent', () => {
    const result = computeIndicator('TRIX', closes([100, 102, 99.96]), { period: 1 })
    expect(result.lookback).toBe(1)
    expect(Number.isNaN(result.outputs.real![0])).toBe(true)
    expect(result.outputs.real![1]).toBeCloseTo(2, 12)
    expect(result.outputs.real![2]).toBeCloseTo(-2, 12)
  })

  it('BBANDS with MAMA and a window longer than MAMA’s warm-up starts where the window is full', () => {
    const result = computeIndicator('BBANDS', seededRandomWalk(8, 100), { period: 40, maType: 7 })
    expect(result.lookback).toBe(39)
    expect(Number.isNaN(result.outputs.middleBand![38])).toBe(true)
    expect(Number.isFinite(result.outputs.middleBand![39])).toBe(true)
  })
})
