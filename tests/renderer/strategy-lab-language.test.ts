import { StringStream } from '@codemirror/language'
import { describe, expect, it } from 'vitest'
import { strategyStreamParser } from '../../src/renderer/features/strategy-lab/strategy-language'

/** Every token of the lines as [text, style], styles as the stream parser names them. */
function tokens(...lines: string[]): [string, string | null][] {
  const parser = strategyStreamParser
  const state = parser.startState!(2)
  const out: [string, string | null][] = []
  for (const line of lines) {
    const stream = new StringStream(line, 2, 2)
    while (!stream.eol()) {
      const style = parser.token(stream, state)
      const text = stream.current()
      if (text.trim() !== '') out.push([text, style])
      stream.start = stream.pos
    }
  }
  return out
}

describe('strategy language highlighting', () => {
  it('colours keywords, declared names, numbers and ranges', () => {
    expect(tokens('param fast = 10 in 5..50 step 5')).toEqual([
      ['param', 'keyword'],
      ['fast', 'variableName.definition'],
      ['=', 'operator'],
      ['10', 'number'],
      ['in', 'keyword'],
      ['5', 'number'],
      ['..', 'operator'],
      ['50', 'number'],
      ['step', 'keyword'],
      ['5', 'number'],
    ])
  })

  it('tells series, function calls, outputs, word operators, strings and comments apart', () => {
    expect(tokens('strategy "MA" # note', 'long entry: crossover(m.macd, close) and not x > 2.5%')).toEqual([
      ['strategy', 'keyword'],
      ['"MA"', 'string'],
      ['# note', 'lineComment'],
      ['long', 'keyword'],
      ['entry', 'keyword'],
      [':', 'punctuation'],
      ['crossover', 'variableName.function'],
      ['(', 'paren'],
      ['m', 'variableName'],
      ['.', 'punctuation'],
      ['macd', 'propertyName'],
      [',', 'punctuation'],
      ['close', 'variableName.standard'],
      [')', 'paren'],
      ['and', 'operatorKeyword'],
      ['not', 'operatorKeyword'],
      ['x', 'variableName'],
      ['>', 'operator'],
      ['2.5', 'number'],
      ['%', 'unit'],
    ])
  })

  it('marks characters the language does not have', () => {
    expect(tokens('a && b')).toContainEqual(['&', 'invalid'])
  })
})
