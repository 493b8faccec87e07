import { createPrng, type Prng } from '../data'
import { EngineError } from '../kernel'

/** The most combinations a grid may have, and the most trials any search runs. */
export const MAX_TRIALS = 100_000

export interface ParamAxis {
  readonly name: string
  /** The values the search may pick, ascending (min, min + step, …, max). */
  readonly values: readonly number[]
}

/** Values from `min` to `max` in `step`s (the last one is `max` when the step overshoots it). */
export function axisValues(name: string, min: number, max: number, step: number, integer: boolean): ParamAxis {
  if (!(max >= min)) throw new EngineError('invalid-request', `Parameter "${name}": the range ${min}..${max} is empty.`)
  if (!(step > 0)) throw new EngineError('invalid-request', `Parameter "${name}": the step must be above 0, got ${step}.`)
  const count = Math.floor((max - min) / step + 1e-9) + 1
  if (count > MAX_TRIALS) throw new EngineError('invalid-request', `Parameter "${name}" has ${count} values in ${min}..${max} step ${step}; at most ${MAX_TRIALS}.`)
  const values: number[] = []
  for (let i = 0; i < count; i++) {
    // Computed from min each time, and rounded, so 0.1 steps don't drift (0.30000000000000004).
    const v = Number((min + i * step).toPrecision(12))
    values.push(integer ? Math.round(v) : v)
  }
  if (values[values.length - 1] !== max && max - (values[values.length - 1] ?? min) > step * 1e-9) values.push(max)
  return { name, values: [...new Set(values)] }
}

export function gridSize(axes: readonly ParamAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1)
}

/**
 * Proposes parameter sets and learns from their scores. Every method runs through this one
 * interface so the optimiser's loop (batches over the native sweep, progress, cancel) is shared.
 * A proposal is one value per axis, in axis order. `ask` returns fewer than asked (or none)
 * when the search is done. Scores: higher is better; -Infinity for a failed or infeasible trial.
 */
export interface SearchMethod {
  readonly name: 'grid' | 'random' | 'tpe'
  ask(count: number): number[][]
  tell(proposals: readonly (readonly number[])[], scores: readonly number[]): void
}

/** Every combination, in odometer order (the last axis fastest). */
export function gridSearch(axes: readonly ParamAxis[]): SearchMethod {
  const total = gridSize(axes)
  if (total > MAX_TRIALS) {
    throw new EngineError('invalid-request', `The grid has ${total.toLocaleString('en-US')} combinations; at most ${MAX_TRIALS.toLocaleString('en-US')}. Widen the steps or use random or TPE search.`)
  }
  let next = 0
  return {
    name: 'grid',
    ask(count) {
      const out: number[][] = []
      for (; out.length < count && next < total; next++) {
        let rest = next
        const set = new Array<number>(axes.length)
        for (let k = axes.length - 1; k >= 0; k--) {
          const values = axes[k]?.values ?? []
          set[k] = values[rest % values.length] ?? NaN
          rest = Math.floor(rest / values.length)
        }
        out.push(set)
      }
      return out
    },
    tell() {},
  }
}

function key(set: readonly number[]): string {
  return set.join('\u0000')
}

function randomSet(axes: readonly ParamAxis[], prng: Prng): number[] {
  return axes.map((a) => a.values[Math.floor(prng.next() * a.values.length)] ?? NaN)
}

/** `trials` distinct combinations drawn uniformly (all of them when the grid is smaller). */
export function randomSearch(axes: readonly ParamAxis[], trials: number, seed: number): SearchMethod {
  const prng = createPrng(seed, 1)
  const budget = Math.min(trials, gridSize(axes))
  const seen = new Set<string>()
  return {
    name: 'random',
    ask(count) {
      const out: number[][] = []
      while (out.length < count && seen.size < budget) {
        const set = randomSet(axes, prng)
        const k = key(set)
        if (seen.has(k)) continue
        seen.add(k)
        out.push(set)
      }
      return out
    },
    tell() {},
  }
}

