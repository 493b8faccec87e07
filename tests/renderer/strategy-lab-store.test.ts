import { beforeEach, describe, expect, it } from 'vitest'
import { resetStore, useStore } from '../../src/renderer/app/store'
import type { BacktestResult, RunResult, StrategyId, StrategyParamInfo } from '../../src/shared/contract'
import { isDirty } from '../../src/renderer/features/strategy-lab/lab-editor-slice'
import { jobFraction } from '../../src/renderer/features/strategy-lab/lab-jobs-slice'
import { monteCarloSource } from '../../src/renderer/features/strategy-lab/lab-runs-slice'

beforeEach(resetStore)

const param = (name: string, d: number, min = d, max = d, step = 0): StrategyParamInfo => ({ name, default: d, min, max, step, integer: Number.isInteger(d) })

const run = (id: number, kind: RunResult['kind'] = 'backtest'): RunResult =>
  ({ kind, run: { id, kind, parentId: null, title: `run ${id}`, status: 'completed', startedAt: 0, finishedAt: 1, error: null, stats: null } }) as unknown as RunResult

describe('the Strategy Lab editor state', () => {
  it('replaces the document with a new revision and tracks unsaved changes', () => {
    const s = useStore.getState()
    s.openLabDocument({ strategyId: 3 as StrategyId, builtinId: null, name: 'A', source: 'x', saved: { name: 'A', source: 'x' } })
    expect(useStore.getState().labDocument.revision).toBe(1)
    expect(isDirty(useStore.getState().labDocument)).toBe(false)
    s.setLabSource('xy')
    expect(useStore.getState().labDocument.revision).toBe(1)
    expect(isDirty(useStore.getState().labDocument)).toBe(true)
    s.markLabSaved(3 as StrategyId, 'A', 'xy')
    expect(isDirty(useStore.getState().labDocument)).toBe(false)
  })

  it('never calls a built-in dirty, and a new document only once it has text', () => {
    expect(isDirty({ strategyId: null, builtinId: 'ma', name: 'MA', source: 'changed', saved: null, revision: 1 })).toBe(false)
    expect(isDirty({ strategyId: null, builtinId: null, name: 'New', source: '  ', saved: null, revision: 1 })).toBe(false)
    expect(isDirty({ strategyId: null, builtinId: null, name: 'New', source: 'strategy "N"', saved: null, revision: 1 })).toBe(true)
  })

  it('keeps the check with the source it was made for', () => {
    useStore.getState().setLabChecking(true)
    useStore.getState().setLabCheck('src', { ok: true, name: 'N', params: [], diagnostics: [] })
    expect(useStore.getState()).toMatchObject({ labChecking: false, labCheckedSource: 'src', labCheckFailure: null })
  })
})

describe('the Strategy Lab run setup', () => {
  it('makes parameter rows from the check and keeps typed values while the declaration stays', () => {
    const s = useStore.getState()
    s.applyLabParams([param('fast', 10, 5, 50, 5), param('slow', 30)])
    expect(useStore.getState().labSetup.params.fast).toMatchObject({ value: 10, min: 5, max: 50, step: 5, optimise: true })
    expect(useStore.getState().labSetup.params.slow).toMatchObject({ value: 30, optimise: false, step: 1 })
    s.setLabParam('fast', { value: 15 })
    const before = useStore.getState().labSetup.params
    s.applyLabParams([param('fast', 10, 5, 50, 5), param('slow', 30)])
    expect(useStore.getState().labSetup.params).toBe(before)
    s.applyLabParams([param('fast', 10, 5, 60, 5)])
    expect(useStore.getState().labSetup.params).toEqual({ fast: expect.objectContaining({ value: 10, max: 60 }) })
  })

  it('changes one part of the setup at a time', () => {
    useStore.getState().updateLabSetup('data', { timeframe: '1h' })
    useStore.getState().updateLabSetup('conventions', { allowShort: false })
    const { data, conventions } = useStore.getState().labSetup
    expect(data).toMatchObject({ timeframe: '1h', adjusted: true })
    expect(conventions).toMatchObject({ allowShort: false, fill: 'next-open' })
  })
})

describe('Strategy Lab jobs', () => {
  it('follows progress events of its own job only and learns the job id from them', () => {
    const s = useStore.getState()
    s.startLabJob('optimization', 'ref-1')
    expect(s.applyLabJobProgress({ jobId: 9, clientRef: 'other', kind: 'optimization', phase: 'x', done: 1, total: 2 })).toBeNull()
    const job = s.applyLabJobProgress({ jobId: 7, clientRef: 'ref-1', kind: 'optimization', phase: 'optimising', done: 5, total: 20 })
    expect(job).toMatchObject({ jobId: 7, phase: 'optimising', done: 5, total: 20 })
    expect(jobFraction(job!)).toBe(0.25)
    s.markLabJobCancelling('optimization')
    expect(useStore.getState().labJobs.optimization?.cancelling).toBe(true)
    s.endLabJob('optimization', { tone: 'info', text: 'Cancelled.' })
    expect(useStore.getState().labJobs.optimization).toBeUndefined()
    expect(useStore.getState().labJobNotices.optimization?.text).toBe('Cancelled.')
  })

  it('drops the finished notices when another job starts, keeping problems', () => {
    const s = useStore.getState()
    s.endLabJob('backtest', { tone: 'ok', text: 'Run #1 finished.' })
    s.endLabJob('walk-forward', { tone: 'bad', text: 'No bars.' })
    s.startLabJob('optimization', 'r')
    expect(useStore.getState().labJobNotices).toEqual({ 'walk-forward': { tone: 'bad', text: 'No bars.' } })
  })

  it('has no fraction while the total is unknown', () => {
    expect(jobFraction({ done: 0, total: 0 })).toBeNull()
  })
})

describe('Strategy Lab runs', () => {
  it('keeps the tab when the next run has it, else shows the run’s first tab', () => {
    const s = useStore.getState()
    s.showLabResult(run(1))
    s.setLabResultTab('trades')
    s.showLabResult(run(2))
    expect(useStore.getState().labResultTab).toBe('trades')
    s.showLabResult(run(3, 'optimization'))
    expect(useStore.getState().labResultTab).toBe('trials')
  })

  it('ticks at most two runs for Compare, dropping the oldest pick', () => {
    const s = useStore.getState()
    s.toggleLabCompare(1)
    s.toggleLabCompare(2)
    s.toggleLabCompare(3)
    expect(useStore.getState().labCompareIds).toEqual([2, 3])
    s.toggleLabCompare(2)
    expect(useStore.getState().labCompareIds).toEqual([3])
  })

  it('forgets a deleted run everywhere', () => {
    const s = useStore.getState()
    s.setLabRuns([run(1).run, run(2).run])
    s.showLabResult(run(1))
    s.toggleLabCompare(1)
    s.showLabComparison({ a: run(1) as BacktestResult, b: run(2) as BacktestResult })
    s.forgetLabRun(1)
    const after = useStore.getState()
    expect(after.labRuns.map((r) => r.id)).toEqual([2])
    expect(after.labResult).toBeNull()
    expect(after.labCompareIds).toEqual([])
    expect(after.labComparison).toBeNull()
  })

  it('finds the backtest Monte Carlo resamples for the run shown', () => {
    expect(monteCarloSource(run(4))).toEqual({ runId: 4, label: 'run #4' })
    expect(monteCarloSource({ ...run(5, 'optimization'), bestRunId: 6 } as RunResult)?.runId).toBe(6)
    expect(monteCarloSource(run(7, 'walk-forward'))).toBeNull()
    expect(monteCarloSource(null)).toBeNull()
  })
})
