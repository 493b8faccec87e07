import type { z } from 'zod'
import { DEFAULT_SETTINGS, Settings } from '../../shared/contract'
import type { Logger } from '../kernel'
import type { SqliteDatabase } from './connection'

type SettingKey = keyof Settings

const KEYS = Object.keys(Settings.shape) as SettingKey[]
const SettingsPatch = Settings.partial().strict()

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(settings)'}: ${issue.message}`).join('; ')
}

/**
 * The trader's settings, one JSON value per key. Reading never fails: a key that is missing or
 * whose stored value no longer validates (hand-edited, or written by another version) reads as
 * its default, with a warning, so a bad value cannot stop the app from starting.
 */
export class SettingsRepository {
  private readonly allRows
  private readonly upsertRow

  constructor(
    private readonly db: SqliteDatabase,
    private readonly logger: Logger,
  ) {
    this.allRows = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings')
    this.upsertRow = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  }

  get(): Settings {
    const stored = new Map(this.allRows.all().map((row) => [row.key, row.value]))
    const values: Record<string, unknown> = {}
    for (const key of KEYS) {
      const raw = stored.get(key)
      values[key] = raw === undefined ? DEFAULT_SETTINGS[key] : this.readValue(key, raw)
    }
    return Settings.parse(values)
  }

  /** Validates and stores the given keys together; returns the settings as now stored. */
  update(patch: Partial<Settings>): Settings {
    const parsed = SettingsPatch.safeParse(patch)
    if (!parsed.success) throw new Error(`Invalid settings: ${describe(parsed.error)}. Nothing was changed.`)
    return this.db.transaction(() => {
      for (const key of KEYS) {
        if (key in parsed.data && parsed.data[key] !== undefined) this.upsertRow.run(key, JSON.stringify(parsed.data[key]))
      }
      return this.get()
    })()
  }

  private readValue(key: SettingKey, raw: string): unknown {
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      this.logger.warn('stored setting is not JSON; using its default', { key, stored: raw.slice(0, 200) })
      return DEFAULT_SETTINGS[key]
    }
    const checked = Settings.shape[key].safeParse(value)
    if (checked.success) return checked.data
    this.logger.warn('stored setting is invalid; using its default', { key, stored: raw.slice(0, 200), problem: describe(checked.error) })
    return DEFAULT_SETTINGS[key]
  }
}
