import type { Logger } from '../kernel'
import type { SqliteDatabase } from './connection'
import { readUserVersion } from './connection'

/** One schema step. `up` runs inside a transaction that also sets `user_version` to `version`. */
export interface Migration {
  readonly version: number
  readonly name: string
  up(db: SqliteDatabase): void
}

/**
 * Every schema change, oldest first; versions are 1..N with no gaps. Never edit a released
 * migration: add the next one, so every store on a trader's disk reaches the same schema.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'instruments, bar chunks, settings and audit log',
    up(db) {
      // STRICT tables: SQLite otherwise stores a mistyped value silently instead of refusing it.
      db.exec(`
        CREATE TABLE instruments (
          id INTEGER PRIMARY KEY,
          symbol TEXT NOT NULL CHECK (length(symbol) > 0),
          name TEXT NOT NULL,
          exchange TEXT NOT NULL,
          currency TEXT NOT NULL,
          asset_class TEXT NOT NULL,
          tick_size REAL NOT NULL CHECK (tick_size > 0),
          time_zone TEXT NOT NULL,
          session TEXT NOT NULL,
          is_demo INTEGER NOT NULL CHECK (is_demo IN (0, 1)),
          UNIQUE (symbol, exchange)
        ) STRICT;
      `)
      // A rowid table, not WITHOUT ROWID: each row carries a blob of up to 192 KiB, and WITHOUT
      // ROWID keeps row content in interior b-tree pages, which SQLite advises against for rows
      // larger than about a twentieth of a page. The data column comes last so that range
      // queries filter on the times without reading the blob's overflow pages.
      db.exec(`
        CREATE TABLE bar_chunks (
          instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
          timeframe TEXT NOT NULL,
          start_time REAL NOT NULL,
          end_time REAL NOT NULL,
          count INTEGER NOT NULL CHECK (count > 0),
          data BLOB NOT NULL CHECK (length(data) = count * 48),
          PRIMARY KEY (instrument_id, timeframe, start_time),
          CHECK (end_time >= start_time)
        ) STRICT;
      `)
      // WITHOUT ROWID suits settings: a few tiny rows looked up by their key.
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
      `)
      // AUTOINCREMENT: an audit entry's id is never reused, even if the newest rows were deleted.
      db.exec(`
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          time INTEGER NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          detail TEXT NOT NULL CHECK (json_valid(detail))
        ) STRICT;
      `)
    },
  },
  {
    version: 2,
    name: 'price adjustment factors and import history',
    up(db) {
      // Raw prices are the record; an adjusted series (splits, dividends) is derived on load as
      // raw × factor, so re-importing or choosing raw never loses anything.
      db.exec(`
        CREATE TABLE price_adjustments (
          instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
          timeframe TEXT NOT NULL,
          time REAL NOT NULL,
          factor REAL NOT NULL CHECK (factor > 0),
          PRIMARY KEY (instrument_id, timeframe, time)
        ) STRICT, WITHOUT ROWID;
      `)
      db.exec(`
        CREATE TABLE import_runs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          started_at INTEGER NOT NULL,
          finished_at INTEGER,
          source TEXT NOT NULL,
          report TEXT NOT NULL CHECK (json_valid(report))
        ) STRICT;
      `)
    },
  },
  {
    version: 3,
    name: 'chart layouts and drawings',
    up(db) {
      // A layout (panes, per-chart type, indicators and their parameters) is one JSON document
      // the renderer owns the shape of, validated with zod at the contract edge.
      db.exec(`
        CREATE TABLE chart_layouts (
          id TEXT PRIMARY KEY,
          data TEXT NOT NULL CHECK (json_valid(data)),
          updated_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
      `)
      db.exec(`
        CREATE TABLE chart_drawings (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          instrument_id INTEGER NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('horizontal-line', 'trend-line')),
          data TEXT NOT NULL CHECK (json_valid(data)),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX chart_drawings_by_instrument ON chart_drawings (instrument_id);
      `)
    },
  },
  {
    version: 4,
    name: 'strategies, their versions, runs and run results',
    up(db) {
      // A strategy is a name; each save that changes its source adds a version, kept until the
      // strategy is deleted, so a run can name the exact text it ran.
      db.exec(`
        CREATE TABLE strategies (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `)
      db.exec(`
        CREATE TABLE strategy_versions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          strategy_id INTEGER NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
          hash TEXT NOT NULL CHECK (length(hash) = 64),
          source TEXT NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX strategy_versions_by_strategy ON strategy_versions (strategy_id, id);
      `)
      // A run's manifest holds everything needed to re-run it (source, parameters, data range and
      // fingerprint, conventions, versions); its summary the headline statistics for listing.
      // Runs are not tied to a stored strategy version: a CLI run of a file has none.
      db.exec(`
        CREATE TABLE runs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('backtest', 'optimization', 'walk-forward', 'monte-carlo')),
          parent_id INTEGER REFERENCES runs (id) ON DELETE CASCADE,
          strategy_version_id INTEGER REFERENCES strategy_versions (id) ON DELETE SET NULL,
          title TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
          manifest TEXT NOT NULL CHECK (json_valid(manifest)),
          summary TEXT CHECK (summary IS NULL OR json_valid(summary)),
          error TEXT,
          started_at INTEGER NOT NULL,
          finished_at INTEGER
        ) STRICT;
        CREATE INDEX runs_by_parent ON runs (parent_id);
      `)
      // The bulky parts of a result (equity curve, trades, trials, distributions) as binary
      // frames of columns; rowid table because they are large.
      db.exec(`
        CREATE TABLE run_results (
          run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          part TEXT NOT NULL CHECK (length(part) > 0),
          data BLOB NOT NULL,
          PRIMARY KEY (run_id, part)
        ) STRICT;
      `)
    },
  },
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length

export interface RunMigrationsOptions {
  readonly logger: Logger
  /** Stop after this version (tests step through the list); the latest by default. */
  readonly target?: number
  /** The list to apply; MIGRATIONS by default. */
  readonly migrations?: readonly Migration[]
}

/**
 * Applies each pending migration in its own transaction with the version bump inside it, so a
 * failure leaves the store at the last version that completed. Returns the version reached.
 */
export function runMigrations(db: SqliteDatabase, options: RunMigrationsOptions): number {
  const migrations = options.migrations ?? MIGRATIONS
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version} at position ${i + 1}; the list must run 1..N with no gaps.`)
    }
  })
  const target = options.target ?? migrations.length
  let current = readUserVersion(db)
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
    current = migration.version
    options.logger.info('store migrated', { version: migration.version, name: migration.name })
  }
  return current
}
