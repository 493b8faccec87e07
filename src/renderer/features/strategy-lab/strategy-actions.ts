import type { StrategyDetail, StrategyId } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'
import { succeeded } from './engine-result'
import { isDirty, type LabDocument } from './lab-editor-slice'
import { readEditor } from './lab-storage'
import { newStrategySource, uniqueName } from './strategy-names'

const lab = () => useStore.getState()

export async function loadStrategies(): Promise<void> {
  const [list, builtins] = await Promise.all([quorum.strategies.list({}), quorum.strategies.builtins({})])
  if (succeeded('Listing your strategies', list)) lab().setLabStrategies(list.value)
  if (succeeded('Listing the built-in strategies', builtins)) lab().setLabBuiltins(builtins.value)
}

function savedDocument(detail: StrategyDetail): Omit<LabDocument, 'revision'> {
  return { strategyId: detail.id, builtinId: null, name: detail.name, source: detail.source, saved: { name: detail.name, source: detail.source } }
}

/**
 * Runs `open` now when nothing would be lost, else after the trader agrees to drop the
 * unsaved changes (they can Cancel and save first).
 */
function leaveDocument(open: () => void | Promise<void>): void {
  const doc = lab().labDocument
  if (!isDirty(doc)) {
    void open()
    return
  }
  lab().setLabConfirm({
    title: `Discard the changes to ${doc.name || 'this strategy'}?`,
    text: 'The editor has changes that are not saved. Cancel and press Save (Ctrl+S) to keep them.',
    confirmLabel: 'Discard changes',
    danger: true,
    onConfirm: () => void open(),
  })
}

export function openSavedStrategy(id: StrategyId): void {
  if (lab().labDocument.strategyId === id) return
  leaveDocument(async () => {
    const result = await quorum.strategies.get({ id })
    if (succeeded('Opening the strategy', result)) lab().openLabDocument(savedDocument(result.value))
  })
}

export function openBuiltinStrategy(builtinId: string): void {
  const builtin = lab().labBuiltins.find((b) => b.id === builtinId)
  if (!builtin || lab().labDocument.builtinId === builtinId) return
  leaveDocument(() => lab().openLabDocument({ strategyId: null, builtinId, name: builtin.name, source: builtin.source, saved: null }))
}

export function newStrategy(): void {
  leaveDocument(() => {
    const name = uniqueName('New strategy', lab().labStrategies.map((s) => s.name))
    lab().openLabDocument({ strategyId: null, builtinId: null, name, source: newStrategySource(name), saved: null })
  })
}

/** Saves the editor (Ctrl+S): a new strategy is created, a saved one gets a new version; a built-in is copied. */
export async function saveStrategy(): Promise<void> {
  const state = lab()
  const doc = state.labDocument
  if (state.labSaving) return
  if (doc.builtinId !== null) return copyBuiltinStrategy(doc.builtinId)
  const name = doc.name.trim() || uniqueName(state.labCheck?.name ?? 'Untitled strategy', state.labStrategies.map((s) => s.name))
  state.setLabSaving(true)
  try {
    const result = await quorum.strategies.save({ ...(doc.strategyId === null ? {} : { id: doc.strategyId }), name, source: doc.source })
    if (!succeeded(`Saving ${name}`, result)) return
    // The trader may have typed on while it saved: only what was sent counts as saved.
    lab().markLabSaved(result.value.id, result.value.name, result.value.source)
    if (lab().labDocument.name !== result.value.name && lab().labDocument.name === doc.name) lab().setLabName(result.value.name)
    await loadStrategies()
  } finally {
    lab().setLabSaving(false)
  }
}

