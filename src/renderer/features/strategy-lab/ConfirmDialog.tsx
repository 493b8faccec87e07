import { useCallback } from 'react'
import { ConfirmBox } from '../../app/ConfirmBox'
import { useStore } from '../../app/store'

/** The Strategy Lab's confirm step (delete a strategy or run, discard unsaved changes). */
export function ConfirmDialog() {
  const confirm = useStore((s) => s.labConfirm)
  const setConfirm = useStore((s) => s.setLabConfirm)
  const cancel = useCallback(() => setConfirm(null), [setConfirm])
  if (!confirm) return null
  return (
    <ConfirmBox
      testId="lab-confirm"
      title={confirm.title}
      text={confirm.text}
      cancelLabel="Cancel"
      confirmLabel={confirm.confirmLabel}
      danger={confirm.danger}
      onCancel={cancel}
      onConfirm={() => {
        setConfirm(null)
        confirm.onConfirm()
      }}
    />
  )
}
