import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runIndicatorCommand } from '../../../src/main/app/indicator-command'
import { computeIndicator } from '../../../src/main/native'
import { seededRandomWalk } from '../../support/seeded-bars'
import { writeYahooFile } from '../../support/yahoo-file'

const dir = mkdtempSync(join(tmpdir(), 'quorum-indicator-cli-'))

function capture(): { io: { stdout: { write(t: string): void }; stderr: { write(t: string): void } }; out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return { io: { stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) } }, out: () => out, err: () => err }
}

function writeYahoo(name: string, count: number): { path: string; dates: string[] } {
  const path = join(dir, name)
  return { path, dates: writeYahooFile(path, count) }
}

describe('quorum indicator', () => {
  it('writes one row per bar: the date, then the outputs, empty during the warm-up', async () => {
    const { path, dates } = writeYahoo('macd.csv', 300)
    const output = join(dir, 'macd-out.csv')
    const c = capture()
    expect(await runIndicatorCommand('macd', { input: path, output, param: ['fastPeriod=8'] }, c.io)).toBe(0)
    const rows = readFileSync(output, 'utf8').trim().split('\n')
    expect(rows[0]).toBe('time,macd,macdSignal,macdHist')
    expect(rows.length).toBe(301)
    expect(rows[1]).toBe(`${dates[0]},,,`)
    expect(c.err()).toContain('MACD(fastPeriod=8, slowPeriod=26, signalPeriod=9) over 300 bars')
  })

  it('computes the same values as the library on the bars it read', async () => {
    const { path } = writeYahoo('rsi.csv', 120)
    const c = capture()
    expect(await runIndicatorCommand('RSI', { input: path, param: ['period=10'] }, c.io)).toBe(0)
    const closes = c
      .out()
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[1])
    const bars = seededRandomWalk(5, 120)
    for (const field of ['open', 'high', 'low', 'close'] as const) bars[field].forEach((v, i) => (bars[field][i] = Number(v.toFixed(4))))
    const expected = computeIndicator('RSI', bars, { period: 10 }).outputs.real!
    expect(closes.map((v) => (v === '' ? Number.NaN : Number(v)))).toEqual(Array.from(expected))
  })

  it('names the file and line of a bad bar and writes nothing', async () => {
    const path = join(dir, 'bad.csv')
    writeFileSync(path, 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,10.5,100\n2024-01-03,10.5,9,12,11.5,11.5,200\n')
    const c = capture()
    expect(await runIndicatorCommand('SMA', { input: path }, c.io)).toBe(1)
    expect(c.err()).toMatch(/bad\.csv:3: .*high/)
    expect(c.out()).toBe('')
  })

  it('refuses an unknown indicator, a malformed --param and an out-of-range value with usage', async () => {
    const { path } = writeYahoo('usage.csv', 40)
    for (const [name, param, message] of [
      ['NOPE', [], 'unknown indicator "NOPE"'],
      ['SMA', ['period'], '--param must be key=number'],
      ['SMA', ['period=1'], 'SMA period must be in 2–100000, got 1'],
    ] as const) {
      const c = capture()
      expect(await runIndicatorCommand(name, { input: path, param: [...param] }, c.io)).toBe(2)
      expect(c.err()).toContain(message)
    }
  })

  it('lists every indicator with its parameters and outputs', async () => {
    const c = capture()
    expect(await runIndicatorCommand(undefined, { list: true }, c.io)).toBe(0)
    expect(c.out()).toContain('BBANDS')
    expect(c.out()).toMatch(/MACD\s+.*\n\s+params: fastPeriod=12/)
  })
})
