import type { Constraint, SEARCH_METHODS, StrategyParamInfo } from '../../../shared/contract'
import type { Conventions, StatName, Timeframe } from '../../../shared/domain'
import { DEFAULT_CONVENTIONS } from '../../../shared/domain'

/** What to run on: instruments (several make a portfolio), timeframe, dates as typed, prices. */
export interface DataSetup {
  readonly instruments: readonly number[]
  readonly timeframe: Timeframe
  /** "YYYY-MM-DD" or empty (from the first stored bar / to the last). */
  readonly from: string
  readonly to: string
  readonly adjusted: boolean
}

/** One parameter's row of the form: its backtest value and its optimisation range. */
export interface ParamSetup {
  readonly value: number
  readonly min: number
  readonly max: number
  readonly step: number
  /** Searched by Optimise and Walk-forward; when off, the parameter stays at `value`. */
  readonly optimise: boolean
  /** What the strategy declared when this row was made: a changed declaration resets the row. */
  readonly declared: StrategyParamInfo
}

export type SearchMethod = (typeof SEARCH_METHODS)[number]

export interface OptimiseSetup {
  readonly method: SearchMethod
  readonly trials: number
  readonly objective: StatName
  readonly direction: 'max' | 'min'
  readonly constraints: readonly Constraint[]
  readonly seed: number
}

export interface WalkForwardSetup {
  readonly mode: 'anchored' | 'rolling'
  readonly windows: number
  readonly outOfSampleFraction: number
}

export interface MonteCarloSetup {
  readonly method: 'trade-shuffle' | 'block-bootstrap'
  readonly iterations: number
  readonly blockSize: number
  readonly ruinDrawdown: number
  readonly seed: number
}

/** Everything the run buttons need besides the strategy; kept across reloads. */
export interface LabSetup {
  readonly data: DataSetup
  readonly conventions: Conventions
  readonly params: Readonly<Record<string, ParamSetup>>
  readonly optimise: OptimiseSetup
  readonly walkForward: WalkForwardSetup
  readonly monteCarlo: MonteCarloSetup
}

export const DEFAULT_SETUP: LabSetup = {
  data: { instruments: [], timeframe: '1D', from: '', to: '', adjusted: true },
  conventions: DEFAULT_CONVENTIONS,
  params: {},
  optimise: { method: 'grid', trials: 200, objective: 'sharpe', direction: 'max', constraints: [], seed: 1 },
  walkForward: { mode: 'rolling', windows: 5, outOfSampleFraction: 0.25 },
  monteCarlo: { method: 'trade-shuffle', iterations: 2000, blockSize: 20, ruinDrawdown: 0.5, seed: 1 },
}

function sameDeclaration(a: StrategyParamInfo, b: StrategyParamInfo): boolean {
  return a.default === b.default && a.min === b.min && a.max === b.max && a.step === b.step && a.integer === b.integer
}

/** A fresh row from the declaration: the default value, the declared range, searched when it has one. */
export function paramSetupFrom(info: StrategyParamInfo): ParamSetup {
  const ranged = info.max > info.min
  return { value: info.default, min: info.min, max: info.max, step: info.step > 0 ? info.step : 1, optimise: ranged, declared: info }
}

/**
 * The parameter rows for a newly checked source: rows of parameters whose declaration is
 * unchanged keep what the trader typed; new or changed ones start from the declaration; rows
 * of parameters the source no longer has are dropped. Returns `previous` itself when nothing changed.
 */
export function mergeParamSetup(previous: Readonly<Record<string, ParamSetup>>, declared: readonly StrategyParamInfo[]): Readonly<Record<string, ParamSetup>> {
  const next: Record<string, ParamSetup> = {}
  let changed = Object.keys(previous).length !== declared.length
  for (const info of declared) {
    const kept = previous[info.name]
    if (kept && sameDeclaration(kept.declared, info)) next[info.name] = kept
    else {
      next[info.name] = paramSetupFrom(info)
      changed = true
    }
  }
  return changed ? next : previous
}

/** A problem with a parameter row, in words, or null when it is usable. */
export function paramProblem(name: string, p: ParamSetup): string | null {
  if (!Number.isFinite(p.value)) return `${name}: the value is not a number.`
  if (p.declared.integer && !Number.isInteger(p.value)) return `${name} takes whole numbers.`
  if (!p.optimise) return null
  if (!(p.min <= p.max)) return `${name}: the range's minimum ${p.min} is above its maximum ${p.max}.`
  if (!(p.step > 0)) return `${name}: the step must be above 0.`
  if ((p.max - p.min) / p.step > 100_000) return `${name}: ${p.min}..${p.max} step ${p.step} has too many values; take a larger step.`
  return null
}

/** Grid size of the rows searched (1 when none is): the number of trials a grid search runs. */
export function gridSize(params: Readonly<Record<string, ParamSetup>>): number {
  let n = 1
  for (const p of Object.values(params)) {
    if (!p.optimise || !(p.step > 0) || !(p.max >= p.min)) continue
    n *= Math.floor((p.max - p.min) / p.step + 1e-9) + 1
  }
  return n
}
