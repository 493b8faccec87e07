import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/main/kernel'
import {
  LATEST_SCHEMA_VERSION,
  openStore,
  StoreDamagedError,
  StoreFromNewerVersionError,
  StoreNotQuorumError,
  StoreFileError,
} from '../../src/main/store'
import { ACME, makeBars, makeTempDir, openTempStore } from './store-fixture'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

/** Reads a pragma through a separate plain connection, as another process would see the file. */
function pragmaOf(file: string, name: string): unknown {
  const db = new Database(file, { readonly: true })
  try {
    return db.pragma(name, { simple: true })
  } finally {
    db.close()
  }
}

describe('openStore', () => {
  it('creates the file and its missing parent folders', () => {
    const file = join(dir, 'nested', 'deeper', 'quorum.db')
    const store = openStore({ file, logger: silentLogger })
    store.close()
    expect(existsSync(file)).toBe(true)
    expect(store.file).toBe(file)
  })

  it('reports the SQLite version and the latest schema version', () => {
    const store = openTempStore(dir)
    expect(store.sqliteVersion).toMatch(/^3\.\d+\.\d+$/)
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    store.close()
  })

  it('sets WAL, synchronous FULL, foreign keys, busy timeout, in-memory temp store and 16 KiB pages', () => {
    const store = openTempStore(dir)
    expect(store.diagnostics()).toEqual({
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: true,
      busyTimeoutMs: 5000,
      tempStore: 2,
      cacheSize: -32768,
      pageSize: 16384,
      mmapSize: 0,
      userVersion: LATEST_SCHEMA_VERSION,
    })
    store.close()
    expect(pragmaOf(store.file, 'journal_mode')).toBe('wal')
  })

  it('closes twice without complaint', () => {
    const store = openTempStore(dir)
    store.close()
    expect(() => store.close()).not.toThrow()
  })

  it('keeps the data across a close and a reopen', () => {
    const first = openTempStore(dir)
    const acme = first.instruments.upsert(ACME)
    first.bars.writeBars(acme.id, '1m', makeBars(10, 1_700_000_000))
    first.close()
    const second = openTempStore(dir)
    expect(second.instruments.list()).toEqual([acme])
    expect(second.bars.count(acme.id, '1m')).toBe(10)
    second.close()
  })

  it('commits a store transaction as a whole and rolls it back as a whole', () => {
    const store = openTempStore(dir)
    store.transaction(() => store.instruments.upsert(ACME))
    expect(() =>
      store.transaction(() => {
        store.instruments.upsert({ ...ACME, symbol: 'OTHER' })
        throw new Error('abandon')
      }),
    ).toThrow('abandon')
    expect(store.instruments.list().map((i) => i.symbol)).toEqual(['ACME'])
    store.close()
  })

  it('opens read-only without writing and refuses writes', () => {
    openTempStore(dir).close()
    const file = join(dir, 'quorum.db')
    const before = readFileSync(file)
    const store = openStore({ file, logger: silentLogger, readonly: true })
    expect(store.instruments.list()).toEqual([])
    expect(() => store.instruments.upsert(ACME)).toThrow(/readonly/i)
    store.close()
    expect(readFileSync(file).equals(before)).toBe(true)
  })
})

describe('openStore on a file it must not touch', () => {
  it('refuses a file of garbage bytes with StoreDamagedError and leaves it unchanged', () => {
    const file = join(dir, 'quorum.db')
    const garbage = Buffer.alloc(64 * 1024)
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251
    writeFileSync(file, garbage)

    const error = captureOpenError(file)

    expect(error).toBeInstanceOf(StoreDamagedError)
    expect(error.message).toContain(file)
    expect(error.message).toMatch(/has not modified it/)
    expect(error.message).toMatch(/move quorum\.db .* restore it from a backup, then restart Quorum/)
    expect(readFileSync(file).equals(garbage)).toBe(true)
  })

  it('refuses a store whose table page was overwritten and leaves the file unchanged', () => {
    const store = openTempStore(dir)
    for (let i = 0; i < 150; i++) store.instruments.upsert({ ...ACME, symbol: `S${i}` })
    const acme = store.instruments.upsert(ACME)
    store.bars.writeBars(acme.id, '1m', makeBars(5000, 1_700_000_000))
    store.close()
    const file = store.file
    const pageSize = pragmaOf(file, 'page_size') as number
    const rootPage = rootPageOf(file, 'instruments')
    const bytes = readFileSync(file)
    bytes.fill(0xa5, (rootPage - 1) * pageSize + pageSize / 2, (rootPage - 1) * pageSize + pageSize / 2 + 256)
    writeFileSync(file, bytes)

    const error = captureOpenError(file)

    expect(error).toBeInstanceOf(StoreDamagedError)
    expect(error.message).toContain(file)
    expect(error.message).toMatch(/has not modified it/)
    expect(readFileSync(file).equals(bytes)).toBe(true)
  })

  it('refuses a store made by a newer Quorum and leaves it unchanged', () => {
    openTempStore(dir).close()
    const file = join(dir, 'quorum.db')
    const raw = new Database(file)
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    raw.close()
    const before = readFileSync(file)

    const error = captureOpenError(file)

    expect(error).toBeInstanceOf(StoreFromNewerVersionError)
    expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`)
    expect(error.message).toMatch(/newer version of Quorum/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuses an SQLite database that Quorum did not create', () => {
    const file = join(dir, 'quorum.db')
    const raw = new Database(file)
    raw.exec('CREATE TABLE recipes (name TEXT)')
    raw.close()
    const before = readFileSync(file)

    expect(captureOpenError(file)).toBeInstanceOf(StoreNotQuorumError)
    expect(readFileSync(file).equals(before)).toBe(true)
  })
})

function captureOpenError(file: string): StoreFileError {
  try {
    openStore({ file, logger: silentLogger }).close()
  } catch (error) {
    if (error instanceof StoreFileError) return error
    throw error
  }
  throw new Error(`expected opening ${file} to fail`)
}

function rootPageOf(file: string, table: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number }).rootpage
  } finally {
    db.close()
  }
}
