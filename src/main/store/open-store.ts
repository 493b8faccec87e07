import { resolve } from 'node:path'
import type { Clock, Logger } from '../kernel'
import { systemClock } from '../kernel'
import { AuditLog } from './audit-log'
import { BarRepository } from './bar-repository'
import { ChartRepository } from './chart-repository'
import { configureConnection, hasTables, openConnection, readUserVersion } from './connection'
import { ImportRunRepository } from './import-run-repository'
import { InstrumentRepository } from './instrument-repository'
import { LATEST_SCHEMA_VERSION, runMigrations } from './migrations'
import { PriceAdjustmentRepository } from './price-adjustment-repository'
import { RunRepository } from './run-repository'
import { SettingsRepository } from './settings-repository'
import { StrategyRepository } from './strategy-repository'
import { StoreFromNewerVersionError, StoreNotQuorumError, StoreFileError } from './store-errors'

export interface StoreOptions {
  /** The database file; its folder is created when missing. */
  readonly file: string
  readonly logger: Logger
  /** Open without writing anything: no migrations, no pragmas recorded in the file. */
  readonly readonly?: boolean
  /** Path of an Electron-ABI build of better-sqlite3 (the desktop app); Node's own build otherwise. */
  readonly nativeBinding?: string | undefined
  /** Stamps audit entries; the wall clock by default. */
  readonly clock?: Clock
}

export interface StoreDiagnostics {
  readonly journalMode: string
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  readonly synchronous: number
  readonly foreignKeys: boolean
  readonly busyTimeoutMs: number
  /** 0 DEFAULT, 1 FILE, 2 MEMORY. */
  readonly tempStore: number
  /** Pages when positive, KiB when negative. */
  readonly cacheSize: number
  readonly pageSize: number
  readonly mmapSize: number
  readonly userVersion: number
}

/** The one SQLite file behind the engine: every repository shares its single connection. */
export interface Store {
  /** Absolute path of the database file. */
  readonly file: string
  readonly sqliteVersion: string
  readonly schemaVersion: number
  readonly instruments: InstrumentRepository
  readonly bars: BarRepository
  readonly settings: SettingsRepository
  readonly audit: AuditLog
  /** Split and dividend factors beside raw bars. */
  readonly adjustments: PriceAdjustmentRepository
  /** The history of bar imports. */
  readonly importRuns: ImportRunRepository
  /** Chart layouts and drawings. */
  readonly charts: ChartRepository
  /** Strategies and their versions. */
  readonly strategies: StrategyRepository
  /** Strategy Lab runs and their results. */
  readonly runs: RunRepository
  /** The connection's settings as SQLite reports them now: for diagnostics and tests. */
  diagnostics(): StoreDiagnostics
  /** Runs `fn` in one transaction (nested calls become savepoints); `fn` must be synchronous. */
  transaction<T>(fn: () => T): T
  /** Closes the connection; safe to call twice. */
  close(): void
}

/**
 * Opens (or creates) the store: checks the file's integrity and schema version before writing
 * anything, sets the connection up, and migrates it to the latest schema. Throws a
 * StoreFileError whose message is meant for the trader when the file cannot be used.
 */
export function openStore(options: StoreOptions): Store {
  const file = resolve(options.file)
  const readonly = options.readonly ?? false
  const logger = options.logger
  const db = openConnection({ file, readonly, nativeBinding: options.nativeBinding })
  try {
    const found = readUserVersion(db)
    if (found > LATEST_SCHEMA_VERSION) throw new StoreFromNewerVersionError(file, found, LATEST_SCHEMA_VERSION)
    if (found === 0 && hasTables(db)) throw new StoreNotQuorumError(file)
    configureConnection(db, readonly)
    if (readonly && found < LATEST_SCHEMA_VERSION) {
      throw new StoreFileError(
        file,
        `The Quorum data file ${file} has schema version ${found} and needs upgrading to ${LATEST_SCHEMA_VERSION}, ` +
          'which a read-only open cannot do. Open it once read-write (start Quorum normally) to upgrade it.',
      )
    }
    const schemaVersion = readonly ? found : runMigrations(db, { logger })
    const sqliteVersion = (db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get() as { v: string }).v
    logger.info('store opened', { file, sqliteVersion, schemaVersion, readonly })
    const transaction = <T>(fn: () => T): T => db.transaction(fn)()
    return {
      file,
      sqliteVersion,
      schemaVersion,
      instruments: new InstrumentRepository(db),
      bars: new BarRepository(db, file, logger.child('bars')),
      settings: new SettingsRepository(db, logger.child('settings')),
      audit: new AuditLog(db, options.clock ?? systemClock),
      adjustments: new PriceAdjustmentRepository(db),
      importRuns: new ImportRunRepository(db, options.clock ?? systemClock),
      charts: new ChartRepository(db, options.clock ?? systemClock, logger.child('charts')),
      strategies: new StrategyRepository(db, options.clock ?? systemClock),
      runs: new RunRepository(db, options.clock ?? systemClock),
      diagnostics: () => {
        const read = (name: string): unknown => db.pragma(name, { simple: true })
        return {
          journalMode: String(read('journal_mode')),
          synchronous: Number(read('synchronous')),
          foreignKeys: Number(read('foreign_keys')) === 1,
          busyTimeoutMs: Number(read('busy_timeout')),
          tempStore: Number(read('temp_store')),
          cacheSize: Number(read('cache_size')),
          pageSize: Number(read('page_size')),
          mmapSize: Number(read('mmap_size')),
          userVersion: Number(read('user_version')),
        }
      },
      transaction,
      close: () => {
        if (!db.open) return
        // SQLite recommends this before closing a long-lived connection: it refreshes the
        // planner's statistics only where they have drifted.
        if (!readonly) db.pragma('optimize')
        db.close()
        logger.info('store closed', { file })
      },
    }
  } catch (error) {
    db.close()
    throw error
  }
}
