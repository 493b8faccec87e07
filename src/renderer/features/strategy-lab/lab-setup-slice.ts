import type { StateCreator } from 'zustand'
import type { StrategyParamInfo } from '../../../shared/contract'
import type { QuorumStore } from '../../app/store'
import type { LabSetup, ParamSetup } from './lab-setup'
import { DEFAULT_SETUP, mergeParamSetup } from './lab-setup'

export interface LabSetupSlice {
  readonly labSetup: LabSetup
  /** Replaces the whole setup (restored from storage). */
  restoreLabSetup(setup: LabSetup): void
  /** Changes one part of the setup, e.g. `updateLabSetup('data', { timeframe: '1h' })`. */
  updateLabSetup<K extends Exclude<keyof LabSetup, 'params'>>(key: K, patch: Partial<LabSetup[K]>): void
  setLabParam(name: string, patch: Partial<Omit<ParamSetup, 'declared'>>): void
  /** The checked source declares these parameters. */
  applyLabParams(declared: readonly StrategyParamInfo[]): void
}

export const createLabSetupSlice: StateCreator<QuorumStore, [], [], LabSetupSlice> = (set) => ({
  labSetup: DEFAULT_SETUP,
  restoreLabSetup: (labSetup) => set({ labSetup }),
  updateLabSetup: (key, patch) => set((s) => ({ labSetup: { ...s.labSetup, [key]: { ...s.labSetup[key], ...patch } } })),
  setLabParam: (name, patch) =>
    set((s) => {
      const row = s.labSetup.params[name]
      if (!row) return s
      return { labSetup: { ...s.labSetup, params: { ...s.labSetup.params, [name]: { ...row, ...patch } } } }
    }),
  applyLabParams: (declared) =>
    set((s) => {
      const params = mergeParamSetup(s.labSetup.params, declared)
      return params === s.labSetup.params ? s : { labSetup: { ...s.labSetup, params } }
    }),
})