/** Makes an editable copy of a built-in under a free name and opens it. */
export async function copyBuiltinStrategy(builtinId: string): Promise<void> {
  const builtin = lab().labBuiltins.find((b) => b.id === builtinId)
  if (!builtin || lab().labSaving) return
  const name = uniqueName(builtin.name, lab().labStrategies.map((s) => s.name))
  const open = async (): Promise<void> => {
    lab().setLabSaving(true)
    try {
      const result = await quorum.strategies.save({ name, source: builtin.source })
      if (!succeeded(`Copying ${builtin.name}`, result)) return
      lab().openLabDocument(savedDocument(result.value))
      await loadStrategies()
    } finally {
      lab().setLabSaving(false)
    }
  }
  if (lab().labDocument.builtinId === builtinId) await open()
  else leaveDocument(open)
}

/** A new name for the open strategy; a saved one is renamed at once (its unsaved text stays unsaved). */
export async function renameStrategy(name: string): Promise<void> {
  const trimmed = name.trim()
  const doc = lab().labDocument
  if (trimmed === '' || trimmed === doc.saved?.name) {
    lab().setLabName(doc.saved?.name ?? doc.name)
    return
  }
  lab().setLabName(trimmed)
  if (doc.strategyId === null || doc.saved === null) return
  const result = await quorum.strategies.save({ id: doc.strategyId, name: trimmed, source: doc.saved.source })
  if (!succeeded(`Renaming ${doc.saved.name}`, result)) {
    lab().setLabName(doc.saved.name)
    return
  }
  lab().markLabSaved(result.value.id, result.value.name, result.value.source)
  await loadStrategies()
}

/** Asks first, then deletes the saved strategy; runs made with it stay in the history. */
export function deleteStrategy(id: StrategyId): void {
  const summary = lab().labStrategies.find((s) => s.id === id)
  if (!summary) return
  lab().setLabConfirm({
    title: `Delete ${summary.name}?`,
    text: `This deletes the strategy and its ${summary.versions} saved version${summary.versions === 1 ? '' : 's'}. Runs made with it stay in the run history, each with its source. It cannot be undone.`,
    confirmLabel: 'Delete',
    danger: true,
    onConfirm: () => void confirmDeleteStrategy(id),
  })
}

async function confirmDeleteStrategy(id: StrategyId): Promise<void> {
  const name = lab().labStrategies.find((s) => s.id === id)?.name ?? `strategy ${id}`
  const result = await quorum.strategies.delete({ id })
  if (!succeeded(`Deleting ${name}`, result)) return
  const doc = lab().labDocument
  // The text stays in the editor as a new, unsaved strategy: deleting the record loses nothing typed.
  if (doc.strategyId === id) lab().openLabDocument({ ...doc, strategyId: null, saved: null })
  await loadStrategies()
}

/**
 * Opens what the editor held before the reload: the unsaved draft (over its saved strategy,
 * so it still shows as unsaved), else the strategy or built-in that was open, else the first
 * built-in as an example.
 */
export async function restoreEditor(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): Promise<void> {
  const stored = readEditor(storage)
  const builtins = lab().labBuiltins
  if (stored && stored.strategyId !== null) {
    const result = await quorum.strategies.get({ id: stored.strategyId as StrategyId })
    if (result.ok) {
      const saved = savedDocument(result.value)
      lab().openLabDocument(stored.draft ? { ...saved, name: stored.draft.name, source: stored.draft.source } : saved)
      return
    }
    // The strategy is gone (deleted elsewhere): its draft survives as a new strategy.
    if (stored.draft) {
      lab().openLabDocument({ strategyId: null, builtinId: null, name: stored.draft.name, source: stored.draft.source, saved: null })
      return
    }
  }
  if (stored?.draft && stored.strategyId === null && stored.builtinId === null) {
    lab().openLabDocument({ strategyId: null, builtinId: null, name: stored.draft.name, source: stored.draft.source, saved: null })
    return
  }
  const builtin = builtins.find((b) => b.id === stored?.builtinId) ?? builtins[0]
  if (builtin) lab().openLabDocument({ strategyId: null, builtinId: builtin.id, name: builtin.name, source: builtin.source, saved: null })
}
