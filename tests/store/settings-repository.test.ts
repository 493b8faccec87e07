import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/contract'
import { InstrumentId } from '../../src/shared/domain'
import type { Logger } from '../../src/main/kernel'
import type { Store } from '../../src/main/store'
import { openStore } from '../../src/main/store'
import { makeTempDir } from './store-fixture'

interface Logged {
  level: string
  msg: string
  fields?: Record<string, unknown>
}

function recordingLogger(into: Logged[]): Logger {
  const logger: Logger = {
    debug: (msg, fields) => into.push({ level: 'debug', msg, fields }),
    info: (msg, fields) => into.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => into.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => into.push({ level: 'error', msg, fields }),
    child: () => logger,
  }
  return logger
}

let dir: string
let cleanup: () => void
let store: Store
let logged: Logged[]
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir())
  logged = []
  store = openStore({ file: `${dir}/quorum.db`, logger: recordingLogger(logged) })
})
afterEach(() => {
  store.close()
  cleanup()
})

function writeRaw(key: string, value: string): void {
  const raw = new Database(store.file)
  raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  raw.close()
}

describe('SettingsRepository', () => {
  it('gives the defaults in a fresh store', () => {
    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('stores a partial update and keeps the other keys', () => {
    const id = InstrumentId.parse(7)
    const updated = store.settings.update({ theme: 'light', lastInstrumentId: id })
    const expected: Settings = { ...DEFAULT_SETTINGS, theme: 'light', lastInstrumentId: id }
    expect(updated).toEqual(expected)
    expect(store.settings.update({ lastTimeframe: '5m' })).toEqual({ ...expected, lastTimeframe: '5m' })
    expect(store.settings.get()).toEqual({ ...expected, lastTimeframe: '5m' })
  })

  it('stores null for the last instrument', () => {
    store.settings.update({ lastInstrumentId: InstrumentId.parse(3) })
    expect(store.settings.update({ lastInstrumentId: null }).lastInstrumentId).toBeNull()
  })

  it('refuses an invalid update, names the field and changes nothing', () => {
    store.settings.update({ theme: 'light' })
    const invalid = { theme: 'dark', lastTimeframe: '7m' } as unknown as Partial<Settings>
    expect(() => store.settings.update(invalid)).toThrow(/lastTimeframe/)
    expect(store.settings.get().theme).toBe('light')
  })

  it('refuses an unknown key', () => {
    expect(() => store.settings.update({ fontSize: 12 } as unknown as Partial<Settings>)).toThrow(/Invalid settings/)
  })

  it('falls back to the default for a stored value that no longer validates, with a warning', () => {
    store.settings.update({ theme: 'light', lastTimeframe: '1h' })
    writeRaw('theme', '"purple"')
    expect(store.settings.get()).toEqual({ ...DEFAULT_SETTINGS, lastTimeframe: '1h' })
    expect(logged.filter((l) => l.level === 'warn').map((l) => l.fields?.key)).toEqual(['theme'])
  })

  it('falls back to the default for a stored value that is not JSON', () => {
    writeRaw('lastInstrumentId', '{not json')
    expect(store.settings.get().lastInstrumentId).toBeNull()
    expect(logged.some((l) => l.level === 'warn' && l.fields?.key === 'lastInstrumentId')).toBe(true)
  })

  it('ignores stored keys it does not know', () => {
    writeRaw('retiredSetting', '1')
    expect(store.settings.get()).toEqual(DEFAULT_SETTINGS)
  })
})
