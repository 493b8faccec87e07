import type { JobKind, JobProgress, Result, RunResult, StrategyRef } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'
import type { Built } from './run-requests'
import { backtestRequest, monteCarloRequest, optimizationRequest, walkForwardRequest } from './run-requests'
import { loadRuns } from './run-history-actions'
import { monteCarloSource } from './lab-runs-slice'

const lab = () => useStore.getState()
let nextRef = 1

const JOB_NAMES: Record<JobKind, string> = {
  backtest: 'backtest',
  optimization: 'optimisation',
  'walk-forward': 'walk-forward analysis',
  'monte-carlo': 'Monte Carlo simulation',
}

/** What a run uses: the saved strategy when the editor matches it, else the text in the editor as it is. */
export function currentStrategyRef(): StrategyRef {
  const doc = lab().labDocument
  if (doc.strategyId !== null && doc.saved !== null && doc.saved.source === doc.source) return { strategyId: doc.strategyId }
  return { source: doc.source }
}

/** Why the editor's strategy cannot run yet, or null. The engine's check decides; a stale check waits. */
export function strategyProblem(): string | null {
  const { labDocument, labCheck, labCheckedSource } = lab()
  if (labDocument.source.trim() === '') return 'The editor is empty: write a strategy or open one.'
  if (labCheck && labCheckedSource === labDocument.source && !labCheck.ok) {
    const errors = labCheck.diagnostics.filter((d) => d.severity === 'error').length
    return `The strategy has ${errors} error${errors === 1 ? '' : 's'}; they are underlined in the editor.`
  }
  return null
}

/**
 * Runs one Strategy Lab job: follows its progress events by our clientRef (they also carry the
 * engine's job id, which Cancel needs), then shows the result and refreshes the history. A
 * cancelled job is a notice, not an error.
 */
async function runJob<Req, T extends RunResult>(kind: JobKind, build: (clientRef: string) => Built<Req>, call: (request: Req) => Promise<Result<T>>): Promise<void> {
  if (lab().labJobs[kind]) return
  const clientRef = `lab-${kind}-${Date.now().toString(36)}-${nextRef++}`
  const built = build(clientRef)
  if (!built.ok) {
    lab().endLabJob(kind, { tone: 'bad', text: built.problem })
    return
  }
  lab().startLabJob(kind, clientRef)
  const off = quorum.on('jobProgress', (p: JobProgress) => {
    if (p.clientRef !== clientRef) return
    const knew = lab().labJobs[kind]?.jobId ?? null
    const job = lab().applyLabJobProgress(p)
    // Cancel was pressed before the engine named the job: send it now.
    if (job?.cancelling && knew === null) void quorum.backtests.cancel({ jobId: p.jobId })
  })
  let result: Result<T>
  try {
    result = await call(built.value)
  } finally {
    off()
  }
  if (result.ok) {
    lab().endLabJob(kind, { tone: 'ok', text: `Run #${result.value.run.id} finished.` })
    lab().showLabResult(result.value)
  } else if (result.error.code === 'cancelled') {
    lab().endLabJob(kind, { tone: 'info', text: `The ${JOB_NAMES[kind]} was cancelled.` })
  } else {
    lab().endLabJob(kind, { tone: 'bad', text: result.error.message })
    lab().reportError(`Running the ${JOB_NAMES[kind]}`, result.error)
  }
  await loadRuns()
}

function withStrategy<T>(build: (ref: StrategyRef) => Built<T>): Built<T> {
  const problem = strategyProblem()
  return problem ? { ok: false, problem } : build(currentStrategyRef())
}

export function runBacktest(): Promise<void> {
  return runJob('backtest', (ref) => withStrategy((s) => backtestRequest(s, lab().labSetup, ref)), quorum.backtests.run)
}

export function runOptimisation(): Promise<void> {
  return runJob('optimization', (ref) => withStrategy((s) => optimizationRequest(s, lab().labSetup, ref)), quorum.backtests.optimize)
}

export function runWalkForward(): Promise<void> {
  return runJob('walk-forward', (ref) => withStrategy((s) => walkForwardRequest(s, lab().labSetup, ref)), quorum.backtests.walkForward)
}

export function runMonteCarlo(): Promise<void> {
  return runJob('monte-carlo', (ref) => monteCarloRequest(monteCarloSource(lab().labResult)?.runId ?? null, lab().labSetup, ref), quorum.backtests.monteCarlo)
}

/** Asks the engine to stop the job; the job's own call then answers `cancelled`. */
export async function cancelJob(kind: JobKind): Promise<void> {
  const job = lab().labJobs[kind]
  if (!job || job.cancelling) return
  lab().markLabJobCancelling(kind)
  if (job.jobId === null) return
  const result = await quorum.backtests.cancel({ jobId: job.jobId })
  if (!result.ok) lab().reportError(`Cancelling the ${JOB_NAMES[kind]}`, result.error)
}
