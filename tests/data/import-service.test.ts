import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportOptionsInput, ImportReport } from '../../src/shared/contract'
import { ImportOptions } from '../../src/shared/contract'
import type { InstrumentId } from '../../src/shared/domain'
import { BarService, ImportService, InstrumentDataService, formatImportReport, seedDemoMarket } from '../../src/main/data'
import { ManualClock, silentLogger } from '../../src/main/kernel'
import type { Store } from '../../src/main/store'
import { ACME, makeTempDir, openTempStore, toArrays } from '../store/store-fixture'

const FIXTURES = join(__dirname, '..', 'fixtures', 'import')
const fixture = (name: string): Uint8Array => readFileSync(join(FIXTURES, name))
const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000

let temp: { dir: string; cleanup: () => void }
let store: Store
let service: ImportService
let clock: ManualClock

const options = (input: ImportOptionsInput = {}): ImportOptions => ImportOptions.parse(input)

function importFiles(files: { name: string; content: Uint8Array }[], input: ImportOptionsInput = {}): Promise<ImportReport> {
  return service.run({ files }, options(input), 'test')
}

/** Everything an import could touch, read straight from the file: instruments, bar chunks, factors. */
function snapshot(): unknown {
  const db = new Database(store.file, { readonly: true })
  try {
    return {
      instruments: db.prepare('SELECT * FROM instruments ORDER BY id').all(),
      chunks: db.prepare('SELECT instrument_id, timeframe, start_time, end_time, count, hex(data) AS data FROM bar_chunks ORDER BY 1, 2, 3').all(),
      factors: db.prepare('SELECT * FROM price_adjustments ORDER BY 1, 2, 3').all(),
    }
  } finally {
    db.close()
  }
}

beforeEach(() => {
  temp = makeTempDir('quorum-import-')
  store = openTempStore(temp.dir)
  clock = new ManualClock(Date.parse('2026-01-05T12:00:00Z'))
  service = new ImportService({ store, clock, logger: silentLogger })
})

afterEach(() => {
  store.close()
  temp.cleanup()
})

