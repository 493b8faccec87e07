import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectFormat, FormatError } from '../../src/main/data'
import { symbolFromFileName } from '../../src/main/data/file-symbol'

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'import', name), 'utf8')

describe('detectFormat', () => {
  it('recognises a Yahoo Finance download and maps Adj Close', () => {
    const spec = detectFormat(fixture('yahoo-acme.csv'))
    expect(spec).toMatchObject({ format: 'yahoo', delimiter: ',', hasHeader: true, dateFormat: 'iso' })
    expect(spec.mapping).toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, adjClose: 5, volume: 6 })
  })

  it("recognises Stooq's bulk layout with its ticker, period and time columns", () => {
    const spec = detectFormat(fixture('stooq-classic.txt'))
    expect(spec).toMatchObject({ format: 'stooq', dateFormat: 'yyyymmdd', timeframeHint: '1D' })
    expect(spec.mapping).toEqual({ symbol: 0, date: 2, time: 3, open: 4, high: 5, low: 6, close: 7, volume: 8 })
  })

  it("recognises Stooq's daily layout Date,Open,High,Low,Close,Volume,OpenInt", () => {
    const spec = detectFormat('Date,Open,High,Low,Close,Volume,OpenInt\n2017-11-09,10,11,9,10.5,1000,0\n')
    expect(spec.format).toBe('stooq')
    expect(spec.mapping).toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 })
  })

  it('recognises a TWS historical-data export by its average and barCount columns', () => {
    const spec = detectFormat(fixture('ib-export.csv'))
    expect(spec).toMatchObject({ format: 'ib', dateFormat: 'yyyymmdd' })
    expect(spec.mapping).toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 })
  })

  it('takes yyyyMMdd HH:mm:ss dates as an IB export even without its extra columns', () => {
    const spec = detectFormat('date,open,high,low,close,volume\n20240102  09:30:00,1,2,0.5,1.5,10\n')
    expect(spec.format).toBe('ib')
  })

  it('maps generic headers by their usual names, in any order and case', () => {
    const spec = detectFormat('Volume;Close;Low;High;Open;Timestamp\n1000;10,5;9,8;10,9;10,1;2024-01-02 09:30\n')
    expect(spec).toMatchObject({ format: 'generic', delimiter: ';', decimalComma: true, dateFormat: 'iso' })
    expect(spec.mapping).toEqual({ date: 5, open: 4, high: 3, low: 2, close: 1, volume: 0 })
  })

  it('maps separate date and time columns, and a ticker column', () => {
    const spec = detectFormat('Ticker\tDate\tTime\tO\tH\tL\tC\tVol\nABC\t01/02/2024\t09:30\t1\t2\t0.5\t1.5\t100\n')
    expect(spec).toMatchObject({ delimiter: '\t', dateFormat: 'mdy' })
    expect(spec.mapping).toEqual({ symbol: 0, date: 1, time: 2, open: 3, high: 4, low: 5, close: 6, volume: 7 })
  })

  it("reads pandas' untitled index column as the dates", () => {
    const spec = detectFormat(',Open,High,Low,Close,Volume\n2004-08-19,100,104.06,95.96,100.34,22351900\n')
    expect(spec.mapping.date).toBe(0)
  })

  it('guesses the columns of a file without a header from its values', () => {
    const spec = detectFormat('1704205800,10,11,9,10.5,300\n1704205860,10.5,11,10,10.8,200\n')
    expect(spec).toMatchObject({ hasHeader: false, dateFormat: 'epoch-s', columns: ['column 1', 'column 2', 'column 3', 'column 4', 'column 5', 'column 6'] })
    expect(spec.mapping).toEqual({ date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 })
  })

  it('reads the time of day from the extra column of files whose header is one short (backtrader)', () => {
    const spec = detectFormat('Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699,0\n')
    expect(spec.columns.slice(0, 3)).toEqual(['Date', 'Time', 'Open'])
    expect(spec.mapping).toMatchObject({ date: 0, time: 1, open: 2, close: 5, volume: 6 })
    expect(spec.notes[0]).toContain('one column fewer')
  })

  it('notes that slashed dates are read month first when nothing proves otherwise', () => {
    const spec = detectFormat('Date,Open,High,Low,Close\n03/04/2024,1,2,0.5,1.5\n')
    expect(spec.dateFormat).toBe('mdy')
    expect(spec.notes.join(' ')).toContain('month/day/year')
  })

  it('lets the trader force the date format, the mapping and the format', () => {
    const spec = detectFormat('when,a,b,c,d\n03/04/2024,1,2,0.5,1.5\n', {
      format: 'generic',
      dateFormat: 'dmy',
      mapping: { date: 0, open: 1, high: 2, low: 3, close: 4 },
    })
    expect(spec).toMatchObject({ format: 'generic', dateFormat: 'dmy', mapping: { date: 0, open: 1, high: 2, low: 3, close: 4 } })
  })

  it('refuses a file with no close column and says which columns it found, keeping them for a manual mapping', () => {
    let error: unknown
    try {
      detectFormat('Date,Open,High,Low,Bid\n2024-01-02,1,2,0.5,1.5\n')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(FormatError)
    expect((error as FormatError).message).toBe('No close column found among Date, Open, High, Low, Bid; map the columns by hand (generic format).')
    expect((error as FormatError).layout?.columns).toEqual(['Date', 'Open', 'High', 'Low', 'Bid'])
  })

  it('refuses to read a file as Yahoo when it has no Adj Close column', () => {
    expect(() => detectFormat('Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n', { format: 'yahoo' })).toThrow(/no Adj Close column/)
  })

  it('refuses a mapping that points past the last column', () => {
    expect(() => detectFormat('Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n', { mapping: { date: 0, open: 1, high: 2, low: 3, close: 9 } })).toThrow(
      'The mapping puts close in column 10, but the file has 5 columns.',
    )
  })

  it("refuses Stooq's monthly bars, which Quorum does not store", () => {
    expect(() => detectFormat('<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\nX.US,M,20240131,000000,1,2,0.5,1.5,10,0\n')).toThrow(/monthly bars/)
  })
})

describe('symbolFromFileName', () => {
  it('finds the symbol in the names data sources give their files', () => {
    expect(symbolFromFileName('/data/yahoofinance-AAPL-20040819-20180120.csv')).toBe('AAPL')
    expect(symbolFromFileName('aapl.us.txt.gz')).toBe('AAPL')
    expect(symbolFromFileName('backtrader-orcl-1995-2014.txt')).toBe('ORCL')
    expect(symbolFromFileName('C:\\exports\\MSFT_1m.csv')).toBe('MSFT')
    expect(symbolFromFileName('nautilus-6EH4.XCME_1min_bars_20240101_20240131.csv.gz')).toBe('6EH4.XCME')
    expect(symbolFromFileName('2024-01-02.csv')).toBeNull()
  })
})
