import { useEffect, useRef } from 'react'
import { useStore } from '../../app/store'

/** The one question before something is lost; the safe answer has the focus and Esc gives it. */
export function ConfirmDialog() {
  const confirm = useStore((s) => s.labConfirm)
  const setConfirm = useStore((s) => s.setLabConfirm)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!confirm) return
    cancel.current?.focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setConfirm(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [confirm, setConfirm])
  if (!confirm) return null
  return (
    <div className="lab-confirm" role="alertdialog" aria-modal="true" aria-labelledby="lab-confirm-title" aria-describedby="lab-confirm-text" data-testid="lab-confirm">
      <div className="lab-confirm__box">
        <h2 id="lab-confirm-title" className="lab-confirm__title">
          {confirm.title}
        </h2>
        <p id="lab-confirm-text" className="lab-confirm__text">
          {confirm.text}
        </p>
        <div className="lab-confirm__buttons">
          <button ref={cancel} type="button" className="button" data-testid="lab-confirm-cancel" onClick={() => setConfirm(null)}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${confirm.danger ? 'button--danger-solid' : 'button--primary'}`}
            data-testid="lab-confirm-ok"
            onClick={() => {
              setConfirm(null)
              confirm.onConfirm()
            }}
          >
            {confirm.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