describe('ImportService', () => {
  it('imports a Yahoo file: creates the instrument with the defaults, stores raw bars and factors', async () => {
    const report = await importFiles([{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }])
    expect(report).toMatchObject({ status: 'completed', filesImported: 1, filesRejected: 0, barsImported: 5 })
    const [file] = report.files
    expect(file).toMatchObject({ status: 'imported', format: 'yahoo', timeframe: '1D', summary: '5 ACME 1D bars, 2024-01-02 to 2024-01-08' })
    expect(file!.series[0]).toMatchObject({ symbol: 'ACME', createdInstrument: true, adjustments: true, count: 5 })
    const acme = store.instruments.findBySymbol('ACME')!
    expect(acme).toMatchObject({ exchange: 'UNKNOWN', currency: 'USD', assetClass: 'stock', tickSize: 0.01, timeZone: 'America/New_York', session: '09:30-16:00', isDemo: false })
    expect(Array.from(store.bars.loadRange(acme.id, '1D').close)).toEqual([10.2, 10.4, 10.05, 10.25, 10.8])
    // Factors of 1 (the last two days) are not stored.
    expect(store.adjustments.load(acme.id, '1D', 0, Number.MAX_VALUE).time.length).toBe(3)
  })

  it('loads raw prices by default and adjusted ones on request, resampled weeks included', async () => {
    await importFiles([{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }])
    const acme = store.instruments.findBySymbol('ACME')!
    const bars = new BarService(store)
    const raw = await bars.load({ instrumentId: acme.id, timeframe: '1D', limit: 10 })
    const adjusted = await bars.load({ instrumentId: acme.id, timeframe: '1D', limit: 10, adjusted: true })
    expect(Array.from(raw.bars.close)).toEqual([10.2, 10.4, 10.05, 10.25, 10.8])
    expect(adjusted.bars.close[0]).toBeCloseTo(10, 9)
    expect(adjusted.bars.open[0]).toBeCloseTo(10 * (10 / 10.2), 9)
    expect(adjusted.bars.close[2]).toBeCloseTo(9.852941, 6)
    expect(adjusted.bars.close[4]).toBe(10.8)
    expect(Array.from(adjusted.bars.volume)).toEqual(Array.from(raw.bars.volume))
    const weekly = await bars.load({ instrumentId: acme.id, timeframe: '1W', limit: 10, adjusted: true })
    // The first week's low is the lowest adjusted low of 2–5 January.
    expect(weekly.bars.low[0]).toBeCloseTo(Math.min(9.8 * (10 / 10.2), 10.1 * (10.196078 / 10.4), 10 * (9.852941 / 10.05), 9.95), 9)
  })

  it('rejects a file with bad lines and leaves the store exactly as it was', async () => {
    await importFiles([{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }])
    const before = snapshot()
    const report = await importFiles([{ name: 'bad-lines.csv', content: fixture('bad-lines.csv') }])
    expect(report.files[0]).toMatchObject({
      status: 'rejected',
      rejectedTotal: 7,
      barsImported: 0,
      summary: '7 bad lines, so nothing of the file was imported; --skip-bad-lines imports its 5 good bars and lists the bad lines',
    })
    expect(snapshot()).toEqual(before)
    expect(store.instruments.findBySymbol('BAD')).toBeUndefined()
  })

  it('imports the good lines with skipBadLines and still lists every bad one', async () => {
    const report = await importFiles([{ name: 'bad-lines.csv', content: fixture('bad-lines.csv') }], { skipBadLines: true })
    expect(report.files[0]).toMatchObject({ status: 'imported', barsImported: 5, rejectedTotal: 7 })
    expect(report.files[0]!.summary).toContain('7 bad lines skipped')
    const bad = store.instruments.findBySymbol('BAD')!
    expect(Array.from(store.bars.loadRange(bad.id, '1D').time)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-08', '2024-03-12'].map(day))
  })

  it('rolls back a whole file when storing fails part-way, even after an earlier symbol of it was written', async () => {
    await importFiles([{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }])
    store.instruments.upsert({ ...ACME, symbol: 'BOOM', exchange: 'UNKNOWN' })
    const before = snapshot()
    // A real SQLite trigger makes the second symbol's bars fail to store, as a full disk would.
    const db = new Database(store.file)
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON bar_chunks WHEN NEW.instrument_id = (SELECT id FROM instruments WHERE symbol = 'BOOM')
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    db.close()
    const content = text('Symbol,Date,Open,High,Low,Close\nAAA,2024-01-02,1,2,0.5,1.5\nAAA,2024-01-03,1,2,0.5,1.5\nBOOM,2024-01-02,1,2,0.5,1.5\n')
    const report = await importFiles([{ name: 'two.csv', content }])
    expect(report.files[0]).toMatchObject({ status: 'rejected', summary: "Storing the file's bars failed (disk full); nothing of the file was written." })
    expect(snapshot()).toEqual(before)
    expect(store.instruments.findBySymbol('AAA')).toBeUndefined()
  })

  it('replaces the re-imported range and keeps the bars outside it (upsert)', async () => {
    const first = 'Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,1.5,10\n2024-01-04,1,2,0.5,1.5,10\n'
    const second = 'Date,Open,High,Low,Close,Volume\n2024-01-04,5,6,4.5,5.5,20\n2024-01-05,5,6,4.5,5.5,20\n'
    await importFiles([{ name: 'ZED.csv', content: text(first) }])
    const report = await importFiles([{ name: 'ZED.csv', content: text(second) }])
    expect(report.files[0]!.series[0]!.createdInstrument).toBe(false)
    const zed = store.instruments.findBySymbol('ZED')!
    expect(toArrays(store.bars.loadRange(zed.id, '1D'))).toMatchObject({
      time: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'].map(day),
      close: [1.5, 1.5, 5.5, 5.5],
      volume: [10, 10, 20, 20],
    })
    expect(store.instruments.list().filter((i) => i.symbol === 'ZED').length).toBe(1)
  })

  it('drops factors of a re-imported range when the new file has none', async () => {
    await importFiles([{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }])
    await importFiles([{ name: 'ACME.csv', content: text('Date,Open,High,Low,Close\n2024-01-02,10,10.5,9.8,10.2\n2024-01-03,10.2,10.6,10.1,10.4\n') }])
    const acme = store.instruments.findBySymbol('ACME')!
    expect(Array.from(store.adjustments.load(acme.id, '1D', 0, Number.MAX_VALUE).time)).toEqual([day('2024-01-04')])
  })

  it('applies instrument overrides to a new instrument and reads naive times in its zone', async () => {
    const content = text('timestamp,open,high,low,close\n2024-01-02 09:00:00,1,2,0.5,1.5\n2024-01-02 09:01:00,1,2,0.5,1.5\n')
    await importFiles([{ name: 'FDAX.csv', content }], {
      instrument: { exchange: 'EUREX', currency: 'EUR', assetClass: 'future', tickSize: 0.5, timeZone: 'Europe/Berlin', session: '08:00-22:00', name: 'DAX future' },
    })
    const fdax = store.instruments.findBySymbol('FDAX', 'EUREX')!
    expect(fdax).toMatchObject({ name: 'DAX future', currency: 'EUR', assetClass: 'future', tickSize: 0.5, timeZone: 'Europe/Berlin', session: '08:00-22:00' })
    expect(store.bars.loadRange(fdax.id, '1m').time[0]).toBe(Date.parse('2024-01-02T08:00:00Z') / 1000)
  })

  it('never imports into a demo instrument of the same symbol', async () => {
    seedDemoMarket(store, { seed: 1, endDate: '2024-01-05', logger: silentLogger })
    const demo = store.instruments.findBySymbol('DEMO-ALPHA')!
    const demoBars = store.bars.count(demo.id)
    await importFiles([{ name: 'x.csv', content: text('Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n') }], { symbol: 'DEMO-ALPHA' })
    expect(store.bars.count(demo.id)).toBe(demoBars)
    expect(store.instruments.findBySymbol('DEMO-ALPHA', 'UNKNOWN')?.isDemo).toBe(false)
  })

  it('imports folders recursively, gzip included, skipping other extensions, and reports missing paths', async () => {
    const folder = join(temp.dir, 'bars')
    cpSync(join(FIXTURES, 'folder'), folder, { recursive: true })
    mkdirSync(join(folder, 'nested'))
    writeFileSync(join(folder, 'nested', 'beta.us.txt.gz'), gzipSync(readFileSync(join(FIXTURES, 'stooq-classic.txt'))))
    const report = await service.run({ paths: [folder, join(temp.dir, 'missing.csv')] }, options(), 'test')
    expect(report.files.map((f) => [f.file.replace(temp.dir, ''), f.status])).toEqual([
      ['/missing.csv', 'rejected'],
      ['/bars/alfa-daily.csv', 'imported'],
      ['/bars/nested/beta.us.txt.gz', 'imported'],
    ])
    expect(report.files[0]!.summary).toBe('The path no such file or folder.')
    expect(report.files[2]!.series.map((s) => s.symbol)).toEqual(['ALFA', 'BETA'])
    // alfa-daily.csv and the Stooq file both hold ALFA: the later file's range replaced the earlier one's where they meet.
    const alfa = store.instruments.findBySymbol('ALFA')!
    expect(store.bars.count(alfa.id, '1D')).toBe(5)
  })

  it('reports progress and stops at cancel, keeping the files already imported whole', async () => {
    const controller = new AbortController()
    const progress: number[] = []
    const files = ['AAA', 'BBB', 'CCC'].map((symbol) => ({ name: `${symbol}.csv`, content: text('Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n2024-01-03,1,2,0.5,1.5\n') }))
    const report = await service.run({ files }, options(), 'test', {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.filesDone)
        if (p.filesDone === 1) controller.abort()
      },
    })
    expect(report.status).toBe('cancelled')
    expect(report.files.map((f) => f.status)).toEqual(['imported', 'cancelled', 'cancelled'])
    expect(progress[0]).toBe(0)
    expect(store.instruments.list().map((i) => i.symbol)).toEqual(['AAA'])
  })

  it('records each run with its report in the import history and the audit log', async () => {
    const report = await importFiles([{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }])
    const stored = store.importRuns.get(report.runId)!
    expect(stored.source).toBe('test')
    expect(stored.report).toMatchObject({ status: 'completed', filesImported: 1, barsImported: 5 })
    expect(store.audit.recent(1)[0]).toMatchObject({ action: 'bars.imported', detail: { runId: report.runId, barsImported: 5 } })
  })

  it('previews a file without writing anything', async () => {
    const before = snapshot()
    const preview = await service.preview('bad-lines.csv', fixture('bad-lines.csv'), options())
    expect(preview).toMatchObject({ format: 'generic', timeframe: '1D', symbols: ['BAD'], barCount: 5, rejectedTotal: 7, linesRead: 13, fatal: null, dateFormat: 'iso' })
    expect(preview.columns).toEqual(['Date', 'Open', 'High', 'Low', 'Close', 'Volume'])
    expect(preview.rows.length).toBe(12)
    expect(snapshot()).toEqual(before)
  })

  it('previews an unrecognised file with its columns so the trader can map them', async () => {
    const odd = text('date,open,top,bottom,bid\n2024-01-02,1,2,0.5,1.5\n')
    const preview = await service.preview('odd.csv', odd, options())
    expect(preview.fatal).toBe('No high, low, close column found among date, open, top, bottom, bid; map the columns by hand (generic format).')
    expect(preview.columns).toEqual(['date', 'open', 'top', 'bottom', 'bid'])
    expect(preview.sampleCells).toEqual([['2024-01-02', '1', '2', '0.5', '1.5']])
    expect(preview.mapping).toBeNull()
    const mapped = await service.preview('odd.csv', odd, options({ mapping: { date: 0, open: 1, high: 2, low: 3, close: 4 } }))
    expect(mapped).toMatchObject({ fatal: null, barCount: 1 })
  })

  it('reports a damaged gzip file as rejected and goes on with the next', async () => {
    const broken = gzipSync(readFileSync(join(FIXTURES, 'yahoo-acme.csv'))).subarray(0, 30)
    const report = await importFiles([
      { name: 'cut.csv.gz', content: broken },
      { name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') },
    ])
    expect(report.files.map((f) => f.status)).toEqual(['rejected', 'imported'])
    expect(report.files[0]!.summary).toMatch(/cannot be inflated/)
  })

  it('prints the report with each rejected line as file:line: reason', async () => {
    const report = await importFiles([
      { name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') },
      { name: 'bad-lines.csv', content: fixture('bad-lines.csv') },
    ])
    const printed = formatImportReport(report).split('\n')
    expect(printed[0]).toBe('imported  yahoo-acme.csv: 5 ACME 1D bars, 2024-01-02 to 2024-01-08')
    expect(printed[1]).toMatch(/^rejected {2}bad-lines\.csv: 7 bad lines, so nothing of the file was imported/)
    expect(printed).toContain('bad-lines.csv:5: close: "abc" is not a number')
    expect(printed).toContain('bad-lines.csv:12: date: time goes backwards: 2024-03-07 comes after 2024-03-08 (line 10)')
    expect(printed.find((l) => l.startsWith('Done:'))).toMatch(/^Done: 1 file imported, 1 rejected; 5 bars from 19 lines in [\d.]+ s \(import run \d+\)\.$/)
  })
})

describe('InstrumentDataService', () => {
  it('reports coverage with gaps, ignoring NYSE holidays', async () => {
    const content = text('Date,Open,High,Low,Close\n2024-01-12,1,2,0.5,1.5\n2024-01-16,1,2,0.5,1.5\n2024-01-22,1,2,0.5,1.5\n')
    await importFiles([{ name: 'GAP.csv', content }])
    const gap = store.instruments.findBySymbol('GAP')!
    const coverage = new InstrumentDataService(store).gaps(gap.id, '1D', 10)
    expect(coverage).toMatchObject({
      count: 3,
      firstTime: day('2024-01-12'),
      gapCount: 1,
      missingBars: 3,
      calendar: 'NYSE holidays',
      hasAdjustments: false,
      gaps: [{ from: day('2024-01-17'), to: day('2024-01-19'), missing: 3 }],
    })
  })

  it('deletes one timeframe or the whole instrument, with an audit entry', async () => {
    await importFiles([{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }])
    await importFiles([{ name: 'ACME-1m.csv', content: text('timestamp,open,high,low,close\n2024-01-02 09:30,1,2,0.5,1.5\n2024-01-02 09:31,1,2,0.5,1.5\n') }])
    const acme = store.instruments.findBySymbol('ACME')!
    const data = new InstrumentDataService(store)
    expect(data.delete(acme.id, '1D')).toEqual({ instrumentId: acme.id, timeframe: '1D', bars: 5, instrumentDeleted: false })
    expect(store.bars.coverage(acme.id).map((c) => c.timeframe)).toEqual(['1m'])
    expect(store.adjustments.has(acme.id, '1D')).toBe(false)
    expect(data.delete(acme.id, undefined)).toEqual({ instrumentId: acme.id, timeframe: null, bars: 2, instrumentDeleted: true })
    expect(store.instruments.get(acme.id)).toBeUndefined()
    expect(store.audit.recent(1)[0]).toMatchObject({ action: 'instrument.deleted', detail: { symbol: 'ACME', bars: 2 } })
    expect(() => data.delete(acme.id as InstrumentId, undefined)).toThrow(/No instrument with id/)
  })
})
