import { allocateBars, type BarColumns } from '../../src/shared/domain'

/** mulberry32: a tiny seeded PRNG in [0, 1), so fixtures are the same on every run and machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface RandomWalkOptions {
  /** Open time of the first bar, epoch seconds (default 2024-01-03T09:30:00Z). */
  readonly start?: number
  /** Seconds between bars (default 60). */
  readonly step?: number
  /** Chance that a bar is followed by a gap of 2–501 steps, so some buckets are empty (default 0). */
  readonly gapChance?: number
}

/** A seeded random walk of OHLCV bars with high ≥ max(open, close) and low ≤ min(open, close). */
export function seededRandomWalk(seed: number, count: number, options: RandomWalkOptions = {}): BarColumns {
  const { start = 1_704_274_200, step = 60, gapChance = 0 } = options
  const random = mulberry32(seed)
  const bars = allocateBars(count)
  let t = start
  let price = 100
  for (let i = 0; i < count; i++) {
    const open = price
    const close = open * (1 + (random() - 0.5) * 0.004)
    bars.time[i] = t
    bars.open[i] = open
    bars.close[i] = close
    bars.high[i] = Math.max(open, close) * (1 + random() * 0.001)
    bars.low[i] = Math.min(open, close) * (1 - random() * 0.001)
    bars.volume[i] = Math.floor(random() * 1000)
    price = close
    t += gapChance > 0 && random() < gapChance ? step * (2 + Math.floor(random() * 500)) : step
  }
  return bars
}
