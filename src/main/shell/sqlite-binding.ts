import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** File name of the Electron-ABI build of better-sqlite3 (made by scripts/build-electron-sqlite.mjs). */
export const ELECTRON_SQLITE_FILE = 'better_sqlite3-electron.node'

/**
 * better-sqlite3 is not an N-API module, so Electron needs its own build, kept outside
 * node_modules (where tests use Node's). Packaged: in resources; from a checkout: resources/native.
 */
export function electronSqliteBinding(resourcesPath: string, appPath: string, packaged: boolean): string | undefined {
  const candidate = packaged ? join(resourcesPath, ELECTRON_SQLITE_FILE) : join(appPath, 'resources', 'native', ELECTRON_SQLITE_FILE)
  return existsSync(candidate) ? candidate : undefined
}
