import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language'
import { lintGutter, lintKeymap } from '@codemirror/lint'
import type { Extension } from '@codemirror/state'
import { Annotation, Compartment, EditorState, Prec } from '@codemirror/state'
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view'
import { tags as t } from '@lezer/highlight'
import type { Theme } from '../../../shared/contract'
import type { IndicatorInfo } from '../../../shared/domain'
import { strategyCompletions } from './strategy-completions'
import { strategyLanguageSupport } from './strategy-language'

/**
 * Colours come from CSS custom properties (strategy-lab.css), which reach into the editor's
 * shadow root, so one style serves both themes.
 */
const highlightStyle = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword], color: 'var(--syn-keyword)' },
  { tag: t.definition(t.variableName), color: 'var(--syn-definition)', fontWeight: '600' },
  { tag: t.standard(t.variableName), color: 'var(--syn-series)' },
  { tag: t.function(t.variableName), color: 'var(--syn-function)' },
  { tag: t.propertyName, color: 'var(--syn-property)' },
  { tag: [t.number, t.unit], color: 'var(--syn-number)' },
  { tag: t.string, color: 'var(--syn-string)' },
  { tag: t.lineComment, color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: t.operator, color: 'var(--syn-operator)' },
  { tag: t.invalid, color: 'var(--down)', textDecoration: 'underline wavy' },
])

function editorTheme(theme: Theme): Extension {
  return EditorView.theme(
    {
      '&': { height: '100%', backgroundColor: 'var(--bg-chart)', color: 'var(--text)', fontSize: '13px' },
      '&.cm-focused': { outline: 'none' },
      '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
      '.cm-content': { caretColor: 'var(--text)', padding: '6px 0' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: 'var(--editor-selection)' },
      '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
      '.cm-gutters': { backgroundColor: 'var(--bg-panel)', color: 'var(--text-faint)', borderRight: '1px solid var(--border)' },
      '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)', color: 'var(--text-muted)' },
      '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--accent)' },
      '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', color: 'var(--text)', border: '1px solid var(--border-strong)', borderRadius: '3px' },
      '.cm-tooltip-lint': { fontFamily: 'var(--font-ui)', fontSize: '12px' },
      '.cm-diagnostic': { padding: '4px 8px' },
      '.cm-diagnostic-error': { borderLeft: '3px solid var(--down)' },
      '.cm-diagnostic-warning': { borderLeft: '3px solid var(--busy)' },
      '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent-soft)', color: 'var(--text)' },
      '.cm-completionDetail': { color: 'var(--text-muted)', fontStyle: 'normal', marginLeft: '6px' },
      '.cm-completionInfo': { backgroundColor: 'var(--bg-raised)', border: '1px solid var(--border-strong)' },
      '.cm-panels': { backgroundColor: 'var(--bg-panel)', color: 'var(--text)' },
    },
    { dark: theme === 'dark' },
  )
}

export interface EditorCommands {
  /** The trader typed: the whole new text. */
  onChange(source: string): void
  onSave(): void
  onRunBacktest(): void
  onOptimise(): void
  /** The indicator catalog for completions, when known. */
  catalog(): readonly IndicatorInfo[] | null
}

/** Marks the transaction that puts a newly opened document in: not typing, so not reported as a change. */
export const documentReplaced = Annotation.define<boolean>()

/** Parts of the configuration that change while the editor lives. */
export const editorCompartments = { theme: new Compartment(), readOnly: new Compartment() }

export function themeExtension(theme: Theme): Extension {
  return editorTheme(theme)
}

export function readOnlyExtension(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]
}

/** The strategy editor's configuration: language, lint gutter, history, completion, and the Lab's keys. */
export function editorExtensions(commands: EditorCommands, theme: Theme, readOnly: boolean): Extension[] {
  const run = (f: () => void) => () => {
    f()
    return true
  }
  return [
    // Ahead of the default keymap, whose Mod-Enter inserts a blank line.
    Prec.highest(
      keymap.of([
        { key: 'Mod-s', run: run(commands.onSave), preventDefault: true },
        { key: 'Mod-Enter', run: run(commands.onRunBacktest), preventDefault: true },
        { key: 'Mod-Shift-Enter', run: run(commands.onOptimise), preventDefault: true },
      ]),
    ),
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    autocompletion({ override: [strategyCompletions(commands.catalog)], icons: false }),
    lintGutter(),
    strategyLanguageSupport(),
    syntaxHighlighting(highlightStyle),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.some((tr) => tr.annotation(documentReplaced))) commands.onChange(update.state.doc.toString())
    }),
    EditorView.contentAttributes.of({ 'aria-label': 'Strategy source', 'data-testid': 'lab-editor-content' }),
    editorCompartments.theme.of(editorTheme(theme)),
    editorCompartments.readOnly.of(readOnlyExtension(readOnly)),
  ]
}
