import { IANAZone } from 'luxon'
import { z } from 'zod'
import type { AssetClass, Instrument } from '../../shared/domain'
import { InstrumentId } from '../../shared/domain'
import type { SqliteDatabase } from './connection'

/** An instrument as described before the store gives it an id. */
export type InstrumentSpec = Omit<Instrument, 'id'>

const ASSET_CLASSES = ['stock', 'etf', 'future', 'fx', 'crypto', 'index'] as const satisfies readonly AssetClass[]

const SESSION = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/

/** What a spec must satisfy to be stored; importers pass through here, so it names each field. */
export const InstrumentSpecSchema = z
  .object({
    symbol: z.string().trim().min(1),
    name: z.string(),
    exchange: z.string().trim().min(1),
    currency: z.string().trim().min(1),
    assetClass: z.enum(ASSET_CLASSES),
    tickSize: z.number().positive().finite(),
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), { message: 'not an IANA time zone' }),
    session: z.string().regex(SESSION, 'expected HH:MM-HH:MM'),
    isDemo: z.boolean(),
  })
  .strict()

interface InstrumentRow {
  id: number
  symbol: string
  name: string
  exchange: string
  currency: string
  asset_class: string
  tick_size: number
  time_zone: string
  session: string
  is_demo: number
}

const COLUMNS = 'id, symbol, name, exchange, currency, asset_class, tick_size, time_zone, session, is_demo'

function toInstrument(row: InstrumentRow): Instrument {
  return {
    id: InstrumentId.parse(row.id),
    symbol: row.symbol,
    name: row.name,
    exchange: row.exchange,
    currency: row.currency,
    assetClass: z.enum(ASSET_CLASSES).parse(row.asset_class),
    tickSize: row.tick_size,
    timeZone: row.time_zone,
    session: row.session,
    isDemo: row.is_demo === 1,
  }
}

/** Instruments, unique by symbol and exchange. */
export class InstrumentRepository {
  private readonly upsertStatement
  private readonly listStatement
  private readonly getStatement
  private readonly bySymbolStatement
  private readonly bySymbolAndExchangeStatement
  private readonly deleteStatement

  constructor(db: SqliteDatabase) {
    this.upsertStatement = db.prepare<[Record<string, string | number>], InstrumentRow>(`
      INSERT INTO instruments (symbol, name, exchange, currency, asset_class, tick_size, time_zone, session, is_demo)
      VALUES (@symbol, @name, @exchange, @currency, @assetClass, @tickSize, @timeZone, @session, @isDemo)
      ON CONFLICT (symbol, exchange) DO UPDATE SET
        name = excluded.name, currency = excluded.currency, asset_class = excluded.asset_class,
        tick_size = excluded.tick_size, time_zone = excluded.time_zone, session = excluded.session,
        is_demo = excluded.is_demo
      RETURNING ${COLUMNS}`)
    this.listStatement = db.prepare<[], InstrumentRow>(`SELECT ${COLUMNS} FROM instruments ORDER BY symbol, exchange`)
    this.getStatement = db.prepare<[number], InstrumentRow>(`SELECT ${COLUMNS} FROM instruments WHERE id = ?`)
    this.bySymbolStatement = db.prepare<[string], InstrumentRow>(`SELECT ${COLUMNS} FROM instruments WHERE symbol = ? ORDER BY id LIMIT 1`)
    this.bySymbolAndExchangeStatement = db.prepare<[string, string], InstrumentRow>(
      `SELECT ${COLUMNS} FROM instruments WHERE symbol = ? AND exchange = ?`,
    )
    this.deleteStatement = db.prepare<[number]>('DELETE FROM instruments WHERE id = ?')
  }

  /** Inserts the instrument, or updates the one with the same symbol and exchange; returns it with its id. */
  upsert(spec: InstrumentSpec): Instrument {
    const parsed = InstrumentSpecSchema.safeParse(spec)
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
      throw new Error(`Cannot store instrument ${String(spec.symbol)}: ${problems}.`)
    }
    const row = this.upsertStatement.get({ ...parsed.data, isDemo: parsed.data.isDemo ? 1 : 0 })
    if (!row) throw new Error(`Storing instrument ${spec.symbol} returned no row.`)
    return toInstrument(row)
  }

  /** All instruments, by symbol then exchange. */
  list(): Instrument[] {
    return this.listStatement.all().map(toInstrument)
  }

  get(id: InstrumentId): Instrument | undefined {
    const row = this.getStatement.get(id)
    return row ? toInstrument(row) : undefined
  }

  /** Without an exchange, the first stored instrument with that symbol (lowest id). */
  findBySymbol(symbol: string, exchange?: string): Instrument | undefined {
    const row = exchange === undefined ? this.bySymbolStatement.get(symbol) : this.bySymbolAndExchangeStatement.get(symbol, exchange)
    return row ? toInstrument(row) : undefined
  }

  /** Deletes the instrument and, by cascade, all its bars; false when there was none. */
  delete(id: InstrumentId): boolean {
    return this.deleteStatement.run(id).changes > 0
  }
}
