import { describe, expect, it } from 'vitest'
import type { Program } from '../../src/main/native'
import { compileStrategy, resolveParamValues } from '../../src/main/strategy'

function compile(...lines: string[]): Program {
  const result = compileStrategy(['strategy "t"', ...lines].join('\n'))
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
  return result.program
}

const crossover = compile('param fast = 10 in 5..50 step 5', 'param slow = 30 in 20..200 step 10', 'long entry: crossover(sma(close, fast), sma(close, slow))')

describe('resolveParamValues', () => {
  it('gives the defaults in Program.params order', () => {
    expect(Array.from(resolveParamValues(crossover, {}))).toEqual([10, 30])
    expect(Array.from(resolveParamValues(crossover))).toEqual([10, 30])
  })

  it('replaces the values given', () => {
    expect(Array.from(resolveParamValues(crossover, { slow: 50 }))).toEqual([10, 50])
    expect(Array.from(resolveParamValues(crossover, { slow: 50, fast: 5 }))).toEqual([5, 50])
  })

  it('names an unknown parameter, with the nearest one and the list', () => {
    expect(() => resolveParamValues(crossover, { fsat: 12 })).toThrow('unknown parameter "fsat"; did you mean fast?; its parameters are fast, slow')
    expect(() => resolveParamValues(compile('long entry: close > open'), { x: 1 })).toThrow('unknown parameter "x"; the strategy has no parameters')
  })

  it('refuses a value outside the range, a fractional value of an integer parameter, and a non-number', () => {
    expect(() => resolveParamValues(crossover, { fast: 55 })).toThrow('parameter fast must be in 5..50, got 55')
    expect(() => resolveParamValues(crossover, { fast: 12.5 })).toThrow('parameter fast must be a whole number, got 12.5')
    expect(() => resolveParamValues(crossover, { fast: Number.NaN })).toThrow('parameter fast must be a finite number, got NaN')
  })

  it('lets a parameter without a range take any value its uses accept', () => {
    const program = compile('param len = 20', 'long entry: close > sma(close, len)')
    expect(Array.from(resolveParamValues(program, { len: 200 }))).toEqual([200])
    expect(() => resolveParamValues(program, { len: 1 })).toThrow('parameter len = 1 sets SMA period, which must be between 2 and 100000')
  })

  it('checks a time exit and a size set by a parameter', () => {
    const program = compile('param hold = 5', 'param qty = 10.0', 'long entry: close > open', 'exit after: hold bars', 'size: fixed qty')
    expect(() => resolveParamValues(program, { hold: 0 })).toThrow('parameter hold = 0 sets exit after, which needs a whole number of bars, at least 1')
    expect(() => resolveParamValues(program, { qty: -1 })).toThrow('parameter qty = -1 sets the size, which must be more than 0')
    expect(Array.from(resolveParamValues(program, { qty: 2.5 }))).toEqual([5, 2.5])
  })
})
