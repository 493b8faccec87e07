/** A stretch of the source, as UTF-16 offsets: `start` inclusive, `end` exclusive. */
export interface Span {
  readonly start: number
  readonly end: number
}

export type Severity = 'error' | 'warning'

/**
 * A problem found in a strategy's source. Lines and columns are 1-based; `endColumn` is the
 * column just after the last character (the span is empty when it equals `column` on one line),
 * the convention of VS Code's and CodeMirror's markers.
 */
export interface Diagnostic {
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
  readonly message: string
  readonly severity: Severity
}

/** Offsets to lines and columns, for one source text. */
export class LineMap {
  private readonly lineStarts: number[] = [0]

  constructor(source: string) {
    for (let i = 0; i < source.length; i++) {
      if (source.charCodeAt(i) === 10) this.lineStarts.push(i + 1)
    }
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.lineStarts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 }
  }
}

/** Collects diagnostics against spans and turns them into lines and columns. */
export class DiagnosticSink {
  private readonly found: Array<{ span: Span; message: string; severity: Severity }> = []

  error(span: Span, message: string): void {
    this.found.push({ span, message, severity: 'error' })
  }

  warning(span: Span, message: string): void {
    this.found.push({ span, message, severity: 'warning' })
  }

  get hasErrors(): boolean {
    return this.found.some((d) => d.severity === 'error')
  }

  /** Every diagnostic, in source order (errors before warnings at the same place). */
  toDiagnostics(lines: LineMap): Diagnostic[] {
    return [...this.found]
      .sort((a, b) => a.span.start - b.span.start || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
      .map(({ span, message, severity }) => {
        const from = lines.position(span.start)
        const to = lines.position(span.end)
        return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, message, severity }
      })
  }
}

/** `line 4, col 18: error: unknown indicator "smaa"; did you mean SMA?` */
export function formatDiagnostic(d: Diagnostic): string {
  return `line ${d.line}, col ${d.column}: ${d.severity}: ${d.message}`
}
