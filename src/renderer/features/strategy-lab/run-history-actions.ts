import type { BacktestResult } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'
import { succeeded } from './engine-result'

const lab = () => useStore.getState()

/** How many runs the history lists. */
export const HISTORY_LIMIT = 200

export async function loadRuns(): Promise<void> {
  const result = await quorum.runs.list({ limit: HISTORY_LIMIT })
  if (succeeded('Listing the runs', result)) lab().setLabRuns(result.value)
}

/** Reads a stored run in full and shows it. */
export async function openRun(id: number): Promise<void> {
  lab().setLabOpeningRunId(id)
  try {
    const result = await quorum.runs.get({ id })
    if (succeeded(`Opening run #${id}`, result)) lab().showLabResult(result.value)
  } finally {
    if (lab().labOpeningRunId === id) lab().setLabOpeningRunId(null)
  }
}

/** Shows the run again after a reload; a run deleted meanwhile is simply not shown. */
export async function reopenRun(id: number): Promise<void> {
  const result = await quorum.runs.get({ id })
  if (result.ok && lab().labResult === null) lab().showLabResult(result.value)
}

export function deleteRun(id: number): void {
  const run = lab().labRuns.find((r) => r.id === id)
  lab().setLabConfirm({
    title: `Delete run #${id}?`,
    text: `This deletes ${run ? `“${run.title}”` : 'the run'} with its results (equity, trades, trials). It cannot be undone.`,
    confirmLabel: 'Delete run',
    danger: true,
    onConfirm: () => void confirmDeleteRun(id),
  })
}

async function confirmDeleteRun(id: number): Promise<void> {
  const result = await quorum.runs.delete({ id })
  if (!succeeded(`Deleting run #${id}`, result)) return
  lab().forgetLabRun(id)
  await loadRuns()
}

/** The two ticked backtests side by side (A the older run): statistics with their differences, equity curves on one chart. */
export async function compareRuns(): Promise<void> {
  const ids = [...lab().labCompareIds].sort((x, y) => x - y)
  const [a, b] = ids
  if (a === undefined || b === undefined) return
  const results = await Promise.all([quorum.runs.get({ id: a }), quorum.runs.get({ id: b })])
  const loaded: BacktestResult[] = []
  for (const [i, result] of results.entries()) {
    if (!succeeded(`Opening run #${ids[i]} to compare`, result)) return
    if (result.value.kind !== 'backtest') {
      lab().reportError('Comparing runs', { code: 'invalid-request', message: `Run #${result.value.run.id} is a ${result.value.kind} run; Compare takes two backtests.` })
      return
    }
    loaded.push(result.value)
  }
  const [first, second] = loaded
  if (first && second) lab().showLabComparison({ a: first, b: second })
}

/** Saves the run's self-contained HTML report through the browser's download. */
export async function exportReport(id: number): Promise<void> {
  const result = await quorum.runs.report({ id })
  if (!succeeded(`Exporting the report of run #${id}`, result)) return
  const url = URL.createObjectURL(new Blob([result.value.html], { type: 'text/html' }))
  const link = document.createElement('a')
  link.href = url
  link.download = result.value.fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own reference; free ours after the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
