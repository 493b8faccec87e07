import { createPrng } from '../data'

export interface MonteCarloInput {
  /** Net P&L of each closed trade, in order (trade shuffle). */
  readonly tradePnl: ArrayLike<number>
  /** Daily returns of the run, in order (block bootstrap). */
  readonly dailyReturns: ArrayLike<number>
  readonly startingCash: number
}

export interface MonteCarloOptions {
  readonly method: 'trade-shuffle' | 'block-bootstrap'
  readonly iterations: number
  readonly blockSize: number
  readonly ruinDrawdown: number
  readonly seed: number
  /** Points kept per stored path (the fan chart). */
  readonly pathPoints?: number
  /** Called every few hundred paths; return false to stop (cancel). */
  readonly onProgress?: (done: number) => boolean
}

export interface MonteCarloOutcome {
  /** Per path, unsorted. */
  readonly totalReturn: Float64Array
  /** Per path: the largest 1 − equity / peak, as docs/metrics.md defines maxDrawdown. */
  readonly maxDrawdown: Float64Array
  readonly riskOfRuin: number
  /** Five paths (the 5th, 25th, 50th, 75th and 95th percentile by final equity), each `pathLength` points of equity. */
  readonly paths: Float64Array
  readonly pathLength: number
  readonly completed: number
}

/**
 * Resamples a run to see how much of its result was the order things happened in.
 * - trade-shuffle: the trades' P&L in a random order (a permutation), added to the starting cash:
 *   the final return is the same on every path; the drawdown is what changes.
 * - block-bootstrap: blocks of `blockSize` consecutive daily returns drawn with replacement
 *   until the run's length, compounded: both the return and the drawdown vary, and the blocks
 *   keep short-range dependence (volatility clusters) that drawing single days would break.
 * Ruin: a path whose drawdown from its peak reaches `ruinDrawdown` (or whose equity reaches 0).
 */
export function runMonteCarlo(input: MonteCarloInput, options: MonteCarloOptions): MonteCarloOutcome {
  const prng = createPrng(options.seed, 4)
  const shuffle = options.method === 'trade-shuffle'
  const source = shuffle ? input.tradePnl : input.dailyReturns
  const length = source.length
  const totalReturn = new Float64Array(options.iterations)
  const maxDrawdown = new Float64Array(options.iterations)
  const pathPoints = Math.max(2, Math.min(options.pathPoints ?? 200, length + 1))
  const keptPaths: Float64Array[] = []
  const order = Int32Array.from({ length }, (_, i) => i)
  const path = new Float64Array(length + 1)
  let ruined = 0
  let completed = 0
  for (let it = 0; it < options.iterations; it++) {
    if (it % 256 === 0 && options.onProgress && !options.onProgress(it)) break
    let equity = input.startingCash
    path[0] = equity
    if (shuffle) {
      for (let i = length - 1; i > 0; i--) {
        const j = Math.floor(prng.next() * (i + 1))
        const t = order[i] ?? 0
        order[i] = order[j] ?? 0
        order[j] = t
      }
      for (let i = 0; i < length; i++) {
        equity += source[order[i] ?? 0] ?? 0
        path[i + 1] = equity
      }
    } else {
      let i = 0
      while (i < length) {
        const start = Math.floor(prng.next() * Math.max(1, length - options.blockSize + 1))
        for (let k = 0; k < options.blockSize && i < length; k++, i++) {
          equity *= 1 + (source[Math.min(length - 1, start + k)] ?? 0)
          path[i + 1] = equity
        }
      }
    }
    let peak = -Infinity
    let worst = 0
    for (let i = 0; i <= length; i++) {
      const e = path[i] ?? 0
      if (e > peak) peak = e
      const dd = peak > 0 ? 1 - e / peak : 1
      if (dd > worst) worst = dd
    }
    totalReturn[it] = equity / input.startingCash - 1
    maxDrawdown[it] = worst
    if (worst >= options.ruinDrawdown || equity <= 0) ruined++
    keptPaths.push(downsample(path, pathPoints))
    completed++
  }
  // The stored paths: five percentiles of the final equity.
  const byFinal = keptPaths.map((p, i) => ({ p, r: totalReturn[i] ?? 0 })).sort((a, b) => a.r - b.r)
  const paths = new Float64Array(5 * pathPoints)
  ;[0.05, 0.25, 0.5, 0.75, 0.95].forEach((q, k) => {
    const chosen = byFinal[Math.min(byFinal.length - 1, Math.floor(q * byFinal.length))]
    if (chosen) paths.set(chosen.p, k * pathPoints)
  })
  return {
    totalReturn: totalReturn.subarray(0, completed),
    maxDrawdown: maxDrawdown.subarray(0, completed),
    riskOfRuin: completed > 0 ? ruined / completed : NaN,
    paths,
    pathLength: pathPoints,
    completed,
  }
}

function downsample(path: Float64Array, points: number): Float64Array {
  const out = new Float64Array(points)
  const last = path.length - 1
  for (let i = 0; i < points; i++) out[i] = path[Math.round((i * last) / (points - 1))] ?? 0
  return out
}

/** The q-quantile of sorted values (linear interpolation between neighbours). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const pos = q * (n - 1)
  const lo = Math.floor(pos)
  const hi = Math.min(n - 1, lo + 1)
  return (sorted[lo] ?? NaN) + ((sorted[hi] ?? NaN) - (sorted[lo] ?? NaN)) * (pos - lo)
}
