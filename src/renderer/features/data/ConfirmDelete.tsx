import { useCallback } from 'react'
import { ConfirmBox } from '../../app/ConfirmBox'
import { confirmDelete } from './data-actions'
import { formatCount } from './data-format'
import { useDataStore } from './data-store'

/** The confirm step before anything is deleted: says exactly what goes, and defaults to keeping it. */
export function ConfirmDelete() {
  const pending = useDataStore((s) => s.pendingDelete)
  const keep = useCallback(() => useDataStore.setState({ pendingDelete: null }), [])
  if (!pending) return null
  const what =
    pending.kind === 'instrument'
      ? `${pending.label} and everything stored for it: all its bars in every timeframe, adjustment factors and chart drawings.`
      : `the ${formatCount(pending.bars)} ${pending.label} (and their adjustment factors). Other timeframes stay.`
  return (
    <ConfirmBox
      testId="data-confirm"
      title={`Delete ${pending.label}?`}
      text={`This deletes ${what} It cannot be undone; re-import the files to get the bars back.`}
      cancelLabel="Keep"
      confirmLabel="Delete"
      danger
      onCancel={keep}
      onConfirm={() => void confirmDelete()}
      cancelTestId="data-confirm-keep"
      confirmTestId="data-confirm-delete"
    />
  )
}
