import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type {
  DeletedInstrumentData,
  ImportPreview,
  ImportProgress,
  ImportRunResult,
  ImportRunSummary,
  LoadedBars,
  Result,
  TimeframeCoverage,
} from '../../../src/shared/contract'
import type { EngineStatus, Instrument } from '../../../src/shared/domain'
import { createEngine, type Engine } from '../../../src/main/app'
import { ManualClock, silentLogger } from '../../../src/main/kernel'

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'import')
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)))
const text = (s: string): Uint8Array => new TextEncoder().encode(s)

let engine: Engine
let dataDir: string

const call = (name: string, request: unknown = {}): Promise<Result<unknown>> => engine.dispatch(name, request, { transport: 'ipc' })
async function value<T>(name: string, request: unknown = {}): Promise<T> {
  const result = await call(name, request)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'quorum-imports-'))
  engine = createEngine({ dataDir, clock: new ManualClock(Date.parse('2026-01-05T12:00:00Z')), logger: silentLogger, demoData: false })
})

afterEach(() => {
  engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('imports through the contract', () => {
  it('previews bytes sent by a window without storing anything', async () => {
    const preview = await value<ImportPreview>('imports.preview', { name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') })
    expect(preview).toMatchObject({ format: 'yahoo', timeframe: '1D', symbols: ['ACME'], barCount: 5, fatal: null })
    expect(preview.mapping).toMatchObject({ adjClose: 5 })
    expect(await value<Instrument[]>('instruments.list')).toEqual([])
  })

  it('runs an import, pushes progress and the finished report, and marks the data ready', async () => {
    const seen: Array<[string, unknown]> = []
    engine.events.subscribe((name, payload) => seen.push([name, payload]))
    const result = await value<ImportRunResult>('imports.run', { files: [{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }], clientRef: 'window-1' })
    expect(result.report).toMatchObject({ status: 'completed', filesImported: 1, barsImported: 5, source: 'app: yahoo-acme.csv' })
    const progress = seen.filter(([name]) => name === 'importProgress').map(([, p]) => p as ImportProgress)
    expect(progress[0]).toMatchObject({ runId: result.runId, clientRef: 'window-1', filesDone: 0, filesTotal: 1 })
    expect(progress.at(-1)).toMatchObject({ filesDone: 1, linesDone: 6 })
    expect(seen.find(([name]) => name === 'importFinished')?.[1]).toMatchObject({ runId: result.runId, clientRef: 'window-1' })
    expect(await value<EngineStatus>('app.status')).toMatchObject({ data: 'ready', message: '1 instruments in the local store.' })
    const history = await value<ImportRunSummary[]>('imports.history', {})
    expect(history[0]).toMatchObject({ runId: result.runId, status: 'completed', filesImported: 1, barsImported: 5 })
  })

  it('imports files and folders by path on the engine machine', async () => {
    const result = await value<ImportRunResult>('imports.runPaths', { paths: [join(FIXTURES, 'folder'), join(FIXTURES, 'ib-export.csv')], options: { symbol: 'ALFA' } })
    expect(result.report.files.map((f) => f.status)).toEqual(['imported', 'imported'])
  })

  it('cancels a running import by its id, keeping the files imported before', async () => {
    const files = Array.from({ length: 20 }, (_, i) => ({ name: `S${i}.csv`, content: text('Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n') }))
    let cancelled: Promise<Result<unknown>> | null = null
    engine.events.subscribe((name, payload) => {
      const progress = payload as ImportProgress
      if (name === 'importProgress' && progress.filesDone === 2 && cancelled === null) cancelled = call('imports.cancel', { runId: progress.runId })
    })
    const result = await value<ImportRunResult>('imports.run', { files })
    expect(await cancelled).toEqual({ ok: true, value: { cancelled: true } })
    expect(result.report.status).toBe('cancelled')
    expect(result.report.filesImported).toBe(2)
    expect(result.report.files.slice(2).every((f) => f.status === 'cancelled')).toBe(true)
    expect((await value<Instrument[]>('instruments.list')).length).toBe(2)
    // Once finished, a run cannot be cancelled; an unknown one is not found.
    expect(await call('imports.cancel', { runId: result.runId })).toEqual({ ok: true, value: { cancelled: false } })
    expect(await call('imports.cancel', { runId: 999 })).toEqual({ ok: false, error: { code: 'not-found', message: 'No import run 999.' } })
  })

  it('refuses invalid options, naming the field', async () => {
    const result = await call('imports.run', { files: [{ name: 'a.csv', content: text('x') }], options: { timeZone: 'Mars/Olympus', timeframe: '2m' } })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request')
      expect(result.error.message).toContain('options.timeZone: not an IANA time zone')
      expect(result.error.message).toContain('options.timeframe')
    }
    const notBytes = await call('imports.preview', { name: 'a.csv', content: 'Date,Open' })
    expect(notBytes.ok).toBe(false)
  })

  it('loads adjusted or raw bars, reports gaps, and deletes a timeframe or an instrument', async () => {
    await value<ImportRunResult>('imports.run', { files: [{ name: 'yahoo-acme.csv', content: fixture('yahoo-acme.csv') }] })
    const [acme] = await value<Instrument[]>('instruments.list')
    const raw = await value<LoadedBars>('bars.load', { instrumentId: acme!.id, timeframe: '1D' })
    const adjusted = await value<LoadedBars>('bars.load', { instrumentId: acme!.id, timeframe: '1D', adjusted: true })
    expect(raw.bars.close[0]).toBe(10.2)
    expect(adjusted.bars.close[0]).toBeCloseTo(10, 9)
    const coverage = await value<TimeframeCoverage>('instruments.gaps', { instrumentId: acme!.id, timeframe: '1D' })
    expect(coverage).toMatchObject({ count: 5, gapCount: 0, hasAdjustments: true, calendar: 'NYSE holidays' })
    expect(await call('instruments.gaps', { instrumentId: acme!.id, timeframe: '1m' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'ACME has no stored 1m bars.' },
    })
    const deleted = await value<DeletedInstrumentData>('instruments.delete', { instrumentId: acme!.id })
    expect(deleted).toEqual({ instrumentId: acme!.id, timeframe: null, bars: 5, instrumentDeleted: true })
    expect(await value<Instrument[]>('instruments.list')).toEqual([])
    expect(await value<EngineStatus>('app.status')).toMatchObject({ data: 'empty' })
  })
})
