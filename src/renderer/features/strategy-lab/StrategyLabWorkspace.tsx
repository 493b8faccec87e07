import { useEffect } from 'react'
import { ConfirmDialog } from './ConfirmDialog'
import { EditorHeader } from './EditorHeader'
import { startLabSession } from './lab-session'
import { installLabShortcuts } from './lab-shortcuts'
import { ResultsPanel } from './ResultsPanel'
import { RunHistory } from './RunHistory'
import { SetupPanel } from './SetupPanel'
import { StrategyEditor } from './StrategyEditor'
import { StrategyList } from './StrategyList'
import './strategy-lab.css'

/**
 * Write, check, backtest, optimise, walk-forward and stress-test strategies: strategies and
 * runs on the left, the editor over the results in the middle, the run setup on the right.
 */
export function StrategyLabWorkspace() {
  useEffect(() => {
    startLabSession(window.localStorage)
    return installLabShortcuts(window)
  }, [])
  return (
    <section className="workspace workspace--lab" data-testid="workspace-strategy-lab" aria-label="Strategy Lab">
      <div className="lab-layout">
        <div className="lab-column lab-column--left">
          <StrategyList />
          <RunHistory />
        </div>
        <div className="lab-column lab-column--center">
          <section className="panel lab-panel lab-editor-panel" aria-label="Strategy editor">
            <EditorHeader />
            <StrategyEditor />
          </section>
          <ResultsPanel />
        </div>
        <SetupPanel />
      </div>
      <ConfirmDialog />
    </section>
  )
}
