import { useEffect, useRef } from 'react'
import { confirmDelete } from './data-actions'
import { formatCount } from './data-format'
import { useDataStore } from './data-store'

/** The confirm step before anything is deleted: says exactly what goes, and defaults to keeping it. */
export function ConfirmDelete() {
  const pending = useDataStore((s) => s.pendingDelete)
  const keep = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!pending) return
    keep.current?.focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') useDataStore.setState({ pendingDelete: null })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [pending])
  if (!pending) return null
  const what =
    pending.kind === 'instrument'
      ? `${pending.label} and everything stored for it: all its bars in every timeframe, adjustment factors and chart drawings.`
      : `the ${formatCount(pending.bars)} ${pending.label} (and their adjustment factors). Other timeframes stay.`
  return (
    <div className="data-confirm" role="alertdialog" aria-modal="true" aria-labelledby="data-confirm-title" data-testid="data-confirm">
      <div className="data-confirm__box">
        <h2 id="data-confirm-title" className="data-confirm__title">
          Delete {pending.label}?
        </h2>
        <p className="data-confirm__text">This deletes {what} It cannot be undone; re-import the files to get the bars back.</p>
        <div className="data-confirm__buttons">
          <button ref={keep} type="button" className="button" data-testid="data-confirm-keep" onClick={() => useDataStore.setState({ pendingDelete: null })}>
            Keep
          </button>
          <button type="button" className="button button--danger-solid" data-testid="data-confirm-delete" onClick={() => void confirmDelete()}>
            Delete
          </button>
        </div>
      </div>
    </div>
  )
}
