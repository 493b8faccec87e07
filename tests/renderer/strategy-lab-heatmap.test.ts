import { describe, expect, it } from 'vitest'
import type { TrialTable } from '../../src/shared/contract'
import { STAT_NAMES, type StatName } from '../../src/shared/domain'
import { buildHeatmap, heatColor } from '../../src/renderer/features/strategy-lab/heatmap-grid'

/** Trials of a grid over fast × slow × stop, sharpe = fast/10 + slow/100 − stop (so the best is the highest fast and slow, lowest stop). */
function table(rows: readonly { fast: number; slow: number; stop: number; feasible?: boolean }[]): TrialTable {
  const width = STAT_NAMES.length
  const stats = new Float64Array(rows.length * width).fill(NaN)
  rows.forEach((r, i) => {
    const set = (name: StatName, v: number): void => void (stats[i * width + STAT_NAMES.indexOf(name)] = v)
    set('sharpe', r.fast / 10 + r.slow / 100 - r.stop)
    set('trades', 40)
  })
  return {
    paramNames: ['fast', 'slow', 'stop'],
    params: Float64Array.from(rows.flatMap((r) => [r.fast, r.slow, r.stop])),
    stats,
    feasible: Uint8Array.from(rows.map((r) => (r.feasible === false ? 0 : 1))),
  }
}

const grid = (): { fast: number; slow: number; stop: number }[] => {
  const rows = []
  for (const fast of [5, 10]) for (const slow of [20, 30, 40]) for (const stop of [1, 2]) rows.push({ fast, slow, stop })
  return rows
}

describe('parameter-stability heatmap', () => {
  it('lays out one cell per pair of values, other parameters fixed at the best trial', () => {
    const t = table(grid())
    const best = 10 // fast 10, slow 40, stop 1
    const h = buildHeatmap(t, { xName: 'fast', yName: 'slow', objective: 'sharpe', direction: 'max', mode: 'best-slice', best })
    expect(h.xs).toEqual([5, 10])
    expect(h.ys).toEqual([20, 30, 40])
    expect(h.mode).toBe('best-slice')
    // Row y=20: fast 5 and 10 with stop 1.
    expect(h.cells.map((c) => c.value)).toEqual([0.5 + 0.2 - 1, 1 + 0.2 - 1, 0.5 + 0.3 - 1, 1 + 0.3 - 1, 0.5 + 0.4 - 1, 1 + 0.4 - 1])
    expect(h.cells.every((c) => c.count === 1)).toBe(true)
    expect(h.bestCell).toEqual({ x: 1, y: 2 })
    expect(h.min).toBeCloseTo(-0.3)
    expect(h.max).toBeCloseTo(0.4)
  })

  it('takes the best over the other parameters when aggregating by max', () => {
    const h = buildHeatmap(table(grid()), { xName: 'fast', yName: 'slow', objective: 'sharpe', direction: 'max', mode: 'best-of-others', best: 10 })
    expect(h.cells[0]).toMatchObject({ value: 0.5 + 0.2 - 1, count: 2 })
    // With `min`, the best is the highest stop.
    const low = buildHeatmap(table(grid()), { xName: 'fast', yName: 'slow', objective: 'sharpe', direction: 'min', mode: 'best-of-others', best: 10 })
    expect(low.cells[0]?.value).toBeCloseTo(0.5 + 0.2 - 2)
  })

  it('leaves cells of infeasible trials empty but counts them', () => {
    const rows = grid().map((r) => ({ ...r, feasible: r.fast !== 5 }))
    const h = buildHeatmap(table(rows), { xName: 'fast', yName: 'slow', objective: 'sharpe', direction: 'max', mode: 'best-slice', best: 10 })
    expect(Number.isNaN(h.cells[0]!.value)).toBe(true)
    expect(h.cells[0]!.count).toBe(1)
    expect(h.cells[0]!.trial).toBe(-1)
  })

  it('falls back to the best over others when there is no best trial, and draws one row for one parameter', () => {
    const h = buildHeatmap(table(grid()), { xName: 'slow', yName: null, objective: 'sharpe', direction: 'max', mode: 'best-slice', best: -1 })
    expect(h.mode).toBe('best-of-others')
    expect(h.xs).toEqual([20, 30, 40])
    expect(h.ys).toEqual([])
    expect(h.cells).toHaveLength(3)
    expect(h.cells[2]?.value).toBeCloseTo(1 + 0.4 - 1)
  })

  it('matches parameter values despite float noise from stepping', () => {
    const t: TrialTable = { ...table([{ fast: 0.1 + 0.2, slow: 20, stop: 1 }, { fast: 0.3, slow: 30, stop: 1 }]) }
    const h = buildHeatmap(t, { xName: 'fast', yName: 'slow', objective: 'sharpe', direction: 'max', mode: 'best-of-others', best: 0 })
    expect(h.xs).toHaveLength(1)
  })

  it('colours the best end green and the worst red, whichever the direction', () => {
    expect(heatColor(1, 0, 1, 'max')).toBe('hsl(130 62% 42%)')
    expect(heatColor(0, 0, 1, 'max')).toBe('hsl(0 62% 42%)')
    expect(heatColor(0, 0, 1, 'min')).toBe('hsl(130 62% 42%)')
    expect(heatColor(NaN, 0, 1, 'max')).toBe('transparent')
  })

  it('refuses a parameter the trials do not have', () => {
    expect(() => buildHeatmap(table(grid()), { xName: 'nope', yName: null, objective: 'sharpe', direction: 'max', mode: 'best-slice', best: 0 })).toThrow(/nope/)
  })
})
