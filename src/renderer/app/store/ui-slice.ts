import type { StateCreator } from 'zustand'
import type { Theme } from '../../../shared/contract'
import type { WorkspaceId } from './workspaces'
import type { QuorumStore } from './index'

export interface UiSlice {
  readonly theme: Theme
  readonly workspace: WorkspaceId
  setTheme(theme: Theme): void
  setWorkspace(workspace: WorkspaceId): void
}

export const createUiSlice: StateCreator<QuorumStore, [], [], UiSlice> = (set) => ({
  theme: 'dark',
  workspace: 'chart',
  setTheme: (theme) => set({ theme }),
  setWorkspace: (workspace) => set({ workspace }),
})
