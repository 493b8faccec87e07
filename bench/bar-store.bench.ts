import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { silentLogger } from '../src/main/kernel'
import { openStore } from '../src/main/store'
import { allocateBars, type BarColumns, InstrumentId } from '../src/shared/domain'
import { seededRandomWalk } from '../tests/support/seeded-bars'
import { ACME } from '../tests/store/store-fixture'
import { compare, printHeader } from './harness'

const BAR_COUNT = 1_000_000

/**
 * The reference: one row per bar, the layout most tools use, in its own SQLite file with the
 * same pragmas as Quorum's store (WAL, synchronous FULL, 16 KiB pages), upserting in one
 * transaction and reading straight into typed arrays.
 */
function rowPerBarStore(file: string): { write(bars: BarColumns): void; load(): BarColumns; close(): void } {
  const db = new Database(file)
  db.pragma('page_size = 16384')
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -32768')
  db.exec(`CREATE TABLE bars (instrument_id INTEGER, timeframe TEXT, time REAL, open REAL, high REAL, low REAL, close REAL, volume REAL,
           PRIMARY KEY (instrument_id, timeframe, time)) WITHOUT ROWID`)
  const insert = db.prepare("INSERT OR REPLACE INTO bars VALUES (1, '1m', ?, ?, ?, ?, ?, ?)")
  const count = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM bars WHERE instrument_id = 1 AND timeframe = '1m'")
  const select = db.prepare("SELECT time, open, high, low, close, volume FROM bars WHERE instrument_id = 1 AND timeframe = '1m' ORDER BY time").raw(true)
  const write = db.transaction((bars: BarColumns) => {
    for (let i = 0; i < bars.time.length; i++) insert.run(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i])
  })
  return {
    write: (bars) => write(bars),
    load: () => {
      const out = allocateBars(count.get()?.n ?? 0)
      let i = 0
      for (const row of select.iterate() as IterableIterator<number[]>) {
        out.time[i] = row[0] as number
        out.open[i] = row[1] as number
        out.high[i] = row[2] as number
        out.low[i] = row[3] as number
        out.close[i] = row[4] as number
        out.volume[i] = row[5] as number
        i++
      }
      return out
    },
    close: () => db.close(),
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-store-'))
  try {
    const bars = seededRandomWalk(31, BAR_COUNT)
    const store = openStore({ file: join(dir, 'quorum.db'), logger: silentLogger })
    const instrument = store.instruments.upsert(ACME)
    const id = InstrumentId.parse(instrument.id)
    const rows = rowPerBarStore(join(dir, 'rows.db'))
    printHeader(`bar store: chunked columnar blobs vs one row per bar, ${BAR_COUNT / 1e6}M one-minute bars (real SQLite files)`)
    await compare({
      name: 'ingest (upsert, one transaction)',
      contender: () => store.bars.writeBars(id, '1m', bars),
      reference: () => rows.write(bars),
      referenceName: 'row per bar',
      items: BAR_COUNT,
      unit: 'bars',
      runs: 5,
      warmup: 1,
    })
    await compare({
      name: 'range load into typed arrays',
      contender: () => store.bars.loadRange(id, '1m', {}),
      reference: () => rows.load(),
      referenceName: 'row per bar',
      items: BAR_COUNT,
      unit: 'bars',
      runs: 7,
      warmup: 1,
    })
    rows.close()
    store.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
