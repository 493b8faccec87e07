import type { Clock } from '../kernel'
import type { SqliteDatabase } from './connection'

export interface ImportRunRow {
  readonly id: number
  /** Epoch milliseconds from the store's clock. */
  readonly startedAt: number
  readonly finishedAt: number | null
  /** What was imported, e.g. `cli: /data/spy.csv` or `app: 3 files`. */
  readonly source: string
  /** The run's report as the importer wrote it (JSON). */
  readonly report: unknown
}

export interface ImportRunListing {
  readonly id: number
  readonly startedAt: number
  readonly finishedAt: number | null
  readonly source: string
  /** Fields read out of the report without parsing all of it; null while the run is going. */
  readonly status: string | null
  readonly filesImported: number
  readonly filesRejected: number
  readonly barsImported: number
}

/** The history of imports (migration 2's import_runs): a row when a run starts, its report when it ends. */
export class ImportRunRepository {
  private readonly insertRow
  private readonly finishRow
  private readonly getRow
  private readonly recentRows

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insertRow = db.prepare<[number, string], { id: number }>("INSERT INTO import_runs (started_at, source, report) VALUES (?, ?, '{}') RETURNING id")
    this.finishRow = db.prepare<[number, string, number]>('UPDATE import_runs SET finished_at = ?, report = ? WHERE id = ?')
    this.getRow = db.prepare<[number], { id: number; startedAt: number; finishedAt: number | null; source: string; report: string }>(
      'SELECT id, started_at AS startedAt, finished_at AS finishedAt, source, report FROM import_runs WHERE id = ?',
    )
    this.recentRows = db.prepare<[number], ImportRunListing>(
      `SELECT id, started_at AS startedAt, finished_at AS finishedAt, source,
              json_extract(report, '$.status') AS status,
              COALESCE(json_extract(report, '$.filesImported'), 0) AS filesImported,
              COALESCE(json_extract(report, '$.filesRejected'), 0) AS filesRejected,
              COALESCE(json_extract(report, '$.barsImported'), 0) AS barsImported
       FROM import_runs ORDER BY id DESC LIMIT ?`,
    )
  }

  /** Records a run that starts now; returns its id. */
  start(source: string): { id: number; startedAt: number } {
    const startedAt = this.clock.now()
    const row = this.insertRow.get(startedAt, source)
    if (!row) throw new Error(`Recording the import run "${source}" returned no id.`)
    return { id: row.id, startedAt }
  }

  /** Stores the run's final report; returns when it finished. */
  finish(id: number, report: unknown): number {
    const finishedAt = this.clock.now()
    const changed = this.finishRow.run(finishedAt, JSON.stringify(report ?? null), id).changes
    if (changed === 0) throw new Error(`No import run with id ${id} to finish.`)
    return finishedAt
  }

  get(id: number): ImportRunRow | undefined {
    const row = this.getRow.get(id)
    return row ? { ...row, report: JSON.parse(row.report) as unknown } : undefined
  }

  /** The newest `limit` runs, newest first. */
  recent(limit = 20): ImportRunListing[] {
    if (!Number.isInteger(limit) || limit <= 0) throw new RangeError(`recent needs a positive whole limit, got ${limit}.`)
    return this.recentRows.all(limit)
  }
}
