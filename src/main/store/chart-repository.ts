import type { Drawing, DrawingShape } from '../../shared/contract'
import { ChartLayout, DrawingId, DrawingShape as DrawingShapeSchema } from '../../shared/contract'
import type { InstrumentId } from '../../shared/domain'
import type { Clock, Logger } from '../kernel'
import type { SqliteDatabase } from './connection'

interface DrawingRow {
  readonly id: number
  readonly instrumentId: number
  readonly kind: string
  readonly data: string
  readonly createdAt: number
  readonly updatedAt: number
}

const DRAWING_COLUMNS = 'id, instrument_id AS instrumentId, kind, data, created_at AS createdAt, updated_at AS updatedAt'

/**
 * Chart layouts (one JSON document per id) and drawings (per instrument), migration 3's tables.
 * Reading never fails on a bad row: a layout or drawing that no longer validates (hand-edited,
 * or written by another version) is skipped with a warning, so it cannot stop the chart opening.
 */
export class ChartRepository {
  private readonly getLayoutRow
  private readonly upsertLayoutRow
  private readonly drawingsOf
  private readonly drawingById
  private readonly insertDrawingRow
  private readonly updateDrawingRow
  private readonly deleteDrawingRow

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.getLayoutRow = db.prepare<[string], { data: string }>('SELECT data FROM chart_layouts WHERE id = ?')
    this.upsertLayoutRow = db.prepare<[string, string, number]>(
      'INSERT INTO chart_layouts (id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
    )
    this.drawingsOf = db.prepare<[number], DrawingRow>(`SELECT ${DRAWING_COLUMNS} FROM chart_drawings WHERE instrument_id = ? ORDER BY id`)
    this.drawingById = db.prepare<[number], DrawingRow>(`SELECT ${DRAWING_COLUMNS} FROM chart_drawings WHERE id = ?`)
    this.insertDrawingRow = db.prepare<[number, string, string, number, number], DrawingRow>(
      `INSERT INTO chart_drawings (instrument_id, kind, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING ${DRAWING_COLUMNS}`,
    )
    this.updateDrawingRow = db.prepare<[string, string, number, number, number], DrawingRow>(
      `UPDATE chart_drawings SET kind = ?, data = ?, updated_at = ? WHERE id = ? AND instrument_id = ? RETURNING ${DRAWING_COLUMNS}`,
    )
    this.deleteDrawingRow = db.prepare<[number]>('DELETE FROM chart_drawings WHERE id = ?')
  }

  /** The saved layout, or undefined when none is saved or the saved one no longer validates. */
  getLayout(id: string): ChartLayout | undefined {
    const row = this.getLayoutRow.get(id)
    if (!row) return undefined
    let value: unknown
    try {
      value = JSON.parse(row.data)
    } catch {
      this.logger.warn('stored chart layout is not JSON; using the default', { id })
      return undefined
    }
    const parsed = ChartLayout.safeParse(value)
    if (parsed.success) return parsed.data
    this.logger.warn('stored chart layout is invalid; using the default', { id, problem: parsed.error.issues[0]?.message })
    return undefined
  }

  /** Stores the layout under `id`, replacing the one there; returns when (epoch ms). */
  saveLayout(id: string, layout: ChartLayout): number {
    const checked = ChartLayout.parse(layout)
    const updatedAt = this.clock.now()
    this.upsertLayoutRow.run(id, JSON.stringify(checked), updatedAt)
    return updatedAt
  }

  /** The instrument's drawings, oldest first. */
  listDrawings(instrumentId: InstrumentId): Drawing[] {
    const out: Drawing[] = []
    for (const row of this.drawingsOf.all(instrumentId)) {
      const drawing = this.toDrawing(row)
      if (drawing) out.push(drawing)
    }
    return out
  }

  getDrawing(id: DrawingId): Drawing | undefined {
    const row = this.drawingById.get(id)
    return row ? this.toDrawing(row) : undefined
  }

  /** A new drawing of the instrument, stamped now. */
  addDrawing(instrumentId: InstrumentId, shape: DrawingShape): Drawing {
    const checked = DrawingShapeSchema.parse(shape)
    const now = this.clock.now()
    const row = this.insertDrawingRow.get(instrumentId, checked.kind, JSON.stringify(checked.data), now, now)
    const drawing = row && this.toDrawing(row)
    if (!drawing) throw new Error(`Storing a ${checked.kind} for instrument ${instrumentId} returned no row.`)
    return drawing
  }

  /** Replaces the drawing's kind and data; undefined when the instrument has no drawing with that id. */
  updateDrawing(id: DrawingId, instrumentId: InstrumentId, shape: DrawingShape): Drawing | undefined {
    const checked = DrawingShapeSchema.parse(shape)
    const row = this.updateDrawingRow.get(checked.kind, JSON.stringify(checked.data), this.clock.now(), id, instrumentId)
    return row ? this.toDrawing(row) : undefined
  }

  /** False when there was no such drawing. */
  deleteDrawing(id: DrawingId): boolean {
    return this.deleteDrawingRow.run(id).changes > 0
  }

  private toDrawing(row: DrawingRow): Drawing | undefined {
    let data: unknown
    try {
      data = JSON.parse(row.data)
    } catch {
      data = undefined
    }
    const shape = DrawingShapeSchema.safeParse({ kind: row.kind, data })
    if (!shape.success) {
      this.logger.warn('stored drawing is invalid; skipping it', { id: row.id, problem: shape.error.issues[0]?.message })
      return undefined
    }
    return {
      ...shape.data,
      id: DrawingId.parse(row.id),
      instrumentId: row.instrumentId as InstrumentId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }
  }
}