/**
 * Tree-structured Parzen Estimator (Bergstra et al., 2011) over the grid's values. After a
 * random start, the trials seen are split into the best `gamma` share and the rest; for each
 * axis a smoothed histogram over the value indices is fitted to each group (a discrete Gaussian
 * kernel around each observation plus a uniform prior), candidates are drawn from the good
 * group's density, and the one with the highest ratio good/bad is proposed. Axes are modelled
 * independently, as in the original. Duplicates of earlier trials are not proposed.
 */
export function tpeSearch(axes: readonly ParamAxis[], trials: number, seed: number, options: { gamma?: number; startup?: number; candidates?: number } = {}): SearchMethod {
  const prng = createPrng(seed, 2)
  const budget = Math.min(trials, gridSize(axes))
  const gamma = options.gamma ?? 0.25
  const startup = Math.min(budget, options.startup ?? Math.max(10, Math.ceil(budget / 10)))
  const candidates = options.candidates ?? 24
  const seen = new Set<string>()
  const history: { idx: number[]; score: number }[] = []
  const indexOf = axes.map((a) => new Map(a.values.map((v, i) => [v, i])))

  const density = (axis: number, group: readonly number[][]): Float64Array => {
    const n = axes[axis]?.values.length ?? 0
    const weights = new Float64Array(n).fill(1 / n) // the prior: one pseudo-observation spread evenly
    const bandwidth = Math.max(1, n / Math.max(2, Math.sqrt(group.length + 1)) / 2)
    for (const obs of group) {
      const centre = obs[axis] ?? 0
      let mass = 0
      const kernel = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        const z = (i - centre) / bandwidth
        kernel[i] = Math.exp(-0.5 * z * z)
        mass += kernel[i] ?? 0
      }
      for (let i = 0; i < n; i++) weights[i] = (weights[i] ?? 0) + (kernel[i] ?? 0) / mass
    }
    const total = weights.reduce((s, w) => s + w, 0)
    for (let i = 0; i < n; i++) weights[i] = (weights[i] ?? 0) / total
    return weights
  }
  const sample = (weights: Float64Array): number => {
    let u = prng.next()
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0
      if (u < 0) return i
    }
    return weights.length - 1
  }

  const propose = (): number[] | null => {
    if (seen.size >= budget) return null
    if (history.length < startup) {
      for (let attempt = 0; attempt < 1000; attempt++) {
        const set = randomSet(axes, prng)
        if (!seen.has(key(set))) return set
      }
    }
    const ranked = [...history].sort((a, b) => b.score - a.score)
    const cut = Math.max(1, Math.ceil(gamma * ranked.length))
    const good = ranked.slice(0, cut).map((h) => h.idx)
    const bad = ranked.slice(cut).map((h) => h.idx)
    const l = axes.map((_, k) => density(k, good))
    const g = axes.map((_, k) => density(k, bad))
    let best: number[] | null = null
    let bestRatio = -Infinity
    for (let c = 0; c < candidates * 4 && (best === null || c < candidates); c++) {
      const idx = l.map((w) => sample(w))
      const set = idx.map((i, k) => axes[k]?.values[i] ?? NaN)
      if (seen.has(key(set))) continue
      let ratio = 0
      for (let k = 0; k < axes.length; k++) ratio += Math.log(l[k]?.[idx[k] ?? 0] ?? 1e-300) - Math.log(g[k]?.[idx[k] ?? 0] ?? 1e-300)
      if (ratio > bestRatio) {
        bestRatio = ratio
        best = set
      }
    }
    if (best) return best
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const set = randomSet(axes, prng)
      if (!seen.has(key(set))) return set
    }
    return null
  }

  return {
    name: 'tpe',
    ask(count) {
      const out: number[][] = []
      while (out.length < count) {
        const set = propose()
        if (!set) break
        seen.add(key(set))
        out.push(set)
      }
      return out
    },
    tell(proposals, scores) {
      proposals.forEach((set, i) => {
        const idx = set.map((v, k) => indexOf[k]?.get(v) ?? 0)
        const s = scores[i] ?? -Infinity
        history.push({ idx, score: Number.isNaN(s) ? -Infinity : s })
      })
    },
  }
}
