import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/main/kernel'
import type { Migration, SqliteDatabase } from '../../src/main/store'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, openStore, runMigrations } from '../../src/main/store'
import { makeTempDir } from './store-fixture'

let dir: string
let cleanup: () => void
let db: SqliteDatabase
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir())
  db = new Database(join(dir, 'quorum.db'))
  db.pragma('foreign_keys = ON')
})
afterEach(() => {
  db.close()
  cleanup()
})

const userVersion = (): number => db.pragma('user_version', { simple: true }) as number
const columnsOf = (table: string): string[] => (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name)
const tableSql = (table: string): string =>
  (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined)?.sql ?? ''

describe('the migration list', () => {
  it('numbers migrations 1 to N with no gaps, each with a name', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1))
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length)
    for (const m of MIGRATIONS) expect(m.name.length).toBeGreaterThan(0)
  })

  it('brings an empty file to the latest version and leaves a migrated one alone', () => {
    expect(runMigrations(db, { logger: silentLogger })).toBe(LATEST_SCHEMA_VERSION)
    expect(runMigrations(db, { logger: silentLogger })).toBe(LATEST_SCHEMA_VERSION)
    expect(userVersion()).toBe(LATEST_SCHEMA_VERSION)
  })

  it('stops at the requested target version', () => {
    expect(runMigrations(db, { logger: silentLogger, target: 0 })).toBe(0)
    expect(userVersion()).toBe(0)
  })

  it('rolls back a failing migration together with its version bump and keeps the earlier ones', () => {
    const failing: Migration[] = [
      { version: 1, name: 'first', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') },
      {
        version: 2,
        name: 'second fails halfway',
        up: (d) => {
          d.exec('CREATE TABLE b (x INTEGER)')
          d.exec('INSERT INTO no_such_table VALUES (1)')
        },
      },
    ]
    expect(() => runMigrations(db, { logger: silentLogger, migrations: failing })).toThrow(/no_such_table/)
    expect(userVersion()).toBe(1)
    expect(tableSql('a')).not.toBe('')
    expect(tableSql('b')).toBe('')
  })

  it('refuses a list with a gap', () => {
    const gapped: Migration[] = [{ version: 2, name: 'skips one', up: () => undefined }]
    expect(() => runMigrations(db, { logger: silentLogger, migrations: gapped })).toThrow(/gap/)
    expect(userVersion()).toBe(0)
  })
})

describe('migration 1: instruments, bar chunks, settings and audit log', () => {
  beforeEach(() => {
    runMigrations(db, { logger: silentLogger, target: 0 })
    runMigrations(db, { logger: silentLogger, target: 1 })
  })

  it('sets the schema version to 1', () => {
    expect(userVersion()).toBe(1)
  })

  it('creates the four tables with their columns', () => {
    expect(columnsOf('instruments')).toEqual([
      'id',
      'symbol',
      'name',
      'exchange',
      'currency',
      'asset_class',
      'tick_size',
      'time_zone',
      'session',
      'is_demo',
    ])
    expect(columnsOf('bar_chunks')).toEqual(['instrument_id', 'timeframe', 'start_time', 'end_time', 'count', 'data'])
    expect(columnsOf('settings')).toEqual(['key', 'value'])
    expect(columnsOf('audit_log')).toEqual(['id', 'time', 'actor', 'action', 'detail'])
  })

  it('keys bar chunks by instrument, timeframe and start time in an ordinary rowid table', () => {
    const pk = (db.pragma('table_info(bar_chunks)') as Array<{ name: string; pk: number }>)
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name)
    expect(pk).toEqual(['instrument_id', 'timeframe', 'start_time'])
    expect(tableSql('bar_chunks')).not.toMatch(/WITHOUT ROWID/i)
  })

  it('refuses a second instrument with the same symbol and exchange', () => {
    const insert = db.prepare(
      "INSERT INTO instruments (symbol, name, exchange, currency, asset_class, tick_size, time_zone, session, is_demo) VALUES (?, 'n', ?, 'USD', 'stock', 0.01, 'America/New_York', '09:30-16:00', 0)",
    )
    insert.run('ACME', 'NASDAQ')
    insert.run('ACME', 'NYSE')
    expect(() => insert.run('ACME', 'NASDAQ')).toThrow(/UNIQUE/)
  })

  it('deletes an instrument’s bar chunks with it', () => {
    db.exec(
      "INSERT INTO instruments (id, symbol, name, exchange, currency, asset_class, tick_size, time_zone, session, is_demo) VALUES (1, 'ACME', 'n', 'X', 'USD', 'stock', 0.01, 'UTC', '09:30-16:00', 0)",
    )
    db.prepare("INSERT INTO bar_chunks VALUES (1, '1m', 60, 60, 1, ?)").run(Buffer.alloc(48))
    db.exec('DELETE FROM instruments WHERE id = 1')
    expect(db.prepare('SELECT COUNT(*) AS n FROM bar_chunks').get()).toEqual({ n: 0 })
  })

  it('refuses a bar chunk whose blob does not match its count', () => {
    db.exec(
      "INSERT INTO instruments (id, symbol, name, exchange, currency, asset_class, tick_size, time_zone, session, is_demo) VALUES (1, 'ACME', 'n', 'X', 'USD', 'stock', 0.01, 'UTC', '09:30-16:00', 0)",
    )
    expect(() => db.prepare("INSERT INTO bar_chunks VALUES (1, '1m', 60, 120, 2, ?)").run(Buffer.alloc(48))).toThrow(/CHECK/)
  })

  it('refuses an audit entry whose detail is not JSON', () => {
    expect(() => db.prepare("INSERT INTO audit_log (time, actor, action, detail) VALUES (1, 'a', 'b', '{oops')").run()).toThrow(/CHECK/)
  })

  it('lets openStore use the migrated file as it is', () => {
    db.close()
    const store = openStore({ file: join(dir, 'quorum.db'), logger: silentLogger })
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(store.instruments.list()).toEqual([])
    store.close()
    db = new Database(join(dir, 'quorum.db'))
  })
})

