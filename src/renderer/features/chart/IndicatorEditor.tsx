import { useEffect, useRef, useState } from 'react'
import type { ChartIndicator } from '../../../shared/contract'
import type { IndicatorInfo, IndicatorParamSpec } from '../../../shared/domain'
import { MA_TYPES } from '../../../shared/domain'
import { Icon } from './icons'

interface IndicatorEditorProps {
  readonly indicator: ChartIndicator
  readonly info: IndicatorInfo
  readonly onApply: (params: Record<string, number>) => void
  readonly onClose: () => void
}

/** The allowed range as a trader reads it; TA-Lib's "any real" bounds (±3e37) are not worth printing. */
export function describeRange(spec: IndicatorParamSpec): string {
  const huge = 1e9
  if (spec.min <= -huge && spec.max >= huge) return 'any number'
  if (spec.max >= huge) return `at least ${spec.min}`
  if (spec.min <= -huge) return `at most ${spec.max}`
  return `${spec.min} to ${spec.max}`
}

/** Why a typed value cannot be used, or null when it can. */
export function checkParam(spec: IndicatorParamSpec, text: string): string | null {
  if (text.trim() === '') return 'required'
  const value = Number(text)
  if (!Number.isFinite(value)) return 'not a number'
  if (spec.kind !== 'real' && !Number.isInteger(value)) return 'a whole number'
  if (value < spec.min || value > spec.max) return describeRange(spec)
  return null
}

/** The parameters of one indicator of a chart, as a form built from its parameter specs. */
export function IndicatorEditor({ indicator, info, onApply, onClose }: IndicatorEditorProps) {
  const initial = (): Record<string, string> => Object.fromEntries(info.params.map((p) => [p.name, String(indicator.params[p.name] ?? p.default)]))
  const [values, setValues] = useState<Record<string, string>>(initial)
  const firstRef = useRef<HTMLInputElement & HTMLSelectElement>(null)
  useEffect(() => {
    firstRef.current?.focus()
    firstRef.current?.select?.()
  }, [])

  const problems = Object.fromEntries(info.params.map((p) => [p.name, checkParam(p, values[p.name] ?? '')]))
  const valid = Object.values(problems).every((p) => p === null)
  const submit = (): void => {
    if (!valid) return
    onApply(Object.fromEntries(info.params.map((p) => [p.name, Number(values[p.name])])))
  }

  return (
    <form
      className="popover indicator-editor"
      data-testid="indicator-editor"
      aria-label={`${info.name} parameters`}
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <header className="popover__header">
        <span className="popover__title">
          {info.name} <span className="popover__subtitle">{info.title}</span>
        </span>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          <Icon name="close" size={14} />
        </button>
      </header>
      {info.params.length === 0 ? <p className="popover__note">{info.name} has no parameters.</p> : null}
      <div className="indicator-editor__fields">
        {info.params.map((spec, i) => (
          <label key={spec.name} className="field">
            <span className="field__label">{spec.label}</span>
            {spec.kind === 'ma-type' ? (
              <select
                ref={i === 0 ? firstRef : undefined}
                className="select field__input"
                data-testid={`indicator-param-${spec.name}`}
                value={values[spec.name]}
                onChange={(e) => setValues((v) => ({ ...v, [spec.name]: e.target.value }))}
              >
                {MA_TYPES.map((t, n) => (
                  <option key={t} value={String(n)} disabled={n < spec.min || n > spec.max}>
                    {t}
                  </option>
                ))}
              </select>
            ) : (
              <input
                ref={i === 0 ? firstRef : undefined}
                className="input field__input mono"
                data-testid={`indicator-param-${spec.name}`}
                type="number"
                inputMode={spec.kind === 'integer' ? 'numeric' : 'decimal'}
                min={spec.min}
                max={spec.max}
                step={spec.kind === 'integer' ? 1 : 'any'}
                value={values[spec.name]}
                aria-invalid={problems[spec.name] !== null}
                onChange={(e) => setValues((v) => ({ ...v, [spec.name]: e.target.value }))}
              />
            )}
            <span className={`field__hint${problems[spec.name] ? ' field__hint--bad' : ''}`}>
              {problems[spec.name] ?? (spec.kind === 'ma-type' ? 'moving average type' : describeRange(spec))}
            </span>
          </label>
        ))}
      </div>
      <footer className="popover__footer">
        <button
          type="button"
          className="button button--quiet"
          onClick={() => setValues(Object.fromEntries(info.params.map((p) => [p.name, String(p.default)])))}
          title="Back to the default parameters"
        >
          Defaults
        </button>
        <span className="toolbar__spacer" />
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" data-testid="indicator-apply" disabled={!valid}>
          Apply
        </button>
      </footer>
    </form>
  )
}
