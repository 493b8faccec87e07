import { WORKSPACES } from '../../app/store'
import { PLANNED } from './workspace-descriptions'

export function PlaceholderWorkspace({ workspace }: { workspace: keyof typeof PLANNED }) {
  const label = WORKSPACES.find((w) => w.id === workspace)?.label ?? workspace
  const [what, state] = PLANNED[workspace]
  return (
    <section className="workspace workspace--placeholder" data-testid={`workspace-${workspace}`} aria-label={label}>
      <div className="placeholder">
        <h1 className="placeholder__title">{label}</h1>
        <p className="placeholder__text">{what}</p>
        <p className="placeholder__state">{state}</p>
      </div>
    </section>
  )
}
