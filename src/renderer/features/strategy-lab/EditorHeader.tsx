import { useEffect, useState } from 'react'
import { shortcutLabel } from '../../app/shortcuts'
import { useStore } from '../../app/store'
import { countDiagnostics } from './diagnostic-positions'
import { isDirty } from './lab-editor-slice'
import { copyBuiltinStrategy, renameStrategy, saveStrategy } from './strategy-actions'

export const SAVE_KEYS = shortcutLabel('S')

/** Where the check stands for the text in the editor: still checking, clean, or how many problems. */
function CheckStatus() {
  const source = useStore((s) => s.labDocument.source)
  const check = useStore((s) => s.labCheck)
  const checkedSource = useStore((s) => s.labCheckedSource)
  const failure = useStore((s) => s.labCheckFailure)
  if (failure) {
    return (
      <span className="lab-check lab-check--bad" data-testid="lab-check-status" data-state="failed" title={failure}>
        Not checked
      </span>
    )
  }
  if (!check || checkedSource !== source) {
    return (
      <span className="lab-check lab-check--busy" data-testid="lab-check-status" data-state="checking">
        Checking…
      </span>
    )
  }
  const { errors, warnings } = countDiagnostics(check.diagnostics)
  const state = errors > 0 ? 'errors' : 'ok'
  const text = errors === 0 && warnings === 0 ? 'No errors' : [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ')
  return (
    <span
      className={`lab-check lab-check--${errors > 0 ? 'bad' : warnings > 0 ? 'warn' : 'ok'}`}
      data-testid="lab-check-status"
      data-state={state}
      data-errors={errors}
      data-warnings={warnings}
      title={errors + warnings > 0 ? 'F8 goes to the next problem; hover an underline to read it' : 'The engine found no problems'}
    >
      {text}
    </span>
  )
}

/** The name field: typed freely, renamed (saved) on Enter or when it loses the focus. */
function NameField() {
  const name = useStore((s) => s.labDocument.name)
  const revision = useStore((s) => s.labDocument.revision)
  const [text, setText] = useState(name)
  useEffect(() => setText(name), [name, revision])
  return (
    <input
      className="lab-input lab-name"
      aria-label="Strategy name"
      data-testid="lab-name"
      value={text}
      maxLength={120}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => void renameStrategy(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur()
        if (e.key === 'Escape') {
          setText(name)
          e.currentTarget.blur()
        }
      }}
    />
  )
}

export function EditorHeader() {
  const doc = useStore((s) => s.labDocument)
  const saving = useStore((s) => s.labSaving)
  const dirty = isDirty(doc)
  if (doc.builtinId !== null) {
    return (
      <div className="lab-editor-head">
        <span className="lab-editor-head__name">{doc.name}</span>
        <span className="badge lab-badge--builtin">Built-in · read only</span>
        <CheckStatus />
        <span className="lab-spacer" />
        <button type="button" className="button button--primary" data-testid="lab-copy-open-builtin" disabled={saving} onClick={() => void copyBuiltinStrategy(doc.builtinId as string)}>
          Copy to my strategies
        </button>
      </div>
    )
  }
  return (
    <div className="lab-editor-head">
      <NameField />
      <span className={`lab-saved${dirty ? ' lab-saved--dirty' : ''}`} data-testid="lab-saved-state" data-dirty={dirty}>
        {dirty ? '● Unsaved' : doc.saved ? 'Saved' : ''}
      </span>
      <CheckStatus />
      <span className="lab-spacer" />
      <button type="button" className="button button--primary" data-testid="lab-save" disabled={saving || (!dirty && doc.saved !== null)} title={`Save (${SAVE_KEYS})`} onClick={() => void saveStrategy()}>
        {saving ? 'Saving…' : 'Save'}
      </button>
    </div>
  )
}
