import type { StateCreator } from 'zustand'
import type { BuiltinStrategy, StrategyCheck, StrategyId, StrategySummary } from '../../../shared/contract'
import type { QuorumStore } from '../../app/store'

/** The strategy open in the editor. */
export interface LabDocument {
  /** The saved strategy shown, or null for a new one not saved yet or a built-in. */
  readonly strategyId: StrategyId | null
  /** A built-in shown read-only (copy it to edit), or null. */
  readonly builtinId: string | null
  readonly name: string
  readonly source: string
  /** What is stored for it, or null when it was never saved. */
  readonly saved: { readonly name: string; readonly source: string } | null
  /** Bumped when the document is replaced rather than typed in: the editor then takes the new text. */
  readonly revision: number
}

/** A question before something is lost: deleting, or leaving unsaved changes. */
export interface LabConfirm {
  readonly title: string
  readonly text: string
  readonly confirmLabel: string
  readonly danger: boolean
  readonly onConfirm: () => void
}

export interface LabEditorSlice {
  readonly labStrategies: readonly StrategySummary[]
  readonly labBuiltins: readonly BuiltinStrategy[]
  readonly labStrategiesLoaded: boolean
  readonly labDocument: LabDocument
  /** The engine's check of `labCheckedSource`; null before the first answer. */
  readonly labCheck: StrategyCheck | null
  readonly labCheckedSource: string | null
  readonly labChecking: boolean
  /** The engine could not be asked (not: the source has errors). */
  readonly labCheckFailure: string | null
  readonly labSaving: boolean
  readonly labConfirm: LabConfirm | null
  setLabStrategies(strategies: readonly StrategySummary[]): void
  setLabBuiltins(builtins: readonly BuiltinStrategy[]): void
  /** Replaces what the editor shows. */
  openLabDocument(document: Omit<LabDocument, 'revision'>): void
  /** The trader typed. */
  setLabSource(source: string): void
  setLabName(name: string): void
  /** The document was saved as this strategy with this name and source. */
  markLabSaved(strategyId: StrategyId, name: string, source: string): void
  setLabChecking(checking: boolean): void
  setLabCheck(source: string, check: StrategyCheck): void
  setLabCheckFailure(message: string | null): void
  setLabSaving(saving: boolean): void
  setLabConfirm(confirm: LabConfirm | null): void
}

export const EMPTY_DOCUMENT: LabDocument = { strategyId: null, builtinId: null, name: '', source: '', saved: null, revision: 0 }

/** True when the editor holds changes the engine does not have (a built-in is never dirty). */
export function isDirty(doc: LabDocument): boolean {
  if (doc.builtinId !== null) return false
  if (doc.saved === null) return doc.source.trim() !== ''
  return doc.saved.source !== doc.source || doc.saved.name !== doc.name
}

export const createLabEditorSlice: StateCreator<QuorumStore, [], [], LabEditorSlice> = (set) => ({
  labStrategies: [],
  labBuiltins: [],
  labStrategiesLoaded: false,
  labDocument: EMPTY_DOCUMENT,
  labCheck: null,
  labCheckedSource: null,
  labChecking: false,
  labCheckFailure: null,
  labSaving: false,
  labConfirm: null,
  setLabStrategies: (labStrategies) => set({ labStrategies, labStrategiesLoaded: true }),
  setLabBuiltins: (labBuiltins) => set({ labBuiltins }),
  openLabDocument: (document) => set((s) => ({ labDocument: { ...document, revision: s.labDocument.revision + 1 } })),
  setLabSource: (source) => set((s) => (s.labDocument.source === source ? s : { labDocument: { ...s.labDocument, source } })),
  setLabName: (name) => set((s) => ({ labDocument: { ...s.labDocument, name } })),
  markLabSaved: (strategyId, name, source) =>
    set((s) => ({ labDocument: { ...s.labDocument, strategyId, builtinId: null, saved: { name, source } } })),
  setLabChecking: (labChecking) => set({ labChecking }),
  setLabCheck: (source, check) => set({ labCheck: check, labCheckedSource: source, labChecking: false, labCheckFailure: null }),
  setLabCheckFailure: (labCheckFailure) => set({ labCheckFailure, labChecking: false }),
  setLabSaving: (labSaving) => set({ labSaving }),
  setLabConfirm: (labConfirm) => set({ labConfirm }),
})
