import type { Clock } from '../kernel'
import type { SqliteDatabase } from './connection'

export interface AuditEntry {
  readonly id: number
  /** When it was appended, epoch milliseconds from the store's clock. */
  readonly time: number
  /** Who acted: `trader`, an agent's name, `system`. */
  readonly actor: string
  /** What was done, e.g. `settings.updated`, `kill-switch.engaged`. */
  readonly action: string
  readonly detail: unknown
}

/** An append-only record of what the trader and the engine did, newest readable first. */
export class AuditLog {
  private readonly insertRow
  private readonly recentRows

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insertRow = db.prepare<[number, string, string, string], { id: number }>(
      'INSERT INTO audit_log (time, actor, action, detail) VALUES (?, ?, ?, ?) RETURNING id',
    )
    this.recentRows = db.prepare<[number], { id: number; time: number; actor: string; action: string; detail: string }>(
      'SELECT id, time, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?',
    )
  }

  append(actor: string, action: string, detail: unknown = null): AuditEntry {
    const time = this.clock.now()
    const json = JSON.stringify(detail ?? null)
    const row = this.insertRow.get(time, actor, action, json)
    if (!row) throw new Error(`Appending audit entry ${action} returned no id.`)
    return { id: row.id, time, actor, action, detail: JSON.parse(json) as unknown }
  }

  /** The newest `limit` entries, newest first. */
  recent(limit = 100): AuditEntry[] {
    if (!Number.isInteger(limit) || limit <= 0) throw new RangeError(`recent needs a positive whole limit, got ${limit}.`)
    return this.recentRows.all(limit).map((row) => ({ ...row, detail: JSON.parse(row.detail) as unknown }))
  }
}
