import type { InstrumentId } from '../../shared/domain'
import { Timeframe } from '../../shared/domain'
import type { SqliteDatabase } from './connection'

/** Adjustment factors by bar open time: adjusted price = raw price × factor (1 where none is stored). */
export interface AdjustmentFactors {
  readonly time: Float64Array
  readonly factor: Float64Array
}

/**
 * Split and dividend adjustment factors beside the raw bars (migration 2's price_adjustments).
 * Raw prices stay the record; an adjusted series is derived on load, so choosing raw loses nothing.
 */
export class PriceAdjustmentRepository {
  private readonly deleteRange
  private readonly deleteTimeframe
  private readonly insertRow
  private readonly rangeRows
  private readonly anyRow

  constructor(private readonly db: SqliteDatabase) {
    this.deleteRange = db.prepare<[number, string, number, number]>(
      'DELETE FROM price_adjustments WHERE instrument_id = ? AND timeframe = ? AND time >= ? AND time <= ?',
    )
    this.deleteTimeframe = db.prepare<[number, string]>('DELETE FROM price_adjustments WHERE instrument_id = ? AND timeframe = ?')
    this.insertRow = db.prepare<[number, string, number, number]>('INSERT INTO price_adjustments (instrument_id, timeframe, time, factor) VALUES (?, ?, ?, ?)')
    this.rangeRows = db
      .prepare<[number, string, number, number], [number, number]>(
        'SELECT time, factor FROM price_adjustments WHERE instrument_id = ? AND timeframe = ? AND time >= ? AND time <= ? ORDER BY time',
      )
      .raw()
    this.anyRow = db.prepare<[number, string], { one: number }>('SELECT 1 AS one FROM price_adjustments WHERE instrument_id = ? AND timeframe = ? LIMIT 1')
  }

  /**
   * Replaces the factors with times in [from, to] by `factors` (which must lie in that range), in
   * one transaction, the way BarRepository.writeBars replaces bars. Factors of exactly 1 are not
   * stored: a missing factor reads as 1.
   */
  replaceRange(instrumentId: InstrumentId, timeframe: Timeframe, from: number, to: number, factors: AdjustmentFactors): number {
    const tf = Timeframe.parse(timeframe)
    if (factors.time.length !== factors.factor.length) throw new RangeError('Adjustment factors need as many times as factors.')
    return this.db.transaction(() => {
      this.deleteRange.run(instrumentId, tf, from, to)
      let stored = 0
      for (let i = 0; i < factors.time.length; i++) {
        const time = factors.time[i] as number
        const factor = factors.factor[i] as number
        if (time < from || time > to) throw new RangeError(`Adjustment factor at ${time} lies outside the replaced range [${from}, ${to}].`)
        if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`Adjustment factor at ${time} is ${factor}; factors must be positive.`)
        if (factor === 1) continue
        this.insertRow.run(instrumentId, tf, time, factor)
        stored++
      }
      return stored
    })()
  }

  /** Factors with times in [from, to], ascending. */
  load(instrumentId: InstrumentId, timeframe: Timeframe, from: number, to: number): AdjustmentFactors {
    const rows = this.rangeRows.all(instrumentId, timeframe, from, to)
    const time = new Float64Array(rows.length)
    const factor = new Float64Array(rows.length)
    rows.forEach(([t, f], i) => {
      time[i] = t
      factor[i] = f
    })
    return { time, factor }
  }

  has(instrumentId: InstrumentId, timeframe: Timeframe): boolean {
    return this.anyRow.get(instrumentId, timeframe) !== undefined
  }

  /** Deletes the factors of one timeframe (the instrument's deletion cascades to all of them). */
  deleteTimeframeFactors(instrumentId: InstrumentId, timeframe: Timeframe): number {
    return this.deleteTimeframe.run(instrumentId, timeframe).changes
  }
}
