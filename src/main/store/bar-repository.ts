import type { BarColumns, Coverage, InstrumentId } from '../../shared/domain'
import { allocateBars, BAR_FIELDS, Timeframe, TIMEFRAMES } from '../../shared/domain'
import type { Logger } from '../kernel'
import { BYTES_PER_BAR, chunkLowerBound, chunkUpperBound, decodeChunkInto, encodeChunk } from './bar-chunk-codec'
import { findBarGaps, type GapScan } from './bar-gaps'
import type { SqliteDatabase } from './connection'
import { BarValidationError, StoreDamagedError } from './store-errors'

/**
 * Bars per chunk. 4096 bars are 192 KiB: large enough that per-row cost vanishes (a million bars
 * are 245 rows), small enough that appending a live bar rewrites at most 192 KiB and a chart's
 * window of a few thousand bars touches two or three chunks.
 */
export const CHUNK_SIZE = 4096

export interface LoadRangeOptions {
  /** First open time to include (epoch seconds); from the first stored bar when absent. */
  readonly from?: number
  /** Last open time to include (epoch seconds); to the last stored bar when absent. */
  readonly to?: number
}

export interface LoadLatestOptions {
  /** At most this many bars, the most recent ones. */
  readonly limit: number
  /** Only bars whose open time is strictly before this; all stored bars when absent. */
  readonly before?: number | undefined
}

export interface LatestBars {
  readonly bars: BarColumns
  /** True when older bars exist before the first one returned. */
  readonly hasMore: boolean
}

export interface BarGapOptions {
  /** At most this many gaps, oldest first (the scan still counts them all). */
  readonly maxResults?: number
  /** Weekdays the exchange is shut, as days since 1970-01-01; every missing weekday counts without it. */
  readonly isHoliday?: (epochDay: number) => boolean
}

interface ChunkMeta {
  readonly startTime: number
  readonly endTime: number
  readonly count: number
}

interface ChunkRow extends ChunkMeta {
  readonly data: Buffer
}

/** Bound for "no limit" that SQLite compares like any REAL (it has no portable infinity literal). */
const NO_LOWER = -Number.MAX_VALUE
const NO_UPPER = Number.MAX_VALUE

/** The chunk that may straddle `from`: the last one starting at or before it. Keeps every range query an index seek. */
const FLOOR = `COALESCE((SELECT start_time FROM bar_chunks WHERE instrument_id = @id AND timeframe = @tf AND start_time <= @from
  ORDER BY start_time DESC LIMIT 1), @from)`

/**
 * Bars per instrument and timeframe, stored as chunks of up to CHUNK_SIZE bars in columnar blobs
 * whose time ranges never overlap. Reads select chunks by their start and end times, so chunks
 * outside the requested range are never read from disk.
 */
export class BarRepository {
  private readonly rangeRows
  private readonly rangeMeta
  private readonly previousMeta
  private readonly nextMeta
  private readonly latestMeta
  private readonly rowsBetween
  private readonly insertChunk
  private readonly deleteChunk
  private readonly coverageRows
  private readonly countOne
  private readonly countAll
  private readonly deleteOne
  private readonly deleteAll
  private readonly allRows
  private readonly calendarRow

