import type { StateCreator } from 'zustand'
import type { QuorumStore } from '../../app/store'
import type { LabEditorSlice } from './lab-editor-slice'
import { createLabEditorSlice } from './lab-editor-slice'
import type { LabJobsSlice } from './lab-jobs-slice'
import { createLabJobsSlice } from './lab-jobs-slice'
import type { LabRunsSlice } from './lab-runs-slice'
import { createLabRunsSlice } from './lab-runs-slice'
import type { LabSetupSlice } from './lab-setup-slice'
import { createLabSetupSlice } from './lab-setup-slice'

/** The Strategy Lab's state in the app store: the editor, the run setup, running jobs, and runs. */
export type StrategyLabSlice = LabEditorSlice & LabSetupSlice & LabJobsSlice & LabRunsSlice

export const createStrategyLabSlice: StateCreator<QuorumStore, [], [], StrategyLabSlice> = (...a) => ({
  ...createLabEditorSlice(...a),
  ...createLabSetupSlice(...a),
  ...createLabJobsSlice(...a),
  ...createLabRunsSlice(...a),
})
