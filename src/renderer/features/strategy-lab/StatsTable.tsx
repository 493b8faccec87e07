import type { BacktestStats, StatName } from '../../../shared/domain'
import { STAT_NAMES } from '../../../shared/domain'
import { formatStat, STAT_INFO } from './stat-format'

/** Statistics whose sign is the news: green above zero, red below. */
const SIGNED: ReadonlySet<StatName> = new Set(['totalReturn', 'annualReturn', 'sharpe', 'sortino', 'calmar', 'expectancy'])

export function signTone(name: StatName, value: number): string | undefined {
  if (!SIGNED.has(name) || !Number.isFinite(value) || value === 0) return undefined
  return value > 0 ? 'lab-up' : 'lab-down'
}

/** Every statistic of a run, formatted: percentages, 2-decimal ratios, money with 2 decimals. */
export function StatsTable({ stats, testId = 'lab-stats-table' }: { readonly stats: BacktestStats; readonly testId?: string }) {
  return (
    <table className="lab-table lab-stats" data-testid={testId} aria-label="Statistics">
      <tbody>
        {STAT_NAMES.map((name) => {
          const value = stats[name]
          const tone = signTone(name, value)
          return (
            <tr key={name} data-testid="lab-stat" data-stat={name} data-value={String(value)}>
              <th scope="row">{STAT_INFO[name].label}</th>
              <td className={tone ? `num ${tone}` : 'num'}>{formatStat(name, value)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
