import { describe, expect, it } from 'vitest'
import { createPrng } from '../../src/main/data'
import { cscv, deflatedSharpe, expectedMaxSharpe, moments, normalCdf, normalQuantile } from '../../src/main/backtest/overfitting'

describe('the normal distribution', () => {
  it('matches tabulated values of the CDF', () => {
    const table: [number, number][] = [
      [0, 0.5],
      [1, 0.8413447460685429],
      [-1, 0.15865525393145707],
      [1.96, 0.9750021048517795],
      [-3, 0.0013498980316300946],
      [-8, 6.22096057427178e-16],
    ]
    for (const [x, p] of table) expect(Math.abs(normalCdf(x) - p)).toBeLessThan(1e-15 + p * 1e-13)
  })
  it('inverts the CDF', () => {
    for (const p of [1e-10, 0.001, 0.02, 0.3, 0.5, 0.9, 0.975, 0.99999]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12)
  })
})

describe('the Deflated Sharpe Ratio', () => {
  it('approximates the expected maximum of N standard normals', () => {
    // E[max of 100 iid N(0,1)] = 2.5076 and of 1000 = 3.2414 (tabulated order statistics).
    expect(Math.abs(expectedMaxSharpe(100, 1) - 2.5076)).toBeLessThan(0.05)
    expect(Math.abs(expectedMaxSharpe(1000, 1) - 3.2414)).toBeLessThan(0.05)
    expect(expectedMaxSharpe(1, 1)).toBe(0)
  })
  it('reproduces the worked example of Bailey and López de Prado (2014)', () => {
    // Annualised SR 2.5 over 1,250 daily returns, skew −3, kurtosis 10, 100 trials whose
    // annualised Sharpe ratios have variance 0.5: the paper gives DSR ≈ 0.9004.
    const periods = 250
    const sr = 2.5 / Math.sqrt(periods)
    const benchmark = expectedMaxSharpe(100, 0.5 / periods)
    expect(deflatedSharpe(sr, benchmark, 1250, -3, 10)).toBeCloseTo(0.9004, 2)
  })
  it('gives a low probability to a best-of-many Sharpe no better than luck', () => {
    const benchmark = expectedMaxSharpe(1000, 0.01)
    expect(deflatedSharpe(benchmark * 0.5, benchmark, 500, 0, 3)).toBeLessThan(0.05)
  })
  it('computes sample moments', () => {
    const m = moments([1, 2, 3, 4, 10])
    expect(m.mean).toBe(4)
    expect(m.std).toBeCloseTo(Math.sqrt(50 / 4), 12)
    expect(moments([1, 1, 1]).kurtosis).toBe(3)
  })
})

/** trials × blocks × 3 block statistics of daily returns drawn from N(mu_t, 1%). */
function blockStats(mus: number[], blocks: number, daysPerBlock: number, seed: number): Float64Array {
  const prng = createPrng(seed)
  const out = new Float64Array(mus.length * blocks * 3)
  mus.forEach((mu, t) => {
    for (let b = 0; b < blocks; b++) {
      let s = 0
      let ss = 0
      for (let d = 0; d < daysPerBlock; d++) {
        const r = mu + 0.01 * prng.normal()
        s += r
        ss += r * r
      }
      out.set([daysPerBlock, s, ss], (t * blocks + b) * 3)
    }
  })
  return out
}

describe('PBO by CSCV', () => {
  it('is near one half when every trial is noise', () => {
    const result = cscv(blockStats(new Array(50).fill(0), 16, 30, 11), 50, 16)
    expect(result).not.toBeNull()
    expect(result?.splits).toBe(2_000)
    expect(result?.pbo).toBeGreaterThan(0.3)
    expect(result?.pbo).toBeLessThan(0.7)
  })
  it('is near zero when one trial is truly better everywhere', () => {
    const mus = new Array(50).fill(0)
    mus[17] = 0.004
    const result = cscv(blockStats(mus, 10, 60, 12), 50, 10)
    expect(result?.splits).toBe(252)
    expect(result?.pbo).toBeLessThan(0.02)
  })
  it('uses only the included trials and needs two of them', () => {
    const stats = blockStats([0, 0, 0], 4, 10, 1)
    expect(cscv(stats, 3, 4, { include: Uint8Array.from([1, 0, 0]) })).toBeNull()
    expect(() => cscv(stats, 3, 5)).toThrow(/even number/)
  })
})
