/** The smallest and largest finite values, and how many values are finite (lo = Infinity, hi = −Infinity when none). */
export function finiteExtent(values: ArrayLike<number>): { lo: number; hi: number; count: number } {
  let lo = Infinity
  let hi = -Infinity
  let count = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    if (!Number.isFinite(v)) continue
    count++
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return { lo, hi, count }
}

export interface Histogram {
  /** bins + 1 edges, ascending. */
  readonly edges: readonly number[]
  readonly counts: readonly number[]
  /** Finite values counted. */
  readonly total: number
}

/**
 * Counts of the finite values in `bins` equal-width bins from their minimum to their maximum
 * (the last bin includes the maximum). Values all equal (up to float noise) make one bin, ±5% around them.
 */
export function histogram(values: ArrayLike<number>, bins: number): Histogram {
  const extent = finiteExtent(values)
  const total = extent.count
  let lo = extent.lo
  let hi = extent.hi
  if (total === 0) return { edges: [], counts: [], total: 0 }
  let count = Math.max(1, Math.floor(bins))
  // Equal up to float noise (a shuffle of the same trades ends at the same equity): one bin.
  if (hi - lo <= 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    const mid = (lo + hi) / 2
    const half = Math.max(Math.abs(mid) * 0.05, 0.005)
    lo = mid - half
    hi = mid + half
    count = 1
  }
  const width = (hi - lo) / count
  const counts = new Array<number>(count).fill(0)
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    if (!Number.isFinite(v)) continue
    const b = Math.min(count - 1, Math.floor((v - lo) / width))
    counts[b] = (counts[b] as number) + 1
  }
  const edges = Array.from({ length: count + 1 }, (_, i) => (i === count ? hi : lo + i * width))
  return { edges, counts, total }
}

/** Bins for n samples: about √n, between 10 and 60. */
export function binsFor(n: number): number {
  return Math.min(60, Math.max(10, Math.round(Math.sqrt(n))))
}
