import type { DataSelection, OptimizeSettings, RunBacktestRequest, RunMonteCarloRequest, RunOptimizationRequest, RunWalkForwardRequest, StrategyRef } from '../../../shared/contract'
import type { InstrumentId } from '../../../shared/domain'
import type { DataSetup, LabSetup, ParamSetup } from './lab-setup'
import { gridSize, paramProblem } from './lab-setup'
import { parseDateField } from './stat-format'

/** A request ready to send, or what stops it, in words for the trader. */
export type Built<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string }

const fail = (problem: string): Built<never> => ({ ok: false, problem })

/** The most trials a grid may have (the engine's limit). */
export const MAX_GRID_TRIALS = 100_000

export function dataSelection(data: DataSetup): Built<DataSelection> {
  if (data.instruments.length === 0) return fail('Pick at least one instrument to run on.')
  const from = data.from === '' ? undefined : parseDateField(data.from)
  const to = data.to === '' ? undefined : parseDateField(data.to)
  if (data.from !== '' && from === undefined) return fail(`"${data.from}" is not a date; write it as YYYY-MM-DD.`)
  if (data.to !== '' && to === undefined) return fail(`"${data.to}" is not a date; write it as YYYY-MM-DD.`)
  if (from !== undefined && to !== undefined && from > to) return fail(`The start ${data.from} is after the end ${data.to}.`)
  // `to` is inclusive: the whole last day, whatever the bars' time of day.
  const toEnd = to === undefined ? undefined : to + 86_399
  return {
    ok: true,
    value: {
      instruments: data.instruments.map((id) => id as InstrumentId),
      timeframe: data.timeframe,
      ...(from === undefined ? {} : { from }),
      ...(toEnd === undefined ? {} : { to: toEnd }),
      adjusted: data.adjusted,
    },
  }
}

function firstParamProblem(params: Readonly<Record<string, ParamSetup>>): string | null {
  for (const [name, p] of Object.entries(params)) {
    const problem = paramProblem(name, p)
    if (problem) return problem
  }
  return null
}

/** The backtest values by name. */
export function paramValues(params: Readonly<Record<string, ParamSetup>>): Record<string, number> {
  return Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.value]))
}

export function backtestRequest(strategy: StrategyRef, setup: LabSetup, clientRef: string): Built<RunBacktestRequest> {
  const data = dataSelection(setup.data)
  if (!data.ok) return data
  const problem = firstParamProblem(setup.params)
  if (problem) return fail(problem)
  return { ok: true, value: { strategy, data: data.value, params: paramValues(setup.params), conventions: setup.conventions, clientRef } }
}

/** The search settings: searched parameters over their ranges, the others held at their values. */
export function optimiseSettings(setup: LabSetup): Built<OptimizeSettings> {
  const problem = firstParamProblem(setup.params)
  if (problem) return fail(problem)
  const entries = Object.entries(setup.params)
  if (!entries.some(([, p]) => p.optimise && p.max > p.min)) return fail('Tick at least one parameter with a range (min below max) to optimise.')
  const o = setup.optimise
  if (o.method === 'grid' && gridSize(setup.params) > MAX_GRID_TRIALS) {
    return fail(`The grid has ${gridSize(setup.params).toLocaleString('en-US')} combinations, more than ${MAX_GRID_TRIALS.toLocaleString('en-US')}: take larger steps, fewer parameters, or random / TPE search.`)
  }
  const ranges = Object.fromEntries(entries.map(([name, p]) => [name, p.optimise ? { min: p.min, max: p.max, step: p.step } : { min: p.value, max: p.value, step: 1 }]))
  return {
    ok: true,
    value: { method: o.method, trials: o.trials, objective: o.objective, direction: o.direction, constraints: [...o.constraints], ranges, seed: o.seed },
  }
}

export function optimizationRequest(strategy: StrategyRef, setup: LabSetup, clientRef: string): Built<RunOptimizationRequest> {
  const data = dataSelection(setup.data)
  if (!data.ok) return data
  const settings = optimiseSettings(setup)
  if (!settings.ok) return settings
  return { ok: true, value: { strategy, data: data.value, conventions: setup.conventions, settings: settings.value, clientRef } }
}

export function walkForwardRequest(strategy: StrategyRef, setup: LabSetup, clientRef: string): Built<RunWalkForwardRequest> {
  const data = dataSelection(setup.data)
  if (!data.ok) return data
  const settings = optimiseSettings(setup)
  if (!settings.ok) return settings
  const wf = setup.walkForward
  if (!(wf.outOfSampleFraction > 0 && wf.outOfSampleFraction < 1)) return fail('The out-of-sample share must be between 0 and 1, e.g. 0.25.')
  if (!(Number.isInteger(wf.windows) && wf.windows >= 2 && wf.windows <= 50)) return fail('Walk-forward takes 2 to 50 windows.')
  return {
    ok: true,
    value: { strategy, data: data.value, conventions: setup.conventions, settings: settings.value, mode: wf.mode, windows: wf.windows, outOfSampleFraction: wf.outOfSampleFraction, clientRef },
  }
}

export function monteCarloRequest(runId: number | null, setup: LabSetup, clientRef: string): Built<RunMonteCarloRequest> {
  if (runId === null) return fail('Open a completed backtest run first (Run backtest, or pick one in the run history): Monte Carlo resamples its trades.')
  const mc = setup.monteCarlo
  if (!(Number.isInteger(mc.iterations) && mc.iterations >= 100 && mc.iterations <= 100_000)) return fail('Monte Carlo takes 100 to 100,000 iterations.')
  if (!(mc.ruinDrawdown > 0 && mc.ruinDrawdown <= 1)) return fail('The ruin drawdown is a share between 0 and 1, e.g. 0.5 for 50%.')
  return { ok: true, value: { runId, method: mc.method, iterations: mc.iterations, blockSize: mc.blockSize, ruinDrawdown: mc.ruinDrawdown, seed: mc.seed, clientRef } }
}
