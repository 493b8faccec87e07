import type { RunSummary } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { compareRuns, deleteRun, loadRuns, openRun } from './run-history-actions'
import { formatDateTime, formatPercent, formatRatio } from './stat-format'

const KIND_LABELS: Record<RunSummary['kind'], string> = { backtest: 'BT', optimization: 'OPT', 'walk-forward': 'WF', 'monte-carlo': 'MC' }
const KIND_TITLES: Record<RunSummary['kind'], string> = { backtest: 'Backtest', optimization: 'Optimisation', 'walk-forward': 'Walk-forward', 'monte-carlo': 'Monte Carlo' }

function headline(run: RunSummary): string {
  if (run.status !== 'completed') return run.status === 'failed' ? `failed${run.error ? `: ${run.error}` : ''}` : run.status
  if (!run.stats) return ''
  return `${formatPercent(run.stats.totalReturn, 1)} · Sharpe ${formatRatio(run.stats.sharpe)}`
}

function RunRow({ run }: { readonly run: RunSummary }) {
  const open = useStore((s) => (s.labComparison ? null : (s.labResult?.run.id ?? null)))
  const opening = useStore((s) => s.labOpeningRunId === run.id)
  const ticked = useStore((s) => s.labCompareIds.includes(run.id))
  const toggle = useStore((s) => s.toggleLabCompare)
  const completed = run.status === 'completed'
  const comparable = completed && run.kind === 'backtest'
  return (
    <li className={`lab-run${open === run.id ? ' lab-run--open' : ''}${completed ? '' : ' lab-run--inactive'}`} data-testid="lab-run-row" data-run-id={run.id} data-kind={run.kind} data-status={run.status}>
      {comparable ? (
        <input type="checkbox" className="lab-run__tick" aria-label={`Compare run ${run.id}`} data-testid="lab-run-compare" checked={ticked} onChange={() => toggle(run.id)} />
      ) : (
        <span className="lab-run__tick" />
      )}
      <button type="button" className="lab-run__main" disabled={!completed} onClick={() => void openRun(run.id)} title={`${KIND_TITLES[run.kind]} #${run.id}: ${run.title}\n${formatDateTime(run.startedAt / 1000)} UTC`}>
        <span className="lab-run__top">
          <span className={`lab-kind lab-kind--${run.kind}`}>{KIND_LABELS[run.kind]}</span>
          <span className="lab-run__title">{run.title}</span>
        </span>
        <span className={`lab-run__stats${run.status === 'failed' ? ' lab-down' : ''}`}>
          #{run.id} {opening ? '· opening…' : headline(run)}
        </span>
      </button>
      <button type="button" className="lab-icon-button lab-icon-button--danger" data-testid="lab-run-delete" aria-label={`Delete run ${run.id}`} title="Delete…" onClick={() => deleteRun(run.id)}>
        ×
      </button>
    </li>
  )
}

/** Every run, newest first: open one, tick two backtests to compare, delete. */
export function RunHistory() {
  const runs = useStore((s) => s.labRuns)
  const loaded = useStore((s) => s.labRunsLoaded)
  const ticked = useStore((s) => s.labCompareIds)
  return (
    <section className="panel lab-panel lab-history" aria-label="Run history">
      <div className="lab-panel__head">
        <h2 className="panel__title">Runs</h2>
        <span className="lab-spacer" />
        <button type="button" className="button button--small" data-testid="lab-compare" disabled={ticked.length !== 2} onClick={() => void compareRuns()} title="Tick two backtests, then compare their statistics and equity">
          Compare{ticked.length > 0 ? ` (${ticked.length}/2)` : ''}
        </button>
        <button type="button" className="lab-icon-button" aria-label="Refresh the runs" title="Refresh" onClick={() => void loadRuns()}>
          ↻
        </button>
      </div>
      <div className="lab-scroll">
        {loaded && runs.length === 0 ? <p className="lab-empty">No runs yet.</p> : null}
        <ul className="lab-runs" data-testid="lab-runs">
          {runs.map((r) => (
            <RunRow key={r.id} run={r} />
          ))}
        </ul>
      </div>
    </section>
  )
}
