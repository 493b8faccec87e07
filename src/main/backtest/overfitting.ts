import { createPrng } from '../data'

/** The Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329

/** Standard normal CDF, via erfc (tests check it against tabulated values to 1e-15). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN
  return 0.5 * erfc(-x / Math.SQRT2)
}

function erfc(x: number): number {
  // A Chebyshev expansion of erfc(z)·exp(z²) in t = 2 / (2 + z) (Numerical Recipes, 3rd ed., §6.2.2).
  const z = Math.abs(x)
  const t = 2 / (2 + z)
  const ty = 4 * t - 2
  const COF = [
    -1.3026537197817094, 0.6419697923564902, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4, 3.66839497852761e-4,
    4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
    5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
    3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
  ]
  let d = 0
  let dd = 0
  for (let j = COF.length - 1; j > 0; j--) {
    const tmp = d
    d = ty * d - dd + (COF[j] ?? 0)
    dd = tmp
  }
  const r = t * Math.exp(-z * z + 0.5 * ((COF[0] ?? 0) + ty * d) - dd)
  return x >= 0 ? r : 2 - r
}

/** Inverse of the standard normal CDF (Acklam's algorithm with one Halley refinement step). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const at = (arr: number[], i: number): number => arr[i] ?? 0
  const low = 0.02425
  let x: number
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    x = (((((at(c, 0) * q + at(c, 1)) * q + at(c, 2)) * q + at(c, 3)) * q + at(c, 4)) * q + at(c, 5)) / ((((at(d, 0) * q + at(d, 1)) * q + at(d, 2)) * q + at(d, 3)) * q + 1)
  } else if (p <= 1 - low) {
    const q = p - 0.5
    const r = q * q
    x =
      ((((((at(a, 0) * r + at(a, 1)) * r + at(a, 2)) * r + at(a, 3)) * r + at(a, 4)) * r + at(a, 5)) * q) /
      (((((at(b, 0) * r + at(b, 1)) * r + at(b, 2)) * r + at(b, 3)) * r + at(b, 4)) * r + 1)
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    x = -(((((at(c, 0) * q + at(c, 1)) * q + at(c, 2)) * q + at(c, 3)) * q + at(c, 4)) * q + at(c, 5)) / ((((at(d, 0) * q + at(d, 1)) * q + at(d, 2)) * q + at(d, 3)) * q + 1)
  }
  const e = normalCdf(x) - p
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2)
  return x - u / (1 + (x * u) / 2)
}

/** Mean, variance and standard deviation (n − 1), skewness and (non-excess) kurtosis of a sample. */
export function moments(values: ArrayLike<number>): { n: number; mean: number; variance: number; std: number; skew: number; kurtosis: number } {
  const n = values.length
  let sum = 0
  for (let i = 0; i < n; i++) sum += values[i] ?? 0
  const mean = sum / n
  let m2 = 0
  let m3 = 0
  let m4 = 0
  for (let i = 0; i < n; i++) {
    const d = (values[i] ?? 0) - mean
    m2 += d * d
    m3 += d * d * d
    m4 += d * d * d * d
  }
  const variance = m2 / n
  const sample = n > 1 ? m2 / (n - 1) : NaN
  return {
    n,
    mean,
    variance: sample,
    std: Math.sqrt(sample),
    skew: variance > 0 ? m3 / n / variance ** 1.5 : 0,
    kurtosis: variance > 0 ? m4 / n / (variance * variance) : 3,
  }
}

/**
 * The Sharpe ratio the best of `trials` independent strategies with no skill would show, given
 * the variance of the trials' (per-period) Sharpe ratios (Bailey & López de Prado, 2014, eq. 5
 * with the false-strategy theorem's approximation of the expected maximum).
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (trials < 2 || !(sharpeVariance > 0)) return 0
  return Math.sqrt(sharpeVariance) * ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) + EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)))
}

/**
 * The Deflated Sharpe Ratio: the probability that the true (per-period) Sharpe of the selected
 * strategy exceeds `benchmark` (the best expected from luck alone), given `n` returns with the
 * sample's skewness and kurtosis (Probabilistic Sharpe Ratio, Bailey & López de Prado 2012/2014).
 */
export function deflatedSharpe(sharpe: number, benchmark: number, n: number, skew: number, kurtosis: number): number {
  if (n < 2 || Number.isNaN(sharpe)) return NaN
  const denominator = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe
  if (!(denominator > 0)) return NaN
  return normalCdf(((sharpe - benchmark) * Math.sqrt(n - 1)) / Math.sqrt(denominator))
}

