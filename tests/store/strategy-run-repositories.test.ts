import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/main/kernel'
import type { Store } from '../../src/main/store'
import { openStore, StrategyNameTakenError, strategySourceHash } from '../../src/main/store'
import { silentLogger } from '../../src/main/kernel'
import { join } from 'node:path'
import { makeTempDir } from './store-fixture'

let dir: string
let cleanup: () => void
let store: Store
let clock: ManualClock
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir())
  clock = new ManualClock(1_000)
  store = openStore({ file: join(dir, 'quorum.db'), logger: silentLogger, clock })
})
afterEach(() => {
  store.close()
  cleanup()
})

describe('the strategy repository', () => {
  it('creates a strategy with its first version and names the version by the source hash', () => {
    const saved = store.strategies.save({ name: 'Cross', source: 'strategy "Cross"\n' })
    expect(saved?.newVersion).toBe(true)
    expect(saved?.strategy).toMatchObject({ name: 'Cross', versions: 1, createdAt: 1_000 })
    expect(saved?.strategy.latest.hash).toBe(strategySourceHash('strategy "Cross"\n'))
    expect(saved?.strategy.latest.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('adds a version only when the source changes, and keeps every old one', () => {
    const first = store.strategies.save({ name: 'A', source: 'one' })
    const id = first?.strategy.id ?? -1
    clock.set(clock.now() + 10)
    expect(store.strategies.save({ id, name: 'A', source: 'one' })?.newVersion).toBe(false)
    clock.set(clock.now() + 10)
    const third = store.strategies.save({ id, name: 'A renamed', source: 'two' })
    expect(third?.newVersion).toBe(true)
    expect(third?.strategy).toMatchObject({ name: 'A renamed', versions: 2, updatedAt: 1_020 })
    expect(third?.strategy.latest.source).toBe('two')
    const versions = store.strategies.versions(id)
    expect(versions.map((v) => v.hash)).toEqual([strategySourceHash('two'), strategySourceHash('one')])
    expect(store.strategies.getVersion(versions[1]!.id)?.source).toBe('one')
  })

  it('refuses a name another strategy has, and changes nothing', () => {
    store.strategies.save({ name: 'A', source: 'a' })
    const b = store.strategies.save({ name: 'B', source: 'b' })
    expect(() => store.strategies.save({ id: b?.strategy.id, name: 'A', source: 'changed' })).toThrow(StrategyNameTakenError)
    expect(store.strategies.findByName('B')?.latest.source).toBe('b')
    expect(store.strategies.list().map((s) => s.name)).toEqual(['A', 'B'])
  })

  it('returns undefined when saving under an id that does not exist, and deletes', () => {
    expect(store.strategies.save({ id: 99, name: 'x', source: 'y' })).toBeUndefined()
    expect(store.strategies.list()).toEqual([])
    const a = store.strategies.save({ name: 'A', source: 'a' })
    expect(store.strategies.delete(a?.strategy.id ?? -1)).toBe(true)
    expect(store.strategies.delete(a?.strategy.id ?? -1)).toBe(false)
    expect(store.strategies.get(a?.strategy.id ?? -1)).toBeUndefined()
  })
})

describe('the run repository', () => {
  it('records a run, then its summary and binary parts in one step', () => {
    const id = store.runs.start({ kind: 'backtest', title: 'MA on ACME', manifest: { source: 'x', params: { fast: 10 } } })
    expect(store.runs.get(id)).toMatchObject({ status: 'running', finishedAt: null, summary: null, manifest: { params: { fast: 10 } } })
    clock.set(clock.now() + 5)
    const equity = new Float64Array([100, 101.5, 99.25])
    expect(store.runs.finish(id, { status: 'completed', summary: { sharpe: 1.2 }, parts: { equity: { equity, note: 'n' } } })).toBe(true)
    const row = store.runs.get(id)
    expect(row).toMatchObject({ status: 'completed', summary: { sharpe: 1.2 }, finishedAt: 1_005, error: null })
    const part = store.runs.part(id, 'equity') as { equity: Float64Array; note: string }
    expect(part.equity).toBeInstanceOf(Float64Array)
    expect(Array.from(part.equity)).toEqual([100, 101.5, 99.25])
    expect(part.note).toBe('n')
    expect(store.runs.partsOf(id)).toEqual(['equity'])
    expect(store.runs.part(id, 'trades')).toBeUndefined()
  })

  it('finishes a run once only', () => {
    const id = store.runs.start({ kind: 'backtest', title: 't', manifest: {} })
    expect(store.runs.finish(id, { status: 'cancelled' })).toBe(true)
    expect(store.runs.finish(id, { status: 'completed', parts: { equity: {} } })).toBe(false)
    expect(store.runs.get(id)?.status).toBe('cancelled')
    expect(store.runs.partsOf(id)).toEqual([])
  })

  it('lists newest first, by kind and by parent, and deletes children with their parent', () => {
    const opt = store.runs.start({ kind: 'optimization', title: 'o', manifest: {} })
    const child = store.runs.start({ kind: 'backtest', parentId: opt, title: 'c', manifest: {} })
    const lone = store.runs.start({ kind: 'backtest', title: 'b', manifest: {} })
    expect(store.runs.list().map((r) => r.id)).toEqual([lone, child, opt])
    expect(store.runs.list({ kind: 'backtest', parentId: null }).map((r) => r.id)).toEqual([lone])
    expect(store.runs.list({ parentId: opt }).map((r) => r.id)).toEqual([child])
    expect(store.runs.delete(opt)).toBe(true)
    expect(store.runs.list().map((r) => r.id)).toEqual([lone])
  })

  it('marks runs a previous process left running as interrupted', () => {
    const a = store.runs.start({ kind: 'backtest', title: 'a', manifest: {} })
    const b = store.runs.start({ kind: 'backtest', title: 'b', manifest: {} })
    store.runs.finish(b, { status: 'completed' })
    expect(store.runs.markInterrupted()).toBe(1)
    expect(store.runs.get(a)).toMatchObject({ status: 'failed', error: expect.stringMatching(/Interrupted/) })
    expect(store.runs.get(b)?.status).toBe('completed')
  })
})
