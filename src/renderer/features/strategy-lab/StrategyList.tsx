import { useStore } from '../../app/store'
import { isDirty } from './lab-editor-slice'
import { copyBuiltinStrategy, deleteStrategy, newStrategy, openBuiltinStrategy, openSavedStrategy } from './strategy-actions'

function SavedStrategies() {
  const strategies = useStore((s) => s.labStrategies)
  const loaded = useStore((s) => s.labStrategiesLoaded)
  const openId = useStore((s) => s.labDocument.strategyId)
  const dirty = useStore((s) => isDirty(s.labDocument))
  if (loaded && strategies.length === 0) return <p className="lab-empty">No saved strategies yet. Copy a built-in below, or press New.</p>
  return (
    <ul className="lab-list" aria-label="My strategies">
      {strategies.map((s) => (
        <li key={s.id} className={`lab-list__row${s.id === openId ? ' lab-list__row--open' : ''}`} data-testid="lab-strategy" data-strategy-id={s.id} data-name={s.name}>
          <button type="button" className="lab-list__main" onClick={() => openSavedStrategy(s.id)} title={`${s.name} · ${s.versions} version${s.versions === 1 ? '' : 's'}`}>
            <span className="lab-list__name">{s.name}</span>
            {s.id === openId && dirty ? <span className="lab-list__dirty" aria-label="unsaved changes">●</span> : null}
          </button>
          <button type="button" className="lab-icon-button lab-icon-button--danger" data-testid="lab-strategy-delete" aria-label={`Delete ${s.name}`} title="Delete…" onClick={() => deleteStrategy(s.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}

function BuiltinStrategies() {
  const builtins = useStore((s) => s.labBuiltins)
  const openId = useStore((s) => s.labDocument.builtinId)
  const saving = useStore((s) => s.labSaving)
  return (
    <ul className="lab-list" aria-label="Built-in strategies">
      {builtins.map((b) => (
        <li key={b.id} className={`lab-list__row${b.id === openId ? ' lab-list__row--open' : ''}`} data-testid="lab-builtin" data-builtin-id={b.id} data-name={b.name}>
          <button type="button" className="lab-list__main" onClick={() => openBuiltinStrategy(b.id)} title={b.description}>
            <span className="lab-list__name">{b.name}</span>
          </button>
          <button type="button" className="lab-icon-button" data-testid="lab-builtin-copy" disabled={saving} aria-label={`Copy ${b.name} to my strategies`} title="Copy to my strategies" onClick={() => void copyBuiltinStrategy(b.id)}>
            Copy
          </button>
        </li>
      ))}
    </ul>
  )
}

/** The left column's top: the trader's strategies, New, Delete, and the built-ins to copy from. */
export function StrategyList() {
  return (
    <section className="panel lab-panel lab-strategies" aria-label="Strategies">
      <div className="lab-panel__head">
        <h2 className="panel__title">My strategies</h2>
        <span className="lab-spacer" />
        <button type="button" className="button button--small" data-testid="lab-new" onClick={newStrategy}>
          New
        </button>
      </div>
      <div className="lab-scroll">
        <SavedStrategies />
        <h3 className="lab-subtitle">Built-in</h3>
        <BuiltinStrategies />
      </div>
    </section>
  )
}
