import { ChartWorkspace } from '../features/chart/ChartWorkspace'
import { DataWorkspace } from '../features/data/DataWorkspace'
import { StrategyLabWorkspace } from '../features/strategy-lab/StrategyLabWorkspace'
import { PlaceholderWorkspace } from '../features/workspaces/PlaceholderWorkspace'
import { SettingsWorkspace } from '../features/workspaces/SettingsWorkspace'
import { ErrorBanner } from './ErrorBanner'
import { Sidebar } from './Sidebar'
import { StatusBar } from './StatusBar'
import { useStore } from './store'
import { WorkspaceErrorBoundary } from './WorkspaceErrorBoundary'

export function App() {
  const workspace = useStore((s) => s.workspace)
  return (
    <div className="frame">
      <Sidebar />
      <main className="frame__main">
        <ErrorBanner />
        <WorkspaceErrorBoundary>
          {/* The chart stays mounted while hidden so switching back does not rebuild it or reload bars. */}
          <ChartWorkspace hidden={workspace !== 'chart'} />
          {workspace === 'settings' ? <SettingsWorkspace /> : null}
          {workspace === 'data' ? <DataWorkspace /> : null}
          {workspace === 'strategy-lab' ? <StrategyLabWorkspace /> : null}
          {workspace !== 'chart' && workspace !== 'settings' && workspace !== 'data' && workspace !== 'strategy-lab' ? <PlaceholderWorkspace workspace={workspace} /> : null}
        </WorkspaceErrorBoundary>
      </main>
      <StatusBar />
    </div>
  )
}
