import type { ReactNode } from 'react'
import { ConventionsForm } from './ConventionsForm'
import { DataForm } from './DataForm'
import { ParamForm } from './ParamForm'
import { RunActions } from './RunActions'
import { MonteCarloForm } from './MonteCarloForm'
import { OptimiseForm } from './OptimiseForm'
import { WalkForwardForm } from './WalkForwardForm'

function Section({ title, open = false, children, testId }: { title: string; open?: boolean; children: ReactNode; testId: string }) {
  return (
    <details className="lab-section" open={open} data-testid={testId}>
      <summary className="lab-section__title">{title}</summary>
      <div className="lab-section__body">{children}</div>
    </details>
  )
}

/** The right column: the run buttons with their progress, then what they run on and how. */
export function SetupPanel() {
  return (
    <aside className="panel lab-panel lab-setup" aria-label="Run setup">
      <RunActions />
      <div className="lab-scroll">
        <Section title="Data" open testId="lab-section-data">
          <DataForm />
        </Section>
        <Section title="Parameters" open testId="lab-section-params">
          <ParamForm />
        </Section>
        <Section title="Conventions" testId="lab-section-conventions">
          <ConventionsForm />
        </Section>
        <Section title="Optimise" testId="lab-section-optimise">
          <OptimiseForm />
        </Section>
        <Section title="Walk-forward" testId="lab-section-walk-forward">
          <WalkForwardForm />
        </Section>
        <Section title="Monte Carlo" testId="lab-section-monte-carlo">
          <MonteCarloForm />
        </Section>
      </div>
    </aside>
  )
}
