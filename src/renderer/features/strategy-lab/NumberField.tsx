import { useEffect, useState } from 'react'
import { formatParam } from './stat-format'

interface NumberFieldProps {
  readonly value: number
  readonly onCommit: (value: number) => void
  readonly label: string
  readonly testId?: string
  /** Shown = value × scale, e.g. 100 for a fraction typed as a percentage. */
  readonly scale?: number
  readonly min?: number
  readonly max?: number
  readonly integer?: boolean
  readonly disabled?: boolean
  readonly className?: string
  readonly title?: string
}

function shown(value: number, scale: number): string {
  return formatParam(value * scale)
}

/**
 * A number typed freely: each change that reads as a number in range is committed, anything
 * else is marked invalid until it does; leaving the field shows the committed value again.
 */
export function NumberField({ value, onCommit, label, testId, scale = 1, min, max, integer = false, disabled, className, title }: NumberFieldProps) {
  const [text, setText] = useState(() => shown(value, scale))
  const [invalid, setInvalid] = useState(false)
  useEffect(() => {
    setText((current) => (Number(current) === value * scale ? current : shown(value, scale)))
    setInvalid(false)
  }, [value, scale])
  const accept = (raw: string): boolean => {
    if (raw.trim() === '') return false
    const n = Number(raw) / scale
    if (!Number.isFinite(n)) return false
    if (integer && !Number.isInteger(n)) return false
    if (min !== undefined && n < min) return false
    if (max !== undefined && n > max) return false
    onCommit(n)
    return true
  }
  return (
    <input
      className={`lab-input lab-number${invalid ? ' lab-input--invalid' : ''}${className ? ` ${className}` : ''}`}
      inputMode="decimal"
      aria-label={label}
      aria-invalid={invalid}
      data-testid={testId}
      title={title ?? label}
      disabled={disabled}
      value={text}
      onChange={(e) => {
        setText(e.target.value)
        setInvalid(!accept(e.target.value))
      }}
      onBlur={() => {
        setText(shown(value, scale))
        setInvalid(false)
      }}
    />
  )
}