  constructor(
    private readonly db: SqliteDatabase,
    private readonly file: string,
    private readonly logger: Logger,
  ) {
    type Range = { id: number; tf: string; from: number; to: number }
    type Key = { id: number; tf: string; time: number }
    const meta = 'start_time AS startTime, end_time AS endTime, count'
    const where = 'instrument_id = @id AND timeframe = @tf'
    this.rangeRows = db.prepare<[Range], ChunkRow>(
      `SELECT ${meta}, data FROM bar_chunks WHERE ${where} AND start_time >= ${FLOOR} AND start_time <= @to AND end_time >= @from ORDER BY start_time`,
    )
    this.rangeMeta = db.prepare<[Range], ChunkMeta>(
      `SELECT ${meta} FROM bar_chunks WHERE ${where} AND start_time >= ${FLOOR} AND start_time <= @to AND end_time >= @from ORDER BY start_time`,
    )
    this.previousMeta = db.prepare<[Key], ChunkMeta>(`SELECT ${meta} FROM bar_chunks WHERE ${where} AND start_time < @time ORDER BY start_time DESC LIMIT 1`)
    this.nextMeta = db.prepare<[Key], ChunkMeta>(`SELECT ${meta} FROM bar_chunks WHERE ${where} AND start_time > @time ORDER BY start_time LIMIT 1`)
    this.latestMeta = db.prepare<[Key], ChunkMeta>(`SELECT ${meta} FROM bar_chunks WHERE ${where} AND start_time < @time ORDER BY start_time DESC`)
    this.rowsBetween = db.prepare<[Range], ChunkRow>(
      `SELECT ${meta}, data FROM bar_chunks WHERE ${where} AND start_time >= @from AND start_time <= @to ORDER BY start_time`,
    )
    this.insertChunk = db.prepare<[{ id: number; tf: string; start: number; end: number; count: number; data: Buffer }]>(
      'INSERT INTO bar_chunks (instrument_id, timeframe, start_time, end_time, count, data) VALUES (@id, @tf, @start, @end, @count, @data)',
    )
    this.deleteChunk = db.prepare<[Key]>(`DELETE FROM bar_chunks WHERE ${where} AND start_time = @time`)
    this.coverageRows = db.prepare<[number], { timeframe: string; firstTime: number; lastTime: number; count: number }>(
      `SELECT timeframe, MIN(start_time) AS firstTime, MAX(end_time) AS lastTime, SUM(count) AS count
       FROM bar_chunks WHERE instrument_id = ? GROUP BY timeframe`,
    )
    this.countOne = db.prepare<[number, string], { n: number }>('SELECT COALESCE(SUM(count), 0) AS n FROM bar_chunks WHERE instrument_id = ? AND timeframe = ?')
    this.countAll = db.prepare<[number], { n: number }>('SELECT COALESCE(SUM(count), 0) AS n FROM bar_chunks WHERE instrument_id = ?')
    this.deleteOne = db.prepare<[number, string]>('DELETE FROM bar_chunks WHERE instrument_id = ? AND timeframe = ?')
    this.deleteAll = db.prepare<[number]>('DELETE FROM bar_chunks WHERE instrument_id = ?')
    this.allRows = db.prepare<[number, string], ChunkRow>(`SELECT ${meta}, data FROM bar_chunks WHERE instrument_id = ? AND timeframe = ? ORDER BY start_time`)
    this.calendarRow = db.prepare<[number], { timeZone: string; session: string }>('SELECT time_zone AS timeZone, session FROM instruments WHERE id = ?')
  }

  /**
   * Bars missing from what is stored, in the instrument's own session and time zone: weekdays
   * for daily bars, weeks for weekly bars, bar slots inside the regular session for intraday bars
   * (see findBarGaps). Reads only the time column of each chunk.
   */
  gaps(instrumentId: InstrumentId, timeframe: Timeframe, options: BarGapOptions = {}): GapScan {
    const tf = Timeframe.parse(timeframe)
    const calendar = this.calendarRow.get(instrumentId)
    if (!calendar) throw new RangeError(`No instrument with id ${instrumentId}.`)
    const rows = this.allRows.all(instrumentId, tf)
    const total = rows.reduce((sum, row) => sum + row.count, 0)
    const times = new Float64Array(total)
    let offset = 0
    for (const row of rows) {
      if (row.data.byteLength !== row.count * BYTES_PER_BAR) {
        throw new StoreDamagedError(this.file, `the ${tf} bar chunk of instrument ${instrumentId} starting at ${row.startTime} holds ${row.data.byteLength} bytes`)
      }
      // The time column comes first in a chunk, little-endian.
      const view = new DataView(row.data.buffer, row.data.byteOffset, row.count * 8)
      for (let i = 0; i < row.count; i++) times[offset + i] = view.getFloat64(i * 8, true)
      offset += row.count
    }
    return findBarGaps(times, tf, { ...calendar, isHoliday: options.isHoliday }, { maxResults: options.maxResults })
  }

  /**
   * Stores `bars`, replacing whatever was stored with an open time within [first, last] of the
   * batch and keeping the bars outside it. One transaction: on any failure nothing changes.
   */
  writeBars(instrumentId: InstrumentId, timeframe: Timeframe, bars: BarColumns): void {
    const tf = Timeframe.parse(timeframe)
    validateBars(instrumentId, tf, bars)
    const n = bars.time.length
    if (n === 0) return
    const first = bars.time[0] as number
    const last = bars.time[n - 1] as number
    this.db.transaction(() => {
      const affected = this.affectedChunks(instrumentId, tf, first, last)
      const merged = affected.length === 0 ? bars : this.mergeInto(instrumentId, tf, affected, bars, first, last)
      for (const chunk of affected) this.deleteChunk.run({ id: instrumentId, tf, time: chunk.startTime })
      const total = merged.time.length
      for (let start = 0; start < total; start += CHUNK_SIZE) {
        const end = Math.min(start + CHUNK_SIZE, total)
        this.insertChunk.run({
          id: instrumentId,
          tf,
          start: merged.time[start] as number,
          end: merged.time[end - 1] as number,
          count: end - start,
          data: encodeChunk(merged, start, end),
        })
      }
    })()
    this.logger.debug('bars written', { instrumentId, timeframe: tf, count: n, first, last })
  }

