import type { TrialTable } from '../../../shared/contract'
import type { StatName } from '../../../shared/domain'
import { STAT_NAMES } from '../../../shared/domain'

const STAT_INDEX = Object.fromEntries(STAT_NAMES.map((n, i) => [n, i])) as Record<StatName, number>

export function trialCount(table: TrialTable): number {
  return table.feasible.length
}

/** One statistic of one trial (NaN when out of range). */
export function trialStat(table: TrialTable, trial: number, stat: StatName): number {
  return table.stats[trial * STAT_NAMES.length + STAT_INDEX[stat]] ?? NaN
}

/** One parameter's value in one trial, by the parameter's column. */
export function trialParam(table: TrialTable, trial: number, column: number): number {
  return table.params[trial * table.paramNames.length + column] ?? NaN
}

export function isFeasible(table: TrialTable, trial: number): boolean {
  return table.feasible[trial] === 1
}

/** Higher is better under the direction; −Infinity for NaN so it never wins. */
export function directedScore(value: number, direction: 'max' | 'min'): number {
  if (Number.isNaN(value)) return -Infinity
  return direction === 'max' ? value : -value
}
