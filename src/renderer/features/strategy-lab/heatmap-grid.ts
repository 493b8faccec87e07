import { finiteExtent } from '../../../shared/stats'
import type { TrialTable } from '../../../shared/contract'
import type { StatName } from '../../../shared/domain'
import { directedScore, isFeasible, trialCount, trialParam, trialStat } from './trial-table'

/**
 * How trials that differ in the other parameters share a cell: `best-slice` shows only the
 * trials whose other parameters equal the best trial's; `best-of-others` shows, per cell, the
 * best value over every setting of the other parameters.
 */
export type HeatmapMode = 'best-slice' | 'best-of-others'

export interface HeatmapCell {
  /** The objective shown; NaN when no feasible trial falls in the cell. */
  readonly value: number
  /** The trial the value comes from, or −1. */
  readonly trial: number
  /** Trials that fell in the cell (after the slice), feasible or not. */
  readonly count: number
}

export interface HeatmapGrid {
  readonly xName: string
  /** Null with a single parameter: one row. */
  readonly yName: string | null
  readonly xs: readonly number[]
  readonly ys: readonly number[]
  /** ys.length × xs.length, row-major; row 0 is ys[0]. */
  readonly cells: readonly HeatmapCell[]
  /** Range of the finite values shown, for the colour scale. */
  readonly min: number
  readonly max: number
  /** The mode used: `best-slice` falls back to `best-of-others` when no trial is feasible. */
  readonly mode: HeatmapMode
  /** Cell of the best trial, when it is shown. */
  readonly bestCell: { readonly x: number; readonly y: number } | null
}

export interface HeatmapRequest {
  readonly xName: string
  readonly yName: string | null
  readonly objective: StatName
  readonly direction: 'max' | 'min'
  readonly mode: HeatmapMode
  /** Index of the best feasible trial, or −1. */
  readonly best: number
}

/** Parameter values equal up to float noise (a grid's 0.1 steps). */
function same(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

function distinctSorted(values: Iterable<number>): number[] {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b)
  const out: number[] = []
  for (const v of sorted) if (out.length === 0 || !same(out[out.length - 1] as number, v)) out.push(v)
  return out
}

function indexOfValue(values: readonly number[], v: number): number {
  let lo = 0
  let hi = values.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const m = values[mid] as number
    if (same(m, v)) return mid
    if (m < v) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** The objective over two parameters of an optimisation's trials, for the parameter-stability heatmap. */
export function buildHeatmap(table: TrialTable, request: HeatmapRequest): HeatmapGrid {
  const xCol = table.paramNames.indexOf(request.xName)
  const yCol = request.yName === null ? -1 : table.paramNames.indexOf(request.yName)
  if (xCol < 0) throw new Error(`No parameter "${request.xName}" in the trials.`)
  if (request.yName !== null && yCol < 0) throw new Error(`No parameter "${request.yName}" in the trials.`)
  const n = trialCount(table)
  const mode: HeatmapMode = request.mode === 'best-slice' && request.best >= 0 && request.best < n ? 'best-slice' : 'best-of-others'
  const others = table.paramNames.map((_, c) => c).filter((c) => c !== xCol && c !== yCol)
  const inSlice = (t: number): boolean => mode === 'best-of-others' || others.every((c) => same(trialParam(table, t, c), trialParam(table, request.best, c)))

  const xs = distinctSorted(Array.from({ length: n }, (_, t) => trialParam(table, t, xCol)))
  const ys = yCol < 0 ? [NaN] : distinctSorted(Array.from({ length: n }, (_, t) => trialParam(table, t, yCol)))
  const value = new Float64Array(xs.length * ys.length).fill(NaN)
  const trial = new Int32Array(xs.length * ys.length).fill(-1)
  const count = new Int32Array(xs.length * ys.length)
  for (let t = 0; t < n; t++) {
    if (!inSlice(t)) continue
    const xi = indexOfValue(xs, trialParam(table, t, xCol))
    const yi = yCol < 0 ? 0 : indexOfValue(ys, trialParam(table, t, yCol))
    if (xi < 0 || yi < 0) continue
    const cell = yi * xs.length + xi
    count[cell] = (count[cell] as number) + 1
    if (!isFeasible(table, t)) continue
    const v = trialStat(table, t, request.objective)
    const shown = trial[cell] as number
    if (shown < 0 || directedScore(v, request.direction) > directedScore(value[cell] as number, request.direction)) {
      value[cell] = v
      trial[cell] = t
    }
  }
  const { lo: min, hi: max } = finiteExtent(value)
  const cells: HeatmapCell[] = Array.from(value, (v, i) => ({ value: v, trial: trial[i] as number, count: count[i] as number }))
  const bestAt = cells.findIndex((c) => c.trial === request.best && request.best >= 0)
  return {
    xName: request.xName,
    yName: request.yName,
    xs,
    ys: yCol < 0 ? [] : ys,
    cells,
    min,
    max,
    mode,
    bestCell: bestAt < 0 ? null : { x: bestAt % xs.length, y: Math.floor(bestAt / xs.length) },
  }
}

/**
 * The colour of a value on the scale from worst (red) through amber to best (green); the
 * direction says which end is best. A flat scale (one value) is all green.
 */
export function heatColor(value: number, min: number, max: number, direction: 'max' | 'min'): string {
  if (!Number.isFinite(value)) return 'transparent'
  let t = max > min ? (value - min) / (max - min) : 1
  if (direction === 'min') t = 1 - t
  // Hue 0 (red) to 130 (green): a trader reads the map at a glance.
  const hue = Math.round(t * 130)
  return `hsl(${hue} 62% 42%)`
}
