import { describe, expect, it } from 'vitest'
import type { StrategyParamInfo } from '../../src/shared/contract'
import { DEFAULT_SETUP, gridSize, paramSetupFrom, type LabSetup } from '../../src/renderer/features/strategy-lab/lab-setup'
import { backtestRequest, dataSelection, monteCarloRequest, optimizationRequest, walkForwardRequest } from '../../src/renderer/features/strategy-lab/run-requests'
import { newStrategySource, uniqueName } from '../../src/renderer/features/strategy-lab/strategy-names'

const info = (name: string, d: number, min: number, max: number, step: number): StrategyParamInfo => ({ name, default: d, min, max, step, integer: true })

const setup: LabSetup = {
  ...DEFAULT_SETUP,
  data: { ...DEFAULT_SETUP.data, instruments: [1] },
  params: { fast: paramSetupFrom(info('fast', 10, 5, 50, 5)), slow: paramSetupFrom(info('slow', 30, 20, 200, 10)) },
}

const REF = { source: 'strategy "x"' }

describe('requests from the Strategy Lab form', () => {
  it('sends the dates as UTC days, the end day whole', () => {
    const built = dataSelection({ ...setup.data, from: '2024-01-01', to: '2024-01-31' })
    expect(built).toEqual({ ok: true, value: { instruments: [1], timeframe: '1D', from: Date.UTC(2024, 0, 1) / 1000, to: Date.UTC(2024, 0, 31) / 1000 + 86_399, adjusted: true } })
  })

  it('says what is wrong with the data selection', () => {
    expect(dataSelection({ ...setup.data, instruments: [] })).toEqual({ ok: false, problem: 'Pick at least one instrument to run on.' })
    expect(dataSelection({ ...setup.data, from: '2024-02-01', to: '2024-01-01' })).toMatchObject({ ok: false, problem: expect.stringContaining('after the end') })
    expect(dataSelection({ ...setup.data, from: '1/2/2024' })).toMatchObject({ ok: false, problem: expect.stringContaining('YYYY-MM-DD') })
  })

  it('runs a backtest with the values in the form', () => {
    const built = backtestRequest(REF, setup, 'c1')
    expect(built.ok && built.value.params).toEqual({ fast: 10, slow: 30 })
    expect(built.ok && built.value.clientRef).toBe('c1')
  })

  it('refuses a fractional value for a whole-number parameter', () => {
    const bad = { ...setup, params: { ...setup.params, fast: { ...setup.params.fast!, value: 10.5 } } }
    expect(backtestRequest(REF, bad, 'c')).toEqual({ ok: false, problem: 'fast takes whole numbers.' })
  })

  it('searches the ticked parameters over their ranges and holds the others at their values', () => {
    const held = { ...setup, params: { ...setup.params, slow: { ...setup.params.slow!, optimise: false, value: 40 } } }
    const built = optimizationRequest(REF, held, 'c')
    expect(built.ok && built.value.settings?.ranges).toEqual({ fast: { min: 5, max: 50, step: 5 }, slow: { min: 40, max: 40, step: 1 } })
    expect(gridSize(held.params)).toBe(10)
  })

  it('needs a searched parameter, and a grid that is not too large', () => {
    const none = { ...setup, params: { fast: { ...setup.params.fast!, optimise: false } } }
    expect(optimizationRequest(REF, none, 'c')).toMatchObject({ ok: false, problem: expect.stringContaining('Tick at least one parameter') })
    const huge = { ...setup, params: { fast: { ...setup.params.fast!, min: 1, max: 1000, step: 1 }, slow: { ...setup.params.slow!, min: 1, max: 1000, step: 1 } } }
    expect(optimizationRequest(REF, huge, 'c')).toMatchObject({ ok: false, problem: expect.stringContaining('combinations') })
  })

  it('adds the walk-forward windows and checks them', () => {
    const built = walkForwardRequest(REF, { ...setup, walkForward: { mode: 'anchored', windows: 4, outOfSampleFraction: 0.2 } }, 'c')
    expect(built.ok && [built.value.mode, built.value.windows, built.value.outOfSampleFraction]).toEqual(['anchored', 4, 0.2])
    expect(walkForwardRequest(REF, { ...setup, walkForward: { mode: 'rolling', windows: 1, outOfSampleFraction: 0.2 } }, 'c').ok).toBe(false)
  })

  it('needs a backtest run for Monte Carlo', () => {
    expect(monteCarloRequest(null, setup, 'c')).toMatchObject({ ok: false })
    expect(monteCarloRequest(12, setup, 'c')).toMatchObject({ ok: true, value: { runId: 12, method: 'trade-shuffle', iterations: 2000 } })
  })
})

describe('strategy names', () => {
  it('numbers a copy whose name is taken, ignoring case', () => {
    expect(uniqueName('MA crossover', [])).toBe('MA crossover')
    expect(uniqueName('MA crossover', ['ma crossover', 'MA crossover (2)'])).toBe('MA crossover (3)')
    expect(uniqueName('  ', [])).toBe('Untitled strategy')
  })

  it('starts a new strategy from a working template', () => {
    expect(newStrategySource('My "best"')).toMatch(/^strategy "My best"\n/)
  })
})
