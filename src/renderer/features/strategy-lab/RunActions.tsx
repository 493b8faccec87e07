import type { JobKind } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { JobProgressBar } from './JobProgressBar'
import { LAB_KEYS } from './lab-shortcuts'
import { runBacktest, runMonteCarlo, runOptimisation, runWalkForward } from './run-actions'

const ACTIONS: readonly { kind: JobKind; label: string; testId: string; run: () => Promise<void>; keys?: string; primary?: boolean }[] = [
  { kind: 'backtest', label: 'Run backtest', testId: 'lab-run-backtest', run: runBacktest, keys: LAB_KEYS.runBacktest, primary: true },
  { kind: 'optimization', label: 'Optimise', testId: 'lab-run-optimise', run: runOptimisation, keys: LAB_KEYS.optimise },
  { kind: 'walk-forward', label: 'Walk-forward', testId: 'lab-run-walk-forward', run: runWalkForward },
  { kind: 'monte-carlo', label: 'Monte Carlo', testId: 'lab-run-monte-carlo', run: runMonteCarlo },
]

/** The four jobs, each with its progress bar and Cancel while it runs. */
export function RunActions() {
  const jobs = useStore((s) => s.labJobs)
  return (
    <section className="lab-actions" aria-label="Run">
      <div className="lab-actions__buttons">
        {ACTIONS.map((a) => (
          <button
            key={a.kind}
            type="button"
            className={`button${a.primary ? ' button--primary' : ''}`}
            data-testid={a.testId}
            disabled={jobs[a.kind] !== undefined}
            title={a.keys ? `${a.label} (${a.keys})` : a.label}
            onClick={() => void a.run()}
          >
            {a.label}
          </button>
        ))}
      </div>
      <p className="lab-keys" data-testid="lab-keys">
        <kbd>{LAB_KEYS.runBacktest}</kbd> backtest · <kbd>{LAB_KEYS.optimise}</kbd> optimise · <kbd>{LAB_KEYS.save}</kbd> save · <kbd>{LAB_KEYS.nextProblem}</kbd> next problem
      </p>
      {ACTIONS.map((a) => (
        <JobProgressBar key={a.kind} kind={a.kind} label={a.label} />
      ))}
    </section>
  )
}
