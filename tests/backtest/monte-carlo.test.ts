import { describe, expect, it } from 'vitest'
import { quantileSorted, runMonteCarlo } from '../../src/main/backtest/monte-carlo'
import { walkForwardWindows } from '../../src/main/backtest/walk-forward-windows'

describe('Monte Carlo', () => {
  it('shuffles trades: the same final return on every path, drawdowns from the possible orders only', () => {
    // From 100: every order of +10, −20, +5 and the drawdown it gives (by hand).
    const possible = new Set([20 / 110, 20 / 100, 20 / 115, 20 / 105].map((x) => x.toFixed(12)))
    const out = runMonteCarlo({ tradePnl: [10, -20, 5], dailyReturns: [], startingCash: 100 }, { method: 'trade-shuffle', iterations: 300, blockSize: 1, ruinDrawdown: 0.5, seed: 1 })
    expect(out.completed).toBe(300)
    for (const r of out.totalReturn) expect(r).toBeCloseTo(-0.05, 12)
    const seen = new Set(Array.from(out.maxDrawdown, (d) => d.toFixed(12)))
    for (const d of seen) expect(possible.has(d)).toBe(true)
    expect(seen.size).toBe(4)
    expect(out.riskOfRuin).toBe(0)
  })
  it('bootstraps blocks of daily returns and compounds them', () => {
    const out = runMonteCarlo({ tradePnl: [], dailyReturns: new Array(50).fill(0.01), startingCash: 1000 }, { method: 'block-bootstrap', iterations: 100, blockSize: 7, ruinDrawdown: 0.5, seed: 2 })
    for (const r of out.totalReturn) expect(r).toBeCloseTo(1.01 ** 50 - 1, 10)
    for (const d of out.maxDrawdown) expect(d).toBe(0)
  })
  it('counts ruin when the drawdown reaches the threshold', () => {
    const out = runMonteCarlo({ tradePnl: [], dailyReturns: [0.05, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, 0.02], startingCash: 1 }, { method: 'block-bootstrap', iterations: 200, blockSize: 8, ruinDrawdown: 0.4, seed: 3 })
    expect(out.riskOfRuin).toBe(1)
  })
  it('stops when told to and keeps what it did', () => {
    let calls = 0
    const out = runMonteCarlo(
      { tradePnl: [1, -1, 2], dailyReturns: [], startingCash: 10 },
      { method: 'trade-shuffle', iterations: 10_000, blockSize: 1, ruinDrawdown: 0.5, seed: 1, onProgress: () => ++calls < 3 },
    )
    expect(out.completed).toBe(512)
    expect(out.totalReturn).toHaveLength(512)
  })
  it('interpolates quantiles', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1)
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4)
  })
})

describe('walk-forward windows', () => {
  it('tiles the out-of-sample stretches at the end, rolling in-sample windows before each', () => {
    const w = walkForwardWindows(1000, 4, 0.2, 'rolling')
    // a + 4b = 1000 with b = a/4: a = 500, b = 125.
    expect(w).toEqual([
      { inSampleFrom: 0, inSampleTo: 500, outOfSampleFrom: 500, outOfSampleTo: 625 },
      { inSampleFrom: 125, inSampleTo: 625, outOfSampleFrom: 625, outOfSampleTo: 750 },
      { inSampleFrom: 250, inSampleTo: 750, outOfSampleFrom: 750, outOfSampleTo: 875 },
      { inSampleFrom: 375, inSampleTo: 875, outOfSampleFrom: 875, outOfSampleTo: 1000 },
    ])
    expect(walkForwardWindows(1000, 4, 0.2, 'anchored').map((x) => x.inSampleFrom)).toEqual([0, 0, 0, 0])
  })
  it('refuses too little data, saying what each window would get', () => {
    expect(() => walkForwardWindows(100, 10, 0.5, 'rolling')).toThrow(/too few.*9 in-sample and 9 out-of-sample/)
  })
})
