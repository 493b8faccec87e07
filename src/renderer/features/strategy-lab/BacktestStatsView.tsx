import { useEffect, useState } from 'react'
import type { BacktestResult, ProfileStats, StatProfile } from '../../../shared/contract'
import { formatProfileStat } from '../../../shared/stats'
import { quorum } from '../../bridge'
import { StatsTable } from './StatsTable'

type Definitions = 'quorum' | StatProfile

const DEFINITIONS: readonly { readonly id: Definitions; readonly label: string }[] = [
  { id: 'quorum', label: 'Quorum' },
  { id: 'backtesting.py', label: 'backtesting.py 0.6.5' },
]

type Loaded = { readonly key: string; readonly stats: ProfileStats } | { readonly key: string; readonly error: string }

/**
 * A backtest's statistics, by Quorum's definitions (docs/metrics.md) or, to compare with another
 * tool, by that tool's: its labels, its formulas, its printout.
 */
export function BacktestStatsView({ result }: { readonly result: BacktestResult }) {
  const [definitions, setDefinitions] = useState<Definitions>('quorum')
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const key = `${result.run.id}:${definitions}`
  useEffect(() => {
    if (definitions === 'quorum') return
    let live = true
    void quorum.runs.statsAs({ id: result.run.id, profile: definitions }).then((r) => {
      if (live) setLoaded(r.ok ? { key, stats: r.value } : { key, error: r.error.message })
    })
    return () => {
      live = false
    }
  }, [definitions, key, result.run.id])
  const current = loaded?.key === key ? loaded : null
  return (
    <div className="lab-stats-view">
      <label className="lab-inline lab-hint">
        Definitions
        <select className="select" data-testid="lab-stat-definitions" value={definitions} onChange={(e) => setDefinitions(e.target.value as Definitions)}>
          {DEFINITIONS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      {definitions === 'quorum' ? (
        <StatsTable stats={result.stats} />
      ) : current === null ? (
        <div className="lab-empty">Computing…</div>
      ) : 'error' in current ? (
        <div className="lab-notice lab-notice--bad" role="alert" data-testid="lab-stat-definitions-error">
          {current.error}
        </div>
      ) : (
        <table className="lab-table lab-stats" data-testid="lab-profile-stats" aria-label={`Statistics as ${current.stats.title} defines them`}>
          <tbody>
            {current.stats.stats.map((s) => (
              <tr key={s.label} data-testid="lab-profile-stat" data-label={s.label} data-value={String(s.value)}>
                <th scope="row">{s.label}</th>
                <td className="num">{formatProfileStat(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