  /** Bars with open times in [from, to], ascending. */
  loadRange(instrumentId: InstrumentId, timeframe: Timeframe, options: LoadRangeOptions = {}): BarColumns {
    const from = checkTime(options.from, 'from') ?? NO_LOWER
    const to = checkTime(options.to, 'to') ?? NO_UPPER
    if (from > to) return allocateBars(0)
    const rows = this.rangeRows.all({ id: instrumentId, tf: timeframe, from, to })
    return this.assemble(instrumentId, timeframe, rows, (row) => [chunkLowerBound(row.data, row.count, from), chunkUpperBound(row.data, row.count, to)])
  }

  /** The most recent `limit` bars opening before `before`, and whether older ones exist: for paging back. */
  loadLatest(instrumentId: InstrumentId, timeframe: Timeframe, options: LoadLatestOptions): LatestBars {
    const { limit } = options
    if (!Number.isInteger(limit) || limit <= 0) throw new RangeError(`loadLatest needs a positive whole limit, got ${limit}.`)
    const before = checkTime(options.before, 'before') ?? NO_UPPER
    return this.db.transaction((): LatestBars => {
      // Walk chunk metadata newest first until whole chunks before `before` cover the limit;
      // only the chunk holding `before` may contribute part of its bars.
      const selected: ChunkMeta[] = []
      let wholeBars = 0
      let olderChunkExists = false
      for (const chunk of this.latestMeta.iterate({ id: instrumentId, tf: timeframe, time: before })) {
        if (wholeBars >= limit) {
          olderChunkExists = true
          break
        }
        selected.push(chunk)
        if (chunk.endTime < before) wholeBars += chunk.count
      }
      const oldest = selected[selected.length - 1]
      const newest = selected[0]
      if (!oldest || !newest) return { bars: allocateBars(0), hasMore: false }
      const rows = this.rowsBetween.all({ id: instrumentId, tf: timeframe, from: oldest.startTime, to: newest.startTime })
      const ranges = rows.map((row): [number, number] => [0, row.endTime < before ? row.count : chunkLowerBound(row.data, row.count, before)])
      let excess = ranges.reduce((sum, [lo, hi]) => sum + hi - lo, 0) - limit
      const hasMore = excess > 0 || olderChunkExists
      for (const range of ranges) {
        if (excess <= 0) break
        const take = Math.min(excess, range[1] - range[0])
        range[0] += take
        excess -= take
      }
      return { bars: this.assemble(instrumentId, timeframe, rows, (_row, i) => ranges[i] as [number, number]), hasMore }
    })()
  }

  /** What is stored for the instrument, one entry per timeframe, in timeframe order. */
  coverage(instrumentId: InstrumentId): Coverage[] {
    const order = (tf: Timeframe): number => TIMEFRAMES.indexOf(tf)
    const result: Coverage[] = []
    for (const row of this.coverageRows.all(instrumentId)) {
      const tf = Timeframe.safeParse(row.timeframe)
      if (!tf.success) {
        this.logger.warn('bars of an unknown timeframe ignored', { instrumentId, timeframe: row.timeframe })
        continue
      }
      result.push({ instrumentId, timeframe: tf.data, firstTime: row.firstTime, lastTime: row.lastTime, count: row.count })
    }
    return result.sort((a, b) => order(a.timeframe) - order(b.timeframe))
  }

  /** Number of stored bars for the instrument, in one timeframe or in all. */
  count(instrumentId: InstrumentId, timeframe?: Timeframe): number {
    const row = timeframe === undefined ? this.countAll.get(instrumentId) : this.countOne.get(instrumentId, timeframe)
    return row?.n ?? 0
  }

  /** Deletes the instrument's bars in one timeframe or in all; returns how many bars went. */
  deleteBars(instrumentId: InstrumentId, timeframe?: Timeframe): number {
    return this.db.transaction(() => {
      const n = this.count(instrumentId, timeframe)
      if (timeframe === undefined) this.deleteAll.run(instrumentId)
      else this.deleteOne.run(instrumentId, timeframe)
      return n
    })()
  }