export interface CscvResult {
  /** The share of splits whose in-sample best ranks at or below the out-of-sample median. */
  readonly pbo: number
  /** λ of each split evaluated. */
  readonly logits: Float64Array
  readonly splits: number
}

/** All k-subsets of 0..n−1 as bit masks, or `limit` of them drawn at random (seeded) when there are more. */
function combinations(n: number, k: number, limit: number, seed: number): number[] {
  const all: number[] = []
  let total = 1
  for (let i = 0; i < k; i++) total = (total * (n - i)) / (i + 1)
  if (total <= limit) {
    for (let mask = 0; mask < 1 << n; mask++) if (popcount(mask) === k) all.push(mask)
    return all
  }
  const prng = createPrng(seed, 3)
  const seen = new Set<number>()
  while (all.length < limit) {
    const pool = Array.from({ length: n }, (_, i) => i)
    let mask = 0
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(prng.next() * (n - i))
      const t = pool[i] ?? 0
      pool[i] = pool[j] ?? 0
      pool[j] = t
      mask |= 1 << (pool[i] ?? 0)
    }
    if (!seen.has(mask)) {
      seen.add(mask)
      all.push(mask)
    }
  }
  return all
}

function popcount(x: number): number {
  let c = 0
  for (let v = x; v; v &= v - 1) c++
  return c
}

/**
 * Probability of Backtest Overfitting by combinatorially symmetric cross-validation (Bailey,
 * Borwein, López de Prado & Zhu, 2017). `blockReturns` holds, per trial and per block of the
 * timeline, the count, sum and sum of squares of its daily returns (trials × blocks × 3): the
 * Sharpe of any union of blocks follows from them. For each split of the blocks into two halves,
 * the trial best in-sample is ranked out-of-sample; λ = logit(rank / (N + 1)), and PBO is the
 * share of λ ≤ 0. With more than `maxSplits` splits a seeded sample of them is used.
 */
export function cscv(blockReturns: Float64Array, trials: number, blocks: number, options: { maxSplits?: number; seed?: number; include?: Uint8Array } = {}): CscvResult | null {
  if (blocks % 2 !== 0 || blocks < 2 || blocks > 24) throw new RangeError(`CSCV needs an even number of blocks from 2 to 24, got ${blocks}.`)
  const members: number[] = []
  for (let t = 0; t < trials; t++) if (!options.include || options.include[t]) members.push(t)
  if (members.length < 2) return null
  const masks = combinations(blocks, blocks / 2, options.maxSplits ?? 2_000, options.seed ?? 1)
  const logits = new Float64Array(masks.length)
  const sharpeOf = (t: number, mask: number): number => {
    let n = 0
    let s = 0
    let ss = 0
    for (let b = 0; b < blocks; b++) {
      if (!(mask & (1 << b))) continue
      const at = (t * blocks + b) * 3
      n += blockReturns[at] ?? 0
      s += blockReturns[at + 1] ?? 0
      ss += blockReturns[at + 2] ?? 0
    }
    if (n < 2) return -Infinity
    const mean = s / n
    const variance = (ss - n * mean * mean) / (n - 1)
    return variance > 0 ? mean / Math.sqrt(variance) : mean > 0 ? Infinity : mean < 0 ? -Infinity : 0
  }
  const full = (1 << blocks) - 1
  let overfit = 0
  masks.forEach((mask, i) => {
    let best = members[0] ?? 0
    let bestScore = -Infinity
    for (const t of members) {
      const s = sharpeOf(t, mask)
      if (s > bestScore) {
        bestScore = s
        best = t
      }
    }
    const oos = full & ~mask
    const bestOos = sharpeOf(best, oos)
    // Rank 1 is the worst out-of-sample; ties share the average rank.
    let below = 0
    let equal = 0
    for (const t of members) {
      const s = sharpeOf(t, oos)
      if (s < bestOos) below++
      else if (s === bestOos) equal++
    }
    const rank = below + (equal + 1) / 2
    const omega = rank / (members.length + 1)
    const lambda = Math.log(omega / (1 - omega))
    logits[i] = lambda
    if (lambda <= 0) overfit++
  })
  return { pbo: overfit / masks.length, logits, splits: masks.length }
}
