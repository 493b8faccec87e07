import { describe, expect, it } from 'vitest'
import { BUILTIN_STRATEGIES, compileStrategy, resolveParamValues } from '../../src/main/strategy'

describe('built-in strategies', () => {
  it('has unique ids and the five kinds the Strategy Lab offers', () => {
    const ids = BUILTIN_STRATEGIES.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining(['ma-crossover', 'ema-trend', 'rsi-reversion', 'macd-momentum', 'donchian-breakout']))
  })

  for (const builtin of BUILTIN_STRATEGIES) {
    it(`compiles ${builtin.id} with no errors or warnings, under the name it lists`, () => {
      const result = compileStrategy(builtin.source)
      expect(result.ok ? [] : result.diagnostics).toEqual([])
      if (!result.ok) return
      expect(result.info.diagnostics).toEqual([])
      expect(result.info.name).toBe(builtin.name)
      expect(builtin.description.length).toBeGreaterThan(20)
    })

    it(`gives every parameter of ${builtin.id} a range to sweep, and accepts both ends`, () => {
      const result = compileStrategy(builtin.source)
      if (!result.ok) throw new Error('does not compile')
      for (const p of result.program.params) {
        expect(p.max, p.name).toBeGreaterThan(p.min)
        expect(() => resolveParamValues(result.program, { [p.name]: p.min })).not.toThrow()
        expect(() => resolveParamValues(result.program, { [p.name]: p.max })).not.toThrow()
      }
    })
  }
})
