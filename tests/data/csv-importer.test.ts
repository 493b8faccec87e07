import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AnalysedFile } from '../../src/main/data'
import { analyseText, ImportCancelledError, NYSE_CALENDAR } from '../../src/main/data'
import type { InstrumentContext } from '../../src/main/data/csv-importer'
import { mulberry32 } from '../support/seeded-bars'

const NEW_YORK: InstrumentContext = { timeZone: 'America/New_York', session: '09:30-16:00', calendar: NYSE_CALENDAR }
const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'import', name), 'utf8')
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000
const utc = (iso: string): number => Date.parse(`${iso}Z`) / 1000

function analyse(text: string, name = 'ACME.csv', extra: Partial<Parameters<typeof analyseText>[1]> = {}): Promise<AnalysedFile> {
  return analyseText(text, { name, skipBadLines: false, resolveInstrument: () => NEW_YORK, ...extra })
}

/** A seeded walk of valid one-minute bars of New York's regular session, as `timestamp,o,h,l,c,v` lines. */
function minuteFile(sessions: readonly string[], seed: number, skip: ReadonlySet<string> = new Set()): string {
  const random = mulberry32(seed)
  const lines = ['timestamp,open,high,low,close,volume']
  let price = 100
  for (const date of sessions) {
    for (let m = 0; m < 390; m++) {
      const minutes = 9 * 60 + 30 + m
      const time = `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`
      const open = price
      const close = Math.round(open * (1 + (random() - 0.5) * 0.002) * 100) / 100
      const high = Math.max(open, close) + 0.01
      const low = Math.min(open, close) - 0.01
      price = close
      if (!skip.has(time)) lines.push(`${time},${open},${high.toFixed(2)},${low.toFixed(2)},${close},${Math.floor(random() * 1000) + 1}`)
    }
  }
  return `${lines.join('\n')}\n`
}

