import type { Program, ProgramParam } from '../native'
import { checkSyntax } from './checker'
import { compileChecked } from './compiler'
import { type Diagnostic, DiagnosticSink, LineMap } from './diagnostics'
import { parseSource } from './parser'
import type { StrategySyntax } from './syntax-tree'

/** What the Strategy Lab shows about a strategy that compiled. */
export interface StrategyInfo {
  readonly name: string
  /** In Program.params order, with their ranges. */
  readonly params: readonly ProgramParam[]
  /** Warnings only: a strategy with errors does not compile. */
  readonly diagnostics: readonly Diagnostic[]
}

export type CompileResult =
  | { readonly ok: true; readonly program: Program; readonly info: StrategyInfo }
  /** Every error and warning, in source order. */
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

/** Parses a strategy without checking names or types (for an editor's outline). */
export function parseStrategy(source: string): { syntax: StrategySyntax; diagnostics: Diagnostic[] } {
  const sink = new DiagnosticSink()
  const syntax = parseSource(source, sink)
  return { syntax, diagnostics: sink.toDiagnostics(new LineMap(source)) }
}

/** Compiles a strategy's source to a Program, or returns every problem found in it. */
export function compileStrategy(source: string): CompileResult {
  const sink = new DiagnosticSink()
  const lines = new LineMap(source)
  const checked = checkSyntax(parseSource(source, sink), source, sink, lines)
  const diagnostics = sink.toDiagnostics(lines)
  if (sink.hasErrors) return { ok: false, diagnostics }
  return { ok: true, program: compileChecked(checked), info: { name: checked.name, params: checked.params, diagnostics } }
}

/** Every error and warning in a strategy's source, in source order; empty when it is clean. */
export function checkStrategy(source: string): Diagnostic[] {
  const sink = new DiagnosticSink()
  const lines = new LineMap(source)
  checkSyntax(parseSource(source, sink), source, sink, lines)
  return sink.toDiagnostics(lines)
}
