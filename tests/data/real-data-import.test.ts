import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportOptionsInput, ImportReport } from '../../src/shared/contract'
import { ImportOptions } from '../../src/shared/contract'
import { BarService, ImportService } from '../../src/main/data'
import { ManualClock, silentLogger } from '../../src/main/kernel'
import type { Store } from '../../src/main/store'
import { makeTempDir, openTempStore } from '../store/store-fixture'

/**
 * Optional: imports the real files of the shared data folder (never copied into the repository;
 * see its README for their licences) and checks what is known about them. Skipped when the
 * folder is absent, as on a fresh clone.
 */
const SHARED = resolve(__dirname, '..', '..', '..', 'shared', 'data')
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000

describe.skipIf(!existsSync(SHARED))('importing the real shared data files', () => {
  let temp: { dir: string; cleanup: () => void }
  let store: Store
  let service: ImportService
  const run = (paths: string[], options: ImportOptionsInput = {}): Promise<ImportReport> =>
    service.run({ paths: paths.map((p) => join(SHARED, p)) }, ImportOptions.parse(options), 'real data test')

  beforeAll(() => {
    temp = makeTempDir('quorum-real-data-')
    store = openTempStore(temp.dir)
    service = new ImportService({ store, clock: new ManualClock(Date.parse('2026-01-05T12:00:00Z')), logger: silentLogger })
  })

  afterAll(() => {
    store.close()
    temp.cleanup()
  })

  it('imports all 67 Stooq daily files, reporting the 1972 WMT gap and the zero-volume day of 2010-04-26', async () => {
    const report = await run(['daily-us-equities-etfs/files'])
    expect(report).toMatchObject({ filesImported: 67, filesRejected: 0, barsImported: 471_168 })
    const wmt = report.files.find((f) => f.file.endsWith('wmt.us.txt.gz'))!
    expect(wmt.format).toBe('stooq')
    expect(wmt.warnings.map((w) => w.message)).toContain('WMT: 16 weekdays missing, 1972-04-14 to 1972-05-05 (between lines 18 and 19)')
    expect(wmt.warnings.map((w) => w.message)).toContain('WMT: volume is 0 on 2010-04-26')
  }, 120_000)

  it("imports Yahoo downloads, rejecting SPY's two lines whose open lies outside the day's range", async () => {
    const report = await run(['daily-yahoo-adjclose'])
    expect(report.filesImported).toBe(6)
    const spy = report.files.find((f) => f.file.endsWith('yahoofinance-SPY-20080101-20180101.csv'))!
    expect(spy.status).toBe('rejected')
    expect(spy.rejected.map((r) => [r.line, r.field])).toEqual([
      [1808, 'open'],
      [1825, 'open'],
    ])
    const again = await run(['daily-yahoo-adjclose/yahoofinance-SPY-20080101-20180101.csv'], { skipBadLines: true })
    expect(again.files[0]).toMatchObject({ status: 'imported', barsImported: 2517 })
  }, 120_000)

  it("agrees with Stooq's adjusted close once Yahoo's raw AAPL prices are loaded adjusted", async () => {
    // Each source as its own instrument: by file name both would be AAPL, and the later import would replace the earlier's range.
    await run(['daily-yahoo-adjclose/yahoofinance-AAPL-20040819-20180120.csv'], { symbol: 'AAPL-YAHOO' })
    await run(['daily-us-equities-etfs/files/aapl.us.txt.gz'], { symbol: 'AAPL-STOOQ' })
    const yahoo = store.instruments.findBySymbol('AAPL-YAHOO')!
    const bars = new BarService(store)
    const adjusted = await bars.load({ instrumentId: yahoo.id, timeframe: '1D', limit: 10_000, adjusted: true })
    const i = adjusted.bars.time.indexOf(day('2014-06-06'))
    expect(adjusted.bars.close[i]).toBeCloseTo(86.494591, 5)
    const stooq = store.instruments.findBySymbol('AAPL-STOOQ')!
    const stooqBars = store.bars.loadRange(stooq.id, '1D', { from: day('2014-06-06'), to: day('2014-06-06') })
    expect(stooqBars.close[0]).toBeCloseTo(adjusted.bars.close[i]!, 2)
  }, 120_000)

  it('imports one-minute futures and FX bars given their zone and session', async () => {
    const euro = await run(['intraday-1min/nautilus-6EH4.XCME_1min_bars_20240101_20240131.csv.gz'], {
      timeZone: 'UTC',
      instrument: { assetClass: 'future', session: '00:00-24:00', timeZone: 'America/Chicago' },
    })
    expect(euro.files[0]).toMatchObject({ status: 'imported', timeframe: '1m', barsImported: 29_996 })
    const backtrader = await run(['intraday-1min/backtrader-2006-01-02-volume-min-001.txt'], { symbol: 'FESX', timeZone: 'Europe/Berlin' })
    expect(backtrader.files[0]).toMatchObject({ status: 'imported', barsImported: 30_889 })
  }, 120_000)
})
