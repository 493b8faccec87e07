import { useStore, type QuorumStore } from '../../app/store'
import { isDirty, type LabDocument } from './lab-editor-slice'
import { readOpenRun, readSetup, writeEditor, writeOpenRun, writeSetup, type KeyValueStorage } from './lab-storage'
import { loadRuns, reopenRun } from './run-history-actions'
import { loadStrategies, restoreEditor } from './strategy-actions'
import { CHECK_DELAY_MS, scheduleCheck } from './strategy-check'

let started = false

function editorRecord(doc: LabDocument): Parameters<typeof writeEditor>[1] {
  return { strategyId: doc.strategyId, builtinId: doc.builtinId, draft: isDirty(doc) ? { name: doc.name, source: doc.source } : null }
}

/** Listed instruments only; the first listed one when none is left (the demo market on a first start). */
function keepListed(s: QuorumStore): void {
  if (!s.instrumentsLoaded) return
  const listed = new Set<number>(s.instruments.map((i) => i.id))
  const chosen = s.labSetup.data.instruments.filter((id) => listed.has(id))
  const first = s.instruments[0]
  const next = chosen.length > 0 ? chosen : first ? [first.id] : []
  if (next.length !== s.labSetup.data.instruments.length || next.some((id, i) => id !== s.labSetup.data.instruments[i])) {
    s.updateLabSetup('data', { instruments: next })
  }
}

/**
 * Starts the Strategy Lab once per window, the first time it is shown: restores the setup and
 * the editor and the run shown from storage, lists strategies and runs, and from then on writes every change of
 * the editor and the setup back to storage (so a reload loses nothing typed), asks the engine
 * to check the source as it changes, and keeps the chosen instruments to listed ones.
 */
export function startLabSession(storage: KeyValueStorage): void {
  if (started) return
  started = true
  const store = useStore.getState()
  store.restoreLabSetup(readSetup(storage))
  keepListed(useStore.getState())
  useStore.subscribe((s, prev) => {
    if (s.labDocument !== prev.labDocument) writeEditor(storage, editorRecord(s.labDocument))
    if (s.labSetup !== prev.labSetup) writeSetup(storage, s.labSetup)
    if (s.labDocument.source !== prev.labDocument.source || s.labDocument.revision !== prev.labDocument.revision) {
      // A document just opened is checked at once; typing waits for a pause.
      scheduleCheck(s.labDocument.revision !== prev.labDocument.revision ? 0 : CHECK_DELAY_MS)
    }
    if (s.instruments !== prev.instruments || s.instrumentsLoaded !== prev.instrumentsLoaded) keepListed(s)
    if (s.labResult !== prev.labResult) writeOpenRun(storage, s.labResult?.run.id ?? null)
    // Back from a lost connection: what could not be read or checked then is asked for again.
    if (s.connection === 'open' && prev.connection !== 'open') {
      if (s.labCheckFailure !== null) scheduleCheck(0)
      void loadRuns()
    }
  })
  void (async () => {
    await loadStrategies()
    await restoreEditor(storage)
  })()
  void loadRuns()
  const openRun = readOpenRun(storage)
  if (openRun !== null) void reopenRun(openRun)
}