const INSERT_ACME =
  "INSERT INTO instruments (id, symbol, name, exchange, currency, asset_class, tick_size, time_zone, session, is_demo) VALUES (1, 'ACME', 'n', 'X', 'USD', 'stock', 0.01, 'UTC', '09:30-16:00', 0)"

describe('migration 2: price adjustment factors and import history', () => {
  beforeEach(() => {
    runMigrations(db, { logger: silentLogger, target: 1 })
    db.exec(INSERT_ACME)
    db.prepare("INSERT INTO bar_chunks VALUES (1, '1D', 86400, 86400, 1, ?)").run(Buffer.alloc(48))
    runMigrations(db, { logger: silentLogger, target: 2 })
  })

  it('keeps the bars stored before it and sets the schema version to 2', () => {
    expect(userVersion()).toBe(2)
    expect(db.prepare('SELECT COUNT(*) AS n FROM bar_chunks').get()).toEqual({ n: 1 })
  })

  it('creates the adjustment and import tables with their columns', () => {
    expect(columnsOf('price_adjustments')).toEqual(['instrument_id', 'timeframe', 'time', 'factor'])
    expect(columnsOf('import_runs')).toEqual(['id', 'started_at', 'finished_at', 'source', 'report'])
  })

  it('refuses a factor that is not positive and a second factor for the same bar', () => {
    const insert = db.prepare("INSERT INTO price_adjustments VALUES (1, '1D', ?, ?)")
    expect(() => insert.run(86400, 0)).toThrow(/CHECK/)
    insert.run(86400, 0.5)
    expect(() => insert.run(86400, 0.6)).toThrow(/UNIQUE|PRIMARY/)
  })

  it('deletes an instrument’s factors with it', () => {
    db.prepare("INSERT INTO price_adjustments VALUES (1, '1D', 86400, 0.5)").run()
    db.exec('DELETE FROM instruments WHERE id = 1')
    expect(db.prepare('SELECT COUNT(*) AS n FROM price_adjustments').get()).toEqual({ n: 0 })
  })
})

