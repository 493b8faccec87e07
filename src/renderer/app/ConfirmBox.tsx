import { useEffect, useRef, type ReactNode } from 'react'

export interface ConfirmBoxProps {
  /** Prefix of the data-testids: `${testId}`, `${testId}-cancel` and `${testId}-ok` unless named below. */
  readonly testId: string
  readonly title: ReactNode
  readonly text: ReactNode
  readonly cancelLabel: string
  readonly confirmLabel: string
  /** A destructive action: the confirm button is red. */
  readonly danger: boolean
  readonly onCancel: () => void
  readonly onConfirm: () => void
  readonly cancelTestId?: string
  readonly confirmTestId?: string
}

/**
 * The one question before something is lost, shared by every workspace: the safe answer has the
 * focus, Esc gives it, and the box covers only its workspace.
 */
export function ConfirmBox(props: ConfirmBoxProps) {
  const { onCancel } = props
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    cancel.current?.focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onCancel()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onCancel])
  const id = `${props.testId}-title`
  return (
    <div className="confirm" role="alertdialog" aria-modal="true" aria-labelledby={id} aria-describedby={`${props.testId}-text`} data-testid={props.testId}>
      <div className="confirm__box">
        <h2 id={id} className="confirm__title">
          {props.title}
        </h2>
        <p id={`${props.testId}-text`} className="confirm__text">
          {props.text}
        </p>
        <div className="confirm__buttons">
          <button ref={cancel} type="button" className="button" data-testid={props.cancelTestId ?? `${props.testId}-cancel`} onClick={onCancel}>
            {props.cancelLabel}
          </button>
          <button type="button" className={`button ${props.danger ? 'button--danger-solid' : 'button--primary'}`} data-testid={props.confirmTestId ?? `${props.testId}-ok`} onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
