import type { StateCreator } from 'zustand'
import type { ContractError } from '../../../shared/contract'
import type { QuorumStore } from './index'

export interface ShownError {
  readonly id: number
  /** What the app was doing, e.g. "Loading 1h bars for DEMO-ALPHA". */
  readonly context: string
  readonly code: ContractError['code'] | 'renderer'
  readonly message: string
  /** How many times this same error has happened since it was first shown. */
  readonly count: number
}

export interface ErrorsSlice {
  readonly errors: readonly ShownError[]
  reportError(context: string, error: Pick<ShownError, 'code' | 'message'>): void
  dismissError(id: number): void
  dismissAllErrors(): void
}

let nextErrorId = 1

export const createErrorsSlice: StateCreator<QuorumStore, [], [], ErrorsSlice> = (set) => ({
  errors: [],
  reportError: (context, { code, message }) =>
    set((s) => {
      const same = s.errors.find((e) => e.context === context && e.code === code && e.message === message)
      if (same) return { errors: s.errors.map((e) => (e === same ? { ...e, count: e.count + 1 } : e)) }
      return { errors: [...s.errors, { id: nextErrorId++, context, code, message, count: 1 }] }
    }),
  dismissError: (id) => set((s) => ({ errors: s.errors.filter((e) => e.id !== id) })),
  dismissAllErrors: () => set({ errors: [] }),
})
