import type { Text } from '@codemirror/state'
import type { StrategyDiagnostic } from '../../../shared/contract'

/** A diagnostic as CodeMirror's lint takes it: document offsets, end exclusive. */
export interface EditorDiagnostic {
  readonly from: number
  readonly to: number
  readonly severity: 'error' | 'warning'
  readonly message: string
}

/**
 * The offset of a 1-based line and column (UTF-16 units, as the engine counts them) in the
 * document. Positions past the end of a line or of the document are clamped to it, so a
 * diagnostic about a source that changed since still lands somewhere sensible.
 */
export function offsetOf(doc: Text, line: number, column: number): number {
  if (doc.lines === 0) return 0
  if (line < 1) return 0
  if (line > doc.lines) return doc.length
  const at = doc.line(line)
  const col = Math.max(1, Math.floor(column))
  return Math.min(at.from + col - 1, at.to)
}

/** The engine's diagnostics (1-based lines and columns, end exclusive) as editor ranges. */
export function toEditorDiagnostics(doc: Text, diagnostics: readonly StrategyDiagnostic[]): EditorDiagnostic[] {
  return diagnostics.map((d) => {
    const from = offsetOf(doc, d.line, d.column)
    const to = Math.max(from, offsetOf(doc, d.endLine, d.endColumn))
    return { from, to, severity: d.severity, message: d.message }
  })
}

export interface DiagnosticCounts {
  readonly errors: number
  readonly warnings: number
}

export function countDiagnostics(diagnostics: readonly Pick<StrategyDiagnostic, 'severity'>[]): DiagnosticCounts {
  let errors = 0
  let warnings = 0
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++
    else warnings++
  }
  return { errors, warnings }
}