  /**
   * Chunks a write must rewrite: those overlapping [first, last], plus an under-full neighbour
   * on either side, so that appending bars one batch at a time fills chunks up instead of
   * leaving a trail of tiny ones. The result is contiguous in time.
   */
  private affectedChunks(id: InstrumentId, tf: Timeframe, first: number, last: number): ChunkMeta[] {
    const overlapping = this.rangeMeta.all({ id, tf, from: first, to: last })
    const previous = this.previousMeta.get({ id, tf, time: overlapping[0]?.startTime ?? first })
    const next = this.nextMeta.get({ id, tf, time: last })
    return [
      ...(previous && previous.count < CHUNK_SIZE ? [previous] : []),
      ...overlapping,
      ...(next && next.count < CHUNK_SIZE ? [next] : []),
    ]
  }

  /** The stored bars of `affected` outside [first, last], with the new bars in between. */
  private mergeInto(id: InstrumentId, tf: Timeframe, affected: ChunkMeta[], bars: BarColumns, first: number, last: number): BarColumns {
    const from = (affected[0] as ChunkMeta).startTime
    const to = (affected[affected.length - 1] as ChunkMeta).startTime
    const rows = this.rowsBetween.all({ id, tf, from, to })
    const before = this.assemble(id, tf, rows, (row) => [0, chunkLowerBound(row.data, row.count, first)])
    const after = this.assemble(id, tf, rows, (row) => [chunkUpperBound(row.data, row.count, last), row.count])
    const a = before.time.length
    const n = bars.time.length
    const merged = allocateBars(a + n + after.time.length)
    for (const field of BAR_FIELDS) {
      merged[field].set(before[field], 0)
      merged[field].set(bars[field], a)
      merged[field].set(after[field], a + n)
    }
    return merged
  }

  /** Copies the chosen [lo, hi) bars of each chunk into one set of columns of exactly the right size. */
  private assemble(id: InstrumentId, tf: Timeframe, rows: readonly ChunkRow[], pick: (row: ChunkRow, index: number) => readonly [number, number]): BarColumns {
    const ranges = rows.map((row, i) => {
      if (row.data.byteLength !== row.count * BYTES_PER_BAR) {
        throw new StoreDamagedError(
          this.file,
          `the ${tf} bar chunk of instrument ${id} starting at ${row.startTime} holds ${row.data.byteLength} bytes, not ${row.count * BYTES_PER_BAR}`,
        )
      }
      return pick(row, i)
    })
    const total = ranges.reduce((sum, [lo, hi]) => sum + Math.max(0, hi - lo), 0)
    const out = allocateBars(total)
    let offset = 0
    rows.forEach((row, i) => {
      const [lo, hi] = ranges[i] as readonly [number, number]
      decodeChunkInto(row.data, row.count, lo, hi, out, offset)
      offset += Math.max(0, hi - lo)
    })
    return out
  }
}

function checkTime(value: number | undefined, name: string): number | undefined {
  if (value !== undefined && !Number.isFinite(value)) throw new RangeError(`${name} must be a finite time in epoch seconds, got ${value}.`)
  return value
}

/** Refuses a batch the store could not keep ordered, naming the first offending bar. */
function validateBars(instrumentId: InstrumentId, timeframe: Timeframe, bars: BarColumns): void {
  const where = `Cannot write ${timeframe} bars for instrument ${instrumentId}`
  const n = bars.time.length
  for (const field of BAR_FIELDS) {
    if (!(bars[field] instanceof Float64Array)) throw new BarValidationError(`${where}: ${field} is not a Float64Array. Nothing was written.`, null)
    if (bars[field].length !== n) {
      throw new BarValidationError(`${where}: ${field} has ${bars[field].length} values but time has ${n}. Nothing was written.`, null)
    }
  }
  for (let i = 0; i < n; i++) {
    const t = bars.time[i] as number
    if (!Number.isFinite(t)) throw new BarValidationError(`${where}: time at index ${i} is ${t}, not a finite time. Nothing was written.`, i)
    if (i > 0 && !(t > (bars.time[i - 1] as number))) {
      throw new BarValidationError(
        `${where}: time at index ${i} (${t}) is not after index ${i - 1} (${bars.time[i - 1]}); times must be strictly ascending. Nothing was written.`,
        i,
      )
    }
  }
}
