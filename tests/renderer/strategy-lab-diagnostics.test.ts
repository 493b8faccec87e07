import { Text } from '@codemirror/state'
import { describe, expect, it } from 'vitest'
import { countDiagnostics, offsetOf, toEditorDiagnostics } from '../../src/renderer/features/strategy-lab/diagnostic-positions'

const doc = Text.of(['strategy "X"', 'param fast = 10', '', 'long entry: crossover(smaa(close, fast), close)'])

describe('engine diagnostics in the editor', () => {
  it('turns 1-based lines and columns, end exclusive, into document offsets', () => {
    const line4 = doc.line(4).from
    const [d] = toEditorDiagnostics(doc, [{ line: 4, column: 23, endLine: 4, endColumn: 27, message: 'unknown indicator "smaa"', severity: 'error' }])
    expect(d).toEqual({ from: line4 + 22, to: line4 + 26, severity: 'error', message: 'unknown indicator "smaa"' })
    expect(doc.sliceString(d!.from, d!.to)).toBe('smaa')
  })

  it('spans lines', () => {
    const [d] = toEditorDiagnostics(doc, [{ line: 1, column: 10, endLine: 2, endColumn: 6, message: 'm', severity: 'warning' }])
    expect(doc.sliceString(d!.from, d!.to)).toBe('"X"\nparam')
  })

  it('clamps positions past the end of a line or of the document', () => {
    expect(offsetOf(doc, 2, 99)).toBe(doc.line(2).to)
    expect(offsetOf(doc, 9, 1)).toBe(doc.length)
    expect(offsetOf(doc, 0, 5)).toBe(0)
    const [d] = toEditorDiagnostics(doc, [{ line: 3, column: 1, endLine: 3, endColumn: 1, message: 'empty', severity: 'error' }])
    expect(d!.from).toBe(d!.to)
  })

  it('never gives an end before the start', () => {
    const [d] = toEditorDiagnostics(doc, [{ line: 2, column: 5, endLine: 1, endColumn: 1, message: 'm', severity: 'error' }])
    expect(d!.to).toBe(d!.from)
  })

  it('counts errors and warnings for the header', () => {
    expect(countDiagnostics([{ severity: 'error' }, { severity: 'warning' }, { severity: 'error' }])).toEqual({ errors: 2, warnings: 1 })
  })
})
