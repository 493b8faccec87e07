import { describe, expect, it } from 'vitest'
import { DEFAULT_SETUP } from '../../src/renderer/features/strategy-lab/lab-setup'
import { EDITOR_KEY, OPEN_RUN_KEY, readEditor, readOpenRun, readSetup, SETUP_KEY, writeEditor, writeOpenRun, writeSetup, type KeyValueStorage } from '../../src/renderer/features/strategy-lab/lab-storage'

function memory(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) }
}

describe('what the Strategy Lab keeps across reloads', () => {
  it('keeps the unsaved draft with the strategy it belongs to', () => {
    const storage = memory()
    writeEditor(storage, { strategyId: 4, builtinId: null, draft: { name: 'Mine', source: 'strategy "Mine"\n# half typed' } })
    expect(readEditor(storage)).toEqual({ strategyId: 4, builtinId: null, draft: { name: 'Mine', source: 'strategy "Mine"\n# half typed' } })
  })

  it('reads nothing from a missing, broken or foreign entry', () => {
    const storage = memory()
    expect(readEditor(storage)).toBeNull()
    storage.setItem(EDITOR_KEY, '{not json')
    expect(readEditor(storage)).toBeNull()
    storage.setItem(EDITOR_KEY, JSON.stringify({ strategyId: 'x' }))
    expect(readEditor(storage)).toBeNull()
  })

  it('does not fail when the storage refuses a write', () => {
    const full: KeyValueStorage = { getItem: () => null, removeItem: () => undefined, setItem: () => { throw new Error('QuotaExceededError') } }
    expect(writeEditor(full, { strategyId: null, builtinId: null, draft: null })).toBe(false)
  })

  it('restores the run setup, part by part', () => {
    const storage = memory()
    const setup = { ...DEFAULT_SETUP, data: { ...DEFAULT_SETUP.data, instruments: [2, 3], timeframe: '1h' as const }, conventions: { ...DEFAULT_SETUP.conventions, commission: { kind: 'percent' as const, percent: 0.1 } } }
    writeSetup(storage, setup)
    expect(readSetup(storage)).toEqual(setup)
    const stored = JSON.parse(storage.map.get(SETUP_KEY)!) as Record<string, unknown>
    storage.setItem(SETUP_KEY, JSON.stringify({ ...stored, conventions: { fill: 'sometime' } }))
    const partly = readSetup(storage)
    expect(partly.conventions).toEqual(DEFAULT_SETUP.conventions)
    expect(partly.data.instruments).toEqual([2, 3])
  })

  it('remembers which run was shown, and forgets it when none is', () => {
    const storage = memory()
    writeOpenRun(storage, 12)
    expect(readOpenRun(storage)).toBe(12)
    writeOpenRun(storage, null)
    expect(storage.map.has(OPEN_RUN_KEY)).toBe(false)
    storage.setItem(OPEN_RUN_KEY, '"x"')
    expect(readOpenRun(storage)).toBeNull()
  })
})