describe('migration 3: chart layouts and drawings', () => {
  beforeEach(() => {
    runMigrations(db, { logger: silentLogger, target: 2 })
    db.exec(INSERT_ACME)
    runMigrations(db, { logger: silentLogger, target: 3 })
  })

  it('keeps the instruments stored before it and sets the schema version to 3', () => {
    expect(userVersion()).toBe(3)
    expect(db.prepare('SELECT symbol FROM instruments').get()).toEqual({ symbol: 'ACME' })
  })

  it('creates the layout and drawing tables with their columns', () => {
    expect(columnsOf('chart_layouts')).toEqual(['id', 'data', 'updated_at'])
    expect(columnsOf('chart_drawings')).toEqual(['id', 'instrument_id', 'kind', 'data', 'created_at', 'updated_at'])
  })

  it('refuses an unknown drawing kind and a layout that is not JSON', () => {
    expect(() => db.prepare("INSERT INTO chart_drawings (instrument_id, kind, data, created_at, updated_at) VALUES (1, 'circle', '{}', 1, 1)").run()).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO chart_layouts VALUES ('main', '{oops', 1)").run()).toThrow(/CHECK/)
  })

  it('deletes an instrument’s drawings with it', () => {
    db.prepare("INSERT INTO chart_drawings (instrument_id, kind, data, created_at, updated_at) VALUES (1, 'horizontal-line', '{\"price\":1}', 1, 1)").run()
    db.exec('DELETE FROM instruments WHERE id = 1')
    expect(db.prepare('SELECT COUNT(*) AS n FROM chart_drawings').get()).toEqual({ n: 0 })
  })
})

describe('migration 4: strategies, versions, runs and run results', () => {
  beforeEach(() => {
    runMigrations(db, { logger: silentLogger, target: 3 })
    db.exec(INSERT_ACME)
    runMigrations(db, { logger: silentLogger, target: 4 })
  })

  it('keeps what was stored before it and sets the schema version to 4', () => {
    expect(userVersion()).toBe(4)
    expect(db.prepare('SELECT symbol FROM instruments').get()).toEqual({ symbol: 'ACME' })
  })

  it('creates the four tables with their columns', () => {
    expect(columnsOf('strategies')).toEqual(['id', 'name', 'created_at', 'updated_at'])
    expect(columnsOf('strategy_versions')).toEqual(['id', 'strategy_id', 'hash', 'source', 'created_at'])
    expect(columnsOf('runs')).toEqual([
      'id',
      'kind',
      'parent_id',
      'strategy_version_id',
      'title',
      'status',
      'manifest',
      'summary',
      'error',
      'started_at',
      'finished_at',
    ])
    expect(columnsOf('run_results')).toEqual(['run_id', 'part', 'data'])
  })

  it('refuses an unknown run kind or status, a manifest that is not JSON and a short hash', () => {
    const insertRun = (kind: string, status: string, manifest: string) =>
      db.prepare('INSERT INTO runs (kind, title, status, manifest, started_at) VALUES (?, ?, ?, ?, 1)').run(kind, 't', status, manifest)
    expect(() => insertRun('paper', 'running', '{}')).toThrow(/CHECK/)
    expect(() => insertRun('backtest', 'done', '{}')).toThrow(/CHECK/)
    expect(() => insertRun('backtest', 'running', '{oops')).toThrow(/CHECK/)
    db.prepare("INSERT INTO strategies (name, created_at, updated_at) VALUES ('x', 1, 1)").run()
    expect(() => db.prepare("INSERT INTO strategy_versions (strategy_id, hash, source, created_at) VALUES (1, 'abc', 's', 1)").run()).toThrow(/CHECK/)
  })

  it('deletes a run’s results and child runs with it, and keeps runs when their strategy goes', () => {
    db.prepare("INSERT INTO strategies (name, created_at, updated_at) VALUES ('x', 1, 1)").run()
    db.prepare('INSERT INTO strategy_versions (strategy_id, hash, source, created_at) VALUES (1, ?, ?, 1)').run('a'.repeat(64), 'src')
    db.prepare("INSERT INTO runs (kind, strategy_version_id, title, status, manifest, started_at) VALUES ('optimization', 1, 'o', 'running', '{}', 1)").run()
    db.prepare("INSERT INTO runs (kind, parent_id, title, status, manifest, started_at) VALUES ('backtest', 1, 'b', 'running', '{}', 1)").run()
    db.prepare("INSERT INTO run_results (run_id, part, data) VALUES (2, 'equity', x'00')").run()
    db.exec('DELETE FROM strategies')
    expect(db.prepare('SELECT id, strategy_version_id AS v FROM runs ORDER BY id').all()).toEqual([
      { id: 1, v: null },
      { id: 2, v: null },
    ])
    db.exec('DELETE FROM runs WHERE id = 1')
    expect(db.prepare('SELECT COUNT(*) AS n FROM runs').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT COUNT(*) AS n FROM run_results').get()).toEqual({ n: 0 })
  })
})
