import { createHash } from 'node:crypto'
import type { Clock } from '../kernel'
import type { SqliteDatabase } from './connection'

export interface StrategyListing {
  readonly id: number
  readonly name: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly versions: number
}

export interface StrategyVersionRow {
  readonly id: number
  readonly strategyId: number
  /** SHA-256 of the source text, hex. */
  readonly hash: string
  readonly source: string
  readonly createdAt: number
}

export interface StoredStrategy extends StrategyListing {
  /** The newest version. */
  readonly latest: StrategyVersionRow
}

export interface SaveStrategyOutcome {
  readonly strategy: StoredStrategy
  /** False when the source equals the newest version's (no version was added). */
  readonly newVersion: boolean
}

/** The hash that names a strategy version: SHA-256 of its source text, hex. */
export function strategySourceHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex')
}

/** Thrown when a name is already taken by another strategy; the service turns it into an EngineError. */
export class StrategyNameTakenError extends Error {
  constructor(readonly strategyName: string) {
    super(`A strategy named "${strategyName}" already exists.`)
    this.name = 'StrategyNameTakenError'
  }
}

interface StrategyRow {
  readonly id: number
  readonly name: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly versions: number
}

const LISTING = `SELECT s.id, s.name, s.created_at AS createdAt, s.updated_at AS updatedAt,
  (SELECT count(*) FROM strategy_versions v WHERE v.strategy_id = s.id) AS versions FROM strategies s`
const VERSION_COLUMNS = 'id, strategy_id AS strategyId, hash, source, created_at AS createdAt'

/** Strategies and their versions (migration 4). Every save that changes the source adds a version. */
export class StrategyRepository {
  private readonly listRows
  private readonly byId
  private readonly byName
  private readonly latestOf
  private readonly versionById
  private readonly versionsOf
  private readonly insertStrategy
  private readonly updateStrategy
  private readonly insertVersion
  private readonly deleteRow

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.listRows = db.prepare<[], StrategyRow>(`${LISTING} ORDER BY s.name COLLATE NOCASE`)
    this.byId = db.prepare<[number], StrategyRow>(`${LISTING} WHERE s.id = ?`)
    this.byName = db.prepare<[string], StrategyRow>(`${LISTING} WHERE s.name = ?`)
    this.latestOf = db.prepare<[number], StrategyVersionRow>(`SELECT ${VERSION_COLUMNS} FROM strategy_versions WHERE strategy_id = ? ORDER BY id DESC LIMIT 1`)
    this.versionById = db.prepare<[number], StrategyVersionRow>(`SELECT ${VERSION_COLUMNS} FROM strategy_versions WHERE id = ?`)
    this.versionsOf = db.prepare<[number], Omit<StrategyVersionRow, 'source'>>(
      'SELECT id, strategy_id AS strategyId, hash, created_at AS createdAt FROM strategy_versions WHERE strategy_id = ? ORDER BY id DESC',
    )
    this.insertStrategy = db.prepare<[string, number, number], { id: number }>('INSERT INTO strategies (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING id')
    this.updateStrategy = db.prepare<[string, number, number]>('UPDATE strategies SET name = ?, updated_at = ? WHERE id = ?')
    this.insertVersion = db.prepare<[number, string, string, number]>('INSERT INTO strategy_versions (strategy_id, hash, source, created_at) VALUES (?, ?, ?, ?)')
    this.deleteRow = db.prepare<[number]>('DELETE FROM strategies WHERE id = ?')
  }

  list(): StrategyListing[] {
    return this.listRows.all()
  }

  get(id: number): StoredStrategy | undefined {
    const row = this.byId.get(id)
    return row ? this.withLatest(row) : undefined
  }

  findByName(name: string): StoredStrategy | undefined {
    const row = this.byName.get(name)
    return row ? this.withLatest(row) : undefined
  }

  getVersion(versionId: number): StrategyVersionRow | undefined {
    return this.versionById.get(versionId)
  }

  /** Every version of a strategy, newest first, without their sources. */
  versions(strategyId: number): Omit<StrategyVersionRow, 'source'>[] {
    return this.versionsOf.all(strategyId)
  }

  /**
   * Creates the strategy (no id) or renames and updates it, adding a version when the source
   * differs from the newest one; one transaction. Returns undefined when `id` names no strategy.
   */
  save(input: { id?: number | undefined; name: string; source: string }): SaveStrategyOutcome | undefined {
    return this.db.transaction((): SaveStrategyOutcome | undefined => {
      const now = this.clock.now()
      const taken = this.byName.get(input.name)
      if (taken && taken.id !== input.id) throw new StrategyNameTakenError(input.name)
      let id: number
      if (input.id === undefined) {
        const row = this.insertStrategy.get(input.name, now, now)
        if (!row) throw new Error(`Creating the strategy "${input.name}" returned no id.`)
        id = row.id
      } else {
        if (!this.byId.get(input.id)) return undefined
        id = input.id
      }
      const hash = strategySourceHash(input.source)
      const latest = this.latestOf.get(id)
      const newVersion = latest?.hash !== hash
      if (newVersion) this.insertVersion.run(id, hash, input.source, now)
      this.updateStrategy.run(input.name, now, id)
      const strategy = this.get(id)
      if (!strategy) throw new Error(`The strategy ${id} vanished while saving.`)
      return { strategy, newVersion }
    })()
  }

  /** Deletes the strategy and its versions (runs keep their manifests); false when there was none. */
  delete(id: number): boolean {
    return this.deleteRow.run(id).changes > 0
  }

  private withLatest(row: StrategyRow): StoredStrategy | undefined {
    const latest = this.latestOf.get(row.id)
    return latest ? { ...row, latest } : undefined
  }
}
