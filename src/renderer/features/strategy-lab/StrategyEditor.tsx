import { setDiagnostics } from '@codemirror/lint'
import { EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import { useStore } from '../../app/store'
import { loadIndicatorCatalog } from '../chart/chart-actions'
import { toEditorDiagnostics } from './diagnostic-positions'
import { documentReplaced, editorCompartments, editorExtensions, readOnlyExtension, themeExtension } from './editor-setup'
import { runBacktest, runOptimisation } from './run-actions'
import { saveStrategy } from './strategy-actions'

const lab = () => useStore.getState()

/** Shows the engine's check in the editor when it is about the text the editor holds. */
function showDiagnostics(view: EditorView): void {
  const { labCheck, labCheckedSource } = lab()
  const doc = view.state.doc
  if (!labCheck || labCheckedSource === null || labCheckedSource !== doc.toString()) return
  view.dispatch(setDiagnostics(view.state, toEditorDiagnostics(doc, labCheck.diagnostics)))
}

/**
 * The CodeMirror 6 editor. It lives in a shadow root: CodeMirror injects its styles, and in a
 * shadow root it does so with a constructed style sheet, which the page's CSP (style-src
 * 'self') allows where it would refuse a <style> element. The store holds the text; the
 * editor reports typing and takes a new text when another document is opened.
 */
export function StrategyEditor() {
  const host = useRef<HTMLDivElement>(null)
  const viewRef = useRef<EditorView | null>(null)
  const theme = useStore((s) => s.theme)
  const revision = useStore((s) => s.labDocument.revision)
  // Read-only until the document is restored, so nothing typed races the restore; built-ins always.
  const readOnly = useStore((s) => s.labDocument.builtinId !== null || s.labDocument.revision === 0)
  const check = useStore((s) => s.labCheck)
  const checkedSource = useStore((s) => s.labCheckedSource)

  useEffect(() => {
    const element = host.current
    if (!element) return
    void loadIndicatorCatalog()
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    const container = document.createElement('div')
    container.className = 'lab-editor-root'
    container.style.height = '100%'
    root.append(container)
    const { labDocument, theme: currentTheme } = lab()
    const commands = {
      onChange: (source: string) => lab().setLabSource(source),
      onSave: () => void saveStrategy(),
      onRunBacktest: () => void runBacktest(),
      onOptimise: () => void runOptimisation(),
      catalog: () => lab().indicatorCatalog,
    }
    const readOnlyNow = labDocument.builtinId !== null || labDocument.revision === 0
    const view = new EditorView({
      state: EditorState.create({ doc: labDocument.source, extensions: editorExtensions(commands, currentTheme, readOnlyNow) }),
      parent: container,
      root,
    })
    viewRef.current = view
    showDiagnostics(view)
    return () => {
      viewRef.current = null
      view.destroy()
      container.remove()
    }
  }, [])

  useEffect(() => {
    const view = viewRef.current
    if (!view) return
    const source = lab().labDocument.source
    if (view.state.doc.toString() !== source) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: source }, selection: { anchor: 0 }, annotations: documentReplaced.of(true), scrollIntoView: true })
    }
    showDiagnostics(view)
  }, [revision])

  useEffect(() => {
    viewRef.current?.dispatch({ effects: editorCompartments.readOnly.reconfigure(readOnlyExtension(readOnly)) })
  }, [readOnly])

  useEffect(() => {
    viewRef.current?.dispatch({ effects: editorCompartments.theme.reconfigure(themeExtension(theme)) })
  }, [theme])

  useEffect(() => {
    const view = viewRef.current
    if (view) showDiagnostics(view)
  }, [check, checkedSource])

  return <div ref={host} className="lab-editor" data-testid="lab-editor" data-readonly={readOnly} />
}
