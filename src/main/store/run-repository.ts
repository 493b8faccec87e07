import { decodeFrame, encodeFrame } from '../../shared/wire'
import type { Clock } from '../kernel'
import type { SqliteDatabase } from './connection'

export type RunKind = 'backtest' | 'optimization' | 'walk-forward' | 'monte-carlo'
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled'

export interface RunRow {
  readonly id: number
  readonly kind: RunKind
  readonly parentId: number | null
  readonly strategyVersionId: number | null
  readonly title: string
  readonly status: RunStatus
  /** What the run was: JSON as the backtest room wrote it. */
  readonly manifest: unknown
  /** Headline figures for listings: JSON, null until it finishes. */
  readonly summary: unknown
  readonly error: string | null
  /** Epoch milliseconds from the store's clock. */
  readonly startedAt: number
  readonly finishedAt: number | null
}

export interface RunListOptions {
  readonly kind?: RunKind | undefined
  /** Only the children of this run (an optimisation's trials, a walk-forward's windows). */
  readonly parentId?: number | null | undefined
  readonly limit?: number | undefined
}

interface RawRunRow extends Omit<RunRow, 'manifest' | 'summary'> {
  readonly manifest: string
  readonly summary: string | null
}

const COLUMNS = `id, kind, parent_id AS parentId, strategy_version_id AS strategyVersionId, title, status, manifest, summary, error,
  started_at AS startedAt, finished_at AS finishedAt`

function parseRow(row: RawRunRow): RunRow {
  return { ...row, manifest: JSON.parse(row.manifest) as unknown, summary: row.summary === null ? null : (JSON.parse(row.summary) as unknown) }
}

/**
 * Runs of the Strategy Lab (migration 4): a row when a run starts, its summary and result parts
 * when it ends, in one transaction. Result parts are binary frames (typed arrays stay raw), so
 * an equity curve of a million points loads without parsing.
 */
export class RunRepository {
  private readonly insertRow
  private readonly finishRow
  private readonly getRow
  private readonly putPart
  private readonly getPartRow
  private readonly partNames
  private readonly deleteRow
  private readonly interruptRows

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insertRow = db.prepare<[string, number | null, number | null, string, string, number], { id: number }>(
      "INSERT INTO runs (kind, parent_id, strategy_version_id, title, status, manifest, started_at) VALUES (?, ?, ?, ?, 'running', ?, ?) RETURNING id",
    )
    this.finishRow = db.prepare<[string, string | null, string | null, number, number]>(
      "UPDATE runs SET status = ?, summary = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'",
    )
    this.getRow = db.prepare<[number], RawRunRow>(`SELECT ${COLUMNS} FROM runs WHERE id = ?`)
    this.putPart = db.prepare<[number, string, Uint8Array]>(
      'INSERT INTO run_results (run_id, part, data) VALUES (?, ?, ?) ON CONFLICT (run_id, part) DO UPDATE SET data = excluded.data',
    )
    this.getPartRow = db.prepare<[number, string], { data: Uint8Array }>('SELECT data FROM run_results WHERE run_id = ? AND part = ?')
    this.partNames = db.prepare<[number], { part: string }>('SELECT part FROM run_results WHERE run_id = ? ORDER BY part')
    this.deleteRow = db.prepare<[number]>('DELETE FROM runs WHERE id = ?')
    this.interruptRows = db.prepare<[string, number]>("UPDATE runs SET status = 'failed', error = ?, finished_at = ? WHERE status = 'running'")
  }

  /** Records a run that starts now; returns its id. */
  start(input: { kind: RunKind; parentId?: number | null; strategyVersionId?: number | null; title: string; manifest: unknown }): number {
    const row = this.insertRow.get(input.kind, input.parentId ?? null, input.strategyVersionId ?? null, input.title, JSON.stringify(input.manifest), this.clock.now())
    if (!row) throw new Error(`Recording the run "${input.title}" returned no id.`)
    return row.id
  }

  /**
   * Ends a running run: its status, summary and result parts in one transaction (a crash leaves
   * it "running", which the next start-up marks as interrupted). Returns false when the run was
   * not running.
   */
  finish(id: number, outcome: { status: Exclude<RunStatus, 'running'>; summary?: unknown; error?: string | null; parts?: Readonly<Record<string, unknown>> }): boolean {
    return this.db.transaction(() => {
      const changed = this.finishRow.run(
        outcome.status,
        outcome.summary === undefined ? null : JSON.stringify(outcome.summary),
        outcome.error ?? null,
        this.clock.now(),
        id,
      ).changes
      if (changed === 0) return false
      for (const [part, value] of Object.entries(outcome.parts ?? {})) this.putPart.run(id, part, encodeFrame(value))
      return true
    })()
  }

  get(id: number): RunRow | undefined {
    const row = this.getRow.get(id)
    return row ? parseRow(row) : undefined
  }

  /** A stored result part decoded (typed arrays as views of the stored bytes), or undefined. */
  part(id: number, part: string): unknown {
    const row = this.getPartRow.get(id, part)
    return row ? decodeFrame(new Uint8Array(row.data)) : undefined
  }

  partsOf(id: number): string[] {
    return this.partNames.all(id).map((r) => r.part)
  }

  /** Newest first. */
  list(options: RunListOptions = {}): RunRow[] {
    const where: string[] = []
    const args: (string | number)[] = []
    if (options.kind !== undefined) {
      where.push('kind = ?')
      args.push(options.kind)
    }
    if (options.parentId === null) where.push('parent_id IS NULL')
    else if (options.parentId !== undefined) {
      where.push('parent_id = ?')
      args.push(options.parentId)
    }
    const sql = `SELECT ${COLUMNS} FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`
    args.push(options.limit ?? 100)
    return this.db
      .prepare<(string | number)[], RawRunRow>(sql)
      .all(...args)
      .map(parseRow)
  }

  /** Deletes the run, its parts and its child runs; false when there was none. */
  delete(id: number): boolean {
    return this.deleteRow.run(id).changes > 0
  }

  /** Marks runs left "running" by a previous process as failed; returns how many. */
  markInterrupted(): number {
    return this.interruptRows.run('Interrupted: Quorum stopped while the run was going.', this.clock.now()).changes
  }
}
