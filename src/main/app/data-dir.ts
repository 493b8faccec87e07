import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_FOLDER = 'Quorum'
export const DATABASE_FILE = 'quorum.db'

/**
 * Where Quorum keeps its data when no `--data-dir` is given: the same folder Electron's
 * `app.getPath('userData')` gives the desktop app, so the headless engine and the app share it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER)
}