describe('analyseText', () => {
  it('reads a Yahoo file into raw bars with adjustment factors adjusted close ÷ close', async () => {
    const file = await analyse(fixture('yahoo-acme.csv'), 'yahoo-acme.csv')
    expect(file.fatal).toBeNull()
    expect(file.rejectedTotal).toBe(0)
    const [series] = file.series
    expect(series).toMatchObject({ symbol: 'ACME', timeframe: '1D' })
    expect(Array.from(series!.bars.time)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'].map(day))
    expect(Array.from(series!.bars.close)).toEqual([10.2, 10.4, 10.05, 10.25, 10.8])
    expect(series!.factors![0]).toBeCloseTo(10 / 10.2, 12)
    expect(series!.factors![4]).toBe(1)
    expect(Array.from(series!.lines)).toEqual([2, 3, 4, 5, 6])
  })

  it('splits a Stooq file by ticker, dropping the .US suffix, with daily bars from <PER> D', async () => {
    const file = await analyse(fixture('stooq-classic.txt'), 'stooq-classic.txt')
    expect(file.series.map((s) => [s.symbol, s.timeframe, s.bars.time.length])).toEqual([
      ['ALFA', '1D', 3],
      ['BETA', '1D', 2],
    ])
    expect(file.series[1]!.bars.time[0]).toBe(day('2024-01-02'))
  })

  it('reads a TWS export as one-minute bars in the instrument zone', async () => {
    const file = await analyse(fixture('ib-export.csv'), 'SPY-ib-export.csv')
    const [series] = file.series
    expect(series).toMatchObject({ symbol: 'SPY', timeframe: '1m', timeZone: 'America/New_York' })
    expect(series!.bars.time[0]).toBe(utc('2024-01-02T14:30:00'))
    expect(Array.from(series!.bars.volume)).toEqual([1200, 800, 950, 700])
  })

  it("stores TWS's volume -1 of midpoint bars as 0 with a note, where another file's -1 would be a bad line", async () => {
    const midpoint = 'date,open,high,low,close,volume,average,barCount\n20240102,1,2,0.5,1.5,-1,-1,-1\n20240103,1,2,0.5,1.5,-1,-1,-1\n'
    const file = await analyse(midpoint, 'EURUSD-midpoint.csv')
    expect(file.rejectedTotal).toBe(0)
    expect(Array.from(file.series[0]!.bars.volume)).toEqual([0, 0])
    expect(file.warnings.map((w) => w.message)).toContain('2 bars have volume -1, which TWS writes for MIDPOINT, BID and ASK bars (no volume); they are stored with volume 0.')
  })

  it('reports every rejected line with its line number, field and reason, and rejects nothing silently', async () => {
    const file = await analyse(fixture('bad-lines.csv'), 'bad-lines.csv')
    expect(file.rejected.map((r) => [r.line, r.field, r.reason])).toEqual([
      [5, 'close', '"abc" is not a number'],
      [6, 'high', 'high 50 is below low 50.2'],
      [7, 'open', "open 52 is outside the bar's range low 50.5 – high 51.5"],
      [8, 'close', "close 51.9 is outside the bar's range low 50.5 – high 51.5"],
      [9, 'volume', 'volume -5 is negative'],
      [11, 'date', 'duplicate timestamp 2024-03-08: line 10 has a 1D bar at the same time'],
      [12, 'date', 'time goes backwards: 2024-03-07 comes after 2024-03-08 (line 10)'],
    ])
    expect(file.rejectedTotal).toBe(7)
    expect(Array.from(file.series[0]!.lines)).toEqual([2, 3, 4, 10, 13])
  })

  it('reports an unreadable date with the format it expected', async () => {
    const file = await analyse('Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n2024-02-30,1,2,0.5,1.5\n2024-01-03,1,2,0.5,1.5\n2024-01-04,1,2,0.5,1.5\n')
    expect(file.rejected).toEqual([{ line: 3, field: 'date', reason: '"2024-02-30" is not a date (no such day; expected yyyy-mm-dd, optionally with HH:mm[:ss] and an offset)' }])
  })

  it('counts lines of files with Windows line ends, blank lines and a missing final newline', async () => {
    const file = await analyse('Date,Open,High,Low,Close\r\n2024-01-02,1,2,0.5,1.5\r\n\r\n2024-01-03,1,2,0.5,x\r\n2024-01-04,1,2,0.5,1.5')
    expect(file.rejected.map((r) => r.line)).toEqual([4])
    expect(file.linesRead).toBe(5)
  })

  it('turns a file written newest first round, with a note', async () => {
    const file = await analyse('Date,Open,High,Low,Close\n2024-01-04,1,2,0.5,1.5\n2024-01-03,1,2,0.5,1.5\n2024-01-02,1,2,0.5,1.5\n')
    expect(file.rejectedTotal).toBe(0)
    expect(Array.from(file.series[0]!.bars.time)).toEqual([day('2024-01-02'), day('2024-01-03'), day('2024-01-04')])
    expect(Array.from(file.series[0]!.lines)).toEqual([4, 3, 2])
    expect(file.warnings.some((w) => w.message.includes('newest first'))).toBe(true)
  })

  it('detects the timeframe from the spacing of the timestamps', async () => {
    const spaced = async (seconds: number, count = 30): Promise<string | null> => {
      const lines = ['time,open,high,low,close']
      for (let i = 0; i < count; i++) lines.push(`${1_704_205_800 + i * seconds},1,2,0.5,1.5`)
      return (await analyse(`${lines.join('\n')}\n`)).timeframe
    }
    expect(await spaced(60)).toBe('1m')
    expect(await spaced(300)).toBe('5m')
    expect(await spaced(3600)).toBe('1h')
    expect(await spaced(604_800)).toBe('1W')
    const odd = await analyse('time,open,high,low,close\n1704205800,1,2,0.5,1.5\n1704205920,1,2,0.5,1.5\n1704206040,1,2,0.5,1.5\n')
    expect(odd.fatal).toBe(
      'Cannot tell the timeframe of ACME: the bars are 2 min apart, which matches no timeframe Quorum stores (1m, 5m, 15m, 30m, 1h, 4h, 1D, 1W). Set the timeframe (--timeframe).',
    )
  })

  it('stamps weekly bars with the Monday of their week (Stooq dates them Friday)', async () => {
    const file = await analyse('Date,Open,High,Low,Close\n2024-01-05,1,2,0.5,1.5\n2024-01-12,1,2,0.5,1.5\n2024-01-19,1,2,0.5,1.5\n')
    expect(file.timeframe).toBe('1W')
    expect(Array.from(file.series[0]!.bars.time)).toEqual([day('2024-01-01'), day('2024-01-08'), day('2024-01-15')])
  })

  it('reads naive times in the zone it is given, and warns when most bars fall outside the session', async () => {
    const text = 'timestamp,open,high,low,close\n2024-01-02 14:30:00,1,2,0.5,1.5\n2024-01-02 14:31:00,1,2,0.5,1.5\n'
    const asNewYork = await analyse(text)
    expect(asNewYork.series[0]!.bars.time[0]).toBe(utc('2024-01-02T19:30:00'))
    const asUtc = await analyse(text, 'ACME.csv', { timeZone: 'UTC' })
    expect(asUtc.series[0]!.bars.time[0]).toBe(utc('2024-01-02T14:30:00'))
    expect(asUtc.warnings.filter((w) => w.kind === 'outside-session')).toEqual([])
    const evening = await analyse('timestamp,open,high,low,close\n2024-01-02 20:30:00,1,2,0.5,1.5\n2024-01-02 20:31:00,1,2,0.5,1.5\n')
    expect(evening.warnings.find((w) => w.kind === 'outside-session')?.message).toContain('2 of 2 bars fall outside the 09:30-16:00 session')
  })

  it('points at daylight saving when UTC times read as New York times collide in the skipped hour', async () => {
    const lines = ['timestamp,open,high,low,close']
    // 01:00–02:09 and 03:00–03:09 UTC on 10 March 2024 without an offset: as New York times 02:xx does not
    // exist and moves to 03:xx, which the next lines then repeat.
    for (let m = 0; m < 70; m++) lines.push(`2024-03-10 ${String(1 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00,1,2,0.5,1.5`)
    for (let m = 0; m < 10; m++) lines.push(`2024-03-10 03:${String(m).padStart(2, '0')}:00,1,2,0.5,1.5`)
    const file = await analyse(`${lines.join('\n')}\n`)
    expect(file.rejected.map((r) => r.line)).toEqual(Array.from({ length: 10 }, (_, i) => 72 + i))
    expect(file.rejected[0]?.reason).toBe(
      'time goes backwards: 2024-03-10 07:00 UTC comes after 2024-03-10 07:09 UTC (line 71) (America/New_York skips or repeats this hour for daylight saving: if the file\'s times are in UTC or another zone, set the time zone)',
    )
    const asUtc = await analyse(`${lines.join('\n')}\n`, 'ACME.csv', { timeZone: 'UTC' })
    expect(asUtc.rejectedTotal).toBe(0)
  })

  it('warns about missing weekdays in daily bars, but not about NYSE holidays', async () => {
    // 2024-01-15 is Martin Luther King Jr. Day; 2024-01-17 is simply missing.
    const text = 'Date,Open,High,Low,Close,Volume\n2024-01-12,1,2,0.5,1.5,10\n2024-01-16,1,2,0.5,1.5,10\n2024-01-18,1,2,0.5,1.5,10\n'
    const file = await analyse(text)
    expect(file.warnings.filter((w) => w.kind === 'gap')).toEqual([
      { kind: 'gap', line: 4, message: 'ACME: 1 weekday missing, 2024-01-17 (between lines 3 and 4)' },
    ])
  })

  it('warns about missing minutes inside the session of intraday bars', async () => {
    const text = minuteFile(['2024-01-02'], 7, new Set(['2024-01-02 10:00:00', '2024-01-02 10:01:00']))
    const file = await analyse(text, 'ACME-1m.csv')
    expect(file.timeframe).toBe('1m')
    expect(file.warnings.filter((w) => w.kind === 'gap').map((w) => w.message)).toEqual([
      'ACME: 2 1m bars missing, 2024-01-02 15:00 UTC to 2024-01-02 15:01 UTC (between lines 31 and 32)',
    ])
  })

  it('warns about bars with zero volume, naming the day', async () => {
    const file = await analyse('Date,Open,High,Low,Close,Volume\n2010-04-23,1,2,0.5,1.5,10\n2010-04-26,1,2,0.5,1.5,0\n2010-04-27,1,2,0.5,1.5,10\n')
    expect(file.warnings.filter((w) => w.kind === 'zero-volume')).toEqual([{ kind: 'zero-volume', line: 3, message: 'ACME: volume is 0 on 2010-04-26' }])
  })

  it('says when the file name gives no symbol and there is no ticker column', async () => {
    const file = await analyse('Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n', '2024-01-02.csv')
    expect(file.fatal).toContain('give the symbol (--symbol)')
    const named = await analyse('Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n', '2024-01-02.csv', { symbol: 'xyz' })
    expect(named.series[0]!.symbol).toBe('XYZ')
  })

  it('reads a large intraday file in slices and keeps exact line numbers past the first slice', async () => {
    const sessions = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11']
    const good = minuteFile(sessions, 11)
    const lines = good.split('\n')
    // Break a line well past the first megabyte-sized slice.
    const target = lines.length - 10
    lines[target] = lines[target]!.replace(/,[^,]*$/, ',-1')
    let progressCalls = 0
    const file = await analyse(lines.join('\n'), 'ACME.csv', { onLines: () => progressCalls++ })
    expect(file.linesRead).toBe(sessions.length * 390 + 1)
    expect(file.rejected).toEqual([{ line: target + 1, field: 'volume', reason: 'volume -1 is negative' }])
    expect(progressCalls).toBeGreaterThan(0)
  })

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(analyse(minuteFile(['2024-01-02'], 3), 'ACME.csv', { signal: controller.signal })).rejects.toBeInstanceOf(ImportCancelledError)
  })

  it('describes the first rows for a preview, with the problem of each bad one', async () => {
    const file = await analyse(fixture('bad-lines.csv'), 'bad-lines.csv', { previewRows: 12 })
    expect(file.preview.slice(2, 6).map((r) => [r.line, r.time, r.problem])).toEqual([
      [4, day('2024-03-01'), null],
      [5, null, 'close: "abc" is not a number'],
      [6, null, 'high: high 50 is below low 50.2'],
      [7, null, "open: open 52 is outside the bar's range low 50.5 – high 51.5"],
    ])
    // A line that parses but repeats a time is marked with the later check's reason.
    expect(file.preview[9]).toMatchObject({ line: 11, time: null, close: 51.5, problem: 'date: duplicate timestamp 2024-03-08: line 10 has a 1D bar at the same time' })
    expect(file.sampleCells[0]).toEqual(['2024-02-28', '49.0', '49.8', '48.7', '49.5', '900'])
  })
})
