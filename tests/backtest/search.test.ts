import { describe, expect, it } from 'vitest'
import { axisValues, gridSearch, gridSize, randomSearch, tpeSearch, type ParamAxis, type SearchMethod } from '../../src/main/backtest/search'

const drain = (m: SearchMethod, batch = 7): number[][] => {
  const all: number[][] = []
  for (;;) {
    const next = m.ask(batch)
    if (next.length === 0) return all
    all.push(...next)
  }
}

describe('parameter axes', () => {
  it('steps from min to max without floating-point drift, and ends at max', () => {
    expect(axisValues('x', 0.1, 0.5, 0.1, false).values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5])
    expect(axisValues('n', 5, 50, 5, true).values).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50])
    expect(axisValues('n', 5, 12, 5, true).values).toEqual([5, 10, 12])
    expect(axisValues('n', 7, 7, 1, true).values).toEqual([7])
  })
  it('refuses an empty range or a step of 0, naming the parameter', () => {
    expect(() => axisValues('slow', 10, 5, 1, true)).toThrow(/slow.*10\.\.5/)
    expect(() => axisValues('slow', 1, 5, 0, true)).toThrow(/slow.*step/)
  })
})

describe('grid search', () => {
  const axes: ParamAxis[] = [
    { name: 'a', values: [1, 2] },
    { name: 'b', values: [10, 20, 30] },
  ]
  it('proposes every combination once, last axis fastest, across batches', () => {
    expect(drain(gridSearch(axes), 4)).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ])
    expect(gridSize(axes)).toBe(6)
  })
  it('refuses a grid over 100,000 combinations with the count', () => {
    const big: ParamAxis[] = [
      { name: 'a', values: Array.from({ length: 1000 }, (_, i) => i) },
      { name: 'b', values: Array.from({ length: 101 }, (_, i) => i) },
    ]
    expect(() => gridSearch(big)).toThrow(/101,000 combinations/)
  })
})

describe('random search', () => {
  const axes: ParamAxis[] = [
    { name: 'a', values: Array.from({ length: 10 }, (_, i) => i) },
    { name: 'b', values: Array.from({ length: 10 }, (_, i) => i * 2) },
  ]
  it('draws distinct combinations, the same ones for the same seed', () => {
    const one = drain(randomSearch(axes, 40, 7))
    expect(one).toHaveLength(40)
    expect(new Set(one.map((s) => s.join(','))).size).toBe(40)
    expect(drain(randomSearch(axes, 40, 7))).toEqual(one)
    expect(drain(randomSearch(axes, 40, 8))).not.toEqual(one)
  })
  it('stops at the size of the grid', () => {
    expect(drain(randomSearch(axes, 500, 1))).toHaveLength(100)
  })
})

describe('TPE', () => {
  const axes: ParamAxis[] = [
    { name: 'x', values: Array.from({ length: 60 }, (_, i) => i) },
    { name: 'y', values: Array.from({ length: 60 }, (_, i) => i) },
  ]
  const score = (s: readonly number[]): number => -(((s[0] ?? 0) - 41) ** 2) - ((s[1] ?? 0) - 13) ** 2
  const bestOf = (m: SearchMethod, trials: number): number => {
    let best = -Infinity
    let done = 0
    while (done < trials) {
      const batch = m.ask(Math.min(4, trials - done))
      if (batch.length === 0) break
      const scores = batch.map(score)
      m.tell(batch, scores)
      best = Math.max(best, ...scores)
      done += batch.length
    }
    return best
  }
  it('finds a better optimum than random search with the same budget, on most seeds', () => {
    let wins = 0
    let tpeTotal = 0
    let randomTotal = 0
    for (let seed = 1; seed <= 12; seed++) {
      const t = bestOf(tpeSearch(axes, 80, seed), 80)
      const r = bestOf(randomSearch(axes, 80, seed), 80)
      tpeTotal += t
      randomTotal += r
      if (t >= r) wins++
    }
    expect(wins).toBeGreaterThanOrEqual(9)
    expect(tpeTotal / 12).toBeGreaterThan(randomTotal / 12)
  })
  it('never proposes a combination twice and is reproducible from its seed', () => {
    const run = (): number[][] => {
      const m = tpeSearch(axes, 120, 3)
      const all: number[][] = []
      for (;;) {
        const b = m.ask(5)
        if (b.length === 0) return all
        m.tell(b, b.map(score))
        all.push(...b)
      }
    }
    const a = run()
    expect(a).toHaveLength(120)
    expect(new Set(a.map((s) => s.join(','))).size).toBe(120)
    expect(run()).toEqual(a)
  })
})
