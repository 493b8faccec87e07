/** The workspaces of the left sidebar, in order; Ctrl+1..Ctrl+7 follow this order. */
export const WORKSPACES = [
  { id: 'chart', label: 'Chart' },
  { id: 'strategy-lab', label: 'Strategy Lab' },
  { id: 'trading', label: 'Trading' },
  { id: 'agents', label: 'Agents' },
  { id: 'risk', label: 'Risk' },
  { id: 'data', label: 'Data' },
  { id: 'settings', label: 'Settings' },
] as const

export type WorkspaceId = (typeof WORKSPACES)[number]['id']
