import type { WorkspaceId } from './store'

/** Stroke drawings, 20×20, in the current text colour. */
const PATHS: Record<WorkspaceId, string> = {
  chart: 'M5 3v14M5 6h-2v7h4V6H5M12 2v16M10 5h4v8h-4zM17 5v12M15 8h4v5h-4z',
  'strategy-lab': 'M8 2h4M9 2v6L4 16a1.5 1.5 0 0 0 1.3 2h9.4A1.5 1.5 0 0 0 16 16L11 8V2M6.5 12h7',
  trading: 'M6 17V4M2.5 7.5 6 4l3.5 3.5M14 3v13M10.5 12.5 14 16l3.5-3.5',
  agents: 'M7 8.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM2 17c0-3 2.2-5 5-5s5 2 5 5M14 9a2 2 0 1 0 0-4M14.5 12c2 .3 3.5 2 3.5 4.5',
  risk: 'M10 2 3 5v5c0 4 3 7 7 8 4-1 7-4 7-8V5l-7-3zM10 7v4M10 13.5v.5',
  data: 'M3 5c0-1.4 3.1-2.5 7-2.5s7 1.1 7 2.5-3.1 2.5-7 2.5S3 6.4 3 5zM3 5v10c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V5M3 10c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5',
  settings: 'M3 5h8M15 5h2M3 10h2M9 10h8M3 15h10M17 15h0M11 3v4M5 8v4M13 13v4',
}

export function NavIcon({ workspace }: { workspace: WorkspaceId }) {
  return (
    <svg className="sidebar__icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d={PATHS[workspace]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
