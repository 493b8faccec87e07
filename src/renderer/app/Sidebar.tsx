import { NavIcon } from './NavIcon'
import { shortcutLabel } from './shortcuts'
import { WORKSPACES, useStore } from './store'

export function Sidebar() {
  const active = useStore((s) => s.workspace)
  const setWorkspace = useStore((s) => s.setWorkspace)
  return (
    <nav className="sidebar" aria-label="Workspaces">
      <div className="sidebar__brand" title="Quorum">
        Q
      </div>
      {WORKSPACES.map((w, i) => (
        <button
          key={w.id}
          type="button"
          className={`sidebar__item${w.id === active ? ' sidebar__item--active' : ''}${w.id === 'settings' ? ' sidebar__item--bottom' : ''}`}
          data-testid={`nav-${w.id}`}
          aria-current={w.id === active ? 'page' : undefined}
          title={`${w.label} (${shortcutLabel(String(i + 1))})`}
          onClick={() => setWorkspace(w.id)}
        >
          <NavIcon workspace={w.id} />
          <span className="sidebar__label">{w.label}</span>
        </button>
      ))}
    </nav>
  )
}
