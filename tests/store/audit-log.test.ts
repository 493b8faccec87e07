import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, silentLogger } from '../../src/main/kernel'
import type { Store } from '../../src/main/store'
import { openStore } from '../../src/main/store'
import { makeTempDir } from './store-fixture'

let cleanup: () => void
let store: Store
let clock: ManualClock
beforeEach(() => {
  const temp = makeTempDir()
  cleanup = temp.cleanup
  clock = new ManualClock(1_700_000_000_000)
  store = openStore({ file: join(temp.dir, 'quorum.db'), logger: silentLogger, clock })
})
afterEach(() => {
  store.close()
  cleanup()
})

describe('AuditLog', () => {
  it('records who did what, when, with its detail', () => {
    const entry = store.audit.append('trader', 'settings.updated', { theme: 'light' })
    expect(entry).toEqual({ id: entry.id, time: 1_700_000_000_000, actor: 'trader', action: 'settings.updated', detail: { theme: 'light' } })
    expect(store.audit.recent(10)).toEqual([entry])
  })

  it('returns the newest entries first, up to the limit', () => {
    for (let i = 0; i < 5; i++) {
      clock.set(1_700_000_000_000 + i)
      store.audit.append('system', `step.${i}`)
    }
    expect(store.audit.recent(3).map((e) => e.action)).toEqual(['step.4', 'step.3', 'step.2'])
  })

  it('stores a missing detail as null', () => {
    expect(store.audit.append('system', 'started').detail).toBeNull()
    expect(store.audit.recent(1)[0]?.detail).toBeNull()
  })
})
