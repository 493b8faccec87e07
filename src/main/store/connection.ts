import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { StoreDamagedError } from './store-errors'

export type SqliteDatabase = Database.Database

export interface ConnectionOptions {
  readonly file: string
  readonly readonly: boolean
  /** Path of a better-sqlite3 build for another ABI (Electron); Node's own build when absent. */
  readonly nativeBinding?: string | undefined
}

const BUSY_TIMEOUT_MS = 5000

/** SQLite's result codes for "this is not a database" and "this database has damaged pages". */
export function isDamageError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return false
  return error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT')
}

/**
 * Opens the file and checks it before anything could write to it: a damaged file is reported
 * with StoreDamagedError and left exactly as it was found.
 */
export function openConnection(options: ConnectionOptions): SqliteDatabase {
  const { file, readonly, nativeBinding } = options
  if (!readonly) mkdirSync(dirname(file), { recursive: true })
  let db: SqliteDatabase
  try {
    // `timeout` is busy_timeout: another process (the CLI, a backup tool) briefly holding a lock
    // makes us wait instead of failing.
    db = new Database(file, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS, nativeBinding })
  } catch (error) {
    if (isDamageError(error)) throw new StoreDamagedError(file, error.message)
    throw error
  }
  try {
    checkIntegrity(db, file)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * quick_check rather than integrity_check: it verifies every page and b-tree but skips matching
 * each index against its table, which makes integrity_check O(N log N) and slow on a store of
 * many gigabytes of bars, while damaged pages are what a crash or a bad disk actually produce.
 */
function checkIntegrity(db: SqliteDatabase, file: string): void {
  let problems: string[]
  try {
    const rows = db.pragma('quick_check(10)') as Array<Record<string, unknown>>
    problems = rows.flatMap((row) => String(Object.values(row)[0]).split('\n'))
  } catch (error) {
    if (isDamageError(error)) throw new StoreDamagedError(file, error.message)
    throw error
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    const found = problems.filter((line) => !line.startsWith('***')).slice(0, 3)
    throw new StoreDamagedError(file, `SQLite's check found: ${found.join('; ')}`)
  }
}

/**
 * Each pragma is set on purpose; they are per-connection (or, for page size and WAL, recorded in
 * the file), so they run on every open, after the integrity check has passed.
 */
export function configureConnection(db: SqliteDatabase, readonly: boolean): void {
  // Sorts and temporary indexes stay off the disk.
  db.pragma('temp_store = MEMORY')
  // 32 MiB: every small table and a chart's recent bar chunks stay cached.
  db.pragma('cache_size = -32768')
  // No mmap: an I/O error on a mapped page kills the process with SIGBUS instead of returning an
  // error, and reading bar blobs is already bound by memcpy, not by read() calls.
  db.pragma('mmap_size = 0')
  if (readonly) return
  // 16 KiB pages (effective only when the file is created): a 192 KiB bar chunk spans 12 pages
  // instead of 48, which measured about twice as fast to read here as the 4 KiB default.
  db.pragma('page_size = 16384')
  // WAL: chart reads never block the writer of fills, and a commit is one sequential append.
  const mode = db.pragma('journal_mode = WAL', { simple: true })
  if (mode !== 'wal') throw new Error(`SQLite refused WAL mode for ${db.name} (journal mode is ${String(mode)}).`)
  // FULL: the WAL is synced on every commit, so an acknowledged order, fill or decision survives
  // a power cut; bars are written in large transactions, so that cost is paid per batch, not per bar.
  db.pragma('synchronous = FULL')
  // SQLite leaves foreign keys off by default; deleting an instrument must cascade to its bars.
  db.pragma('foreign_keys = ON')
  // A big bar import can grow the WAL to hundreds of MB; this trims it back after checkpoints.
  db.pragma('journal_size_limit = 67108864')
}

export function readUserVersion(db: SqliteDatabase): number {
  return Number(db.pragma('user_version', { simple: true }))
}

export function hasTables(db: SqliteDatabase): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined
}
