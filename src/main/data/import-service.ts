import type { ImportedSeries, ImportFileReport, ImportOptions, ImportPreview, ImportReport, ImportRunId } from '../../shared/contract'
import { ImportOptions as ImportOptionsSchema, ImportRunId as ImportRunIdSchema } from '../../shared/contract'
import type { Instrument } from '../../shared/domain'
import type { Clock, Logger } from '../kernel'
import type { InstrumentSpec, Store } from '../store'
import { analyseText, ImportCancelledError, type AnalysedFile, type InstrumentContext, type ParsedSeries } from './csv-importer'
import { calendarForTimeZone } from './exchange-calendar'
import { symbolFromFileName } from './file-symbol'
import { cancelledFileReport, importedFileReport, rejectedFileReport, unreadableFileReport } from './import-report'
import { expandPaths, readSource, type ImportSource } from './import-sources'

/** What a new instrument gets unless the import says otherwise. */
export const IMPORT_INSTRUMENT_DEFAULTS = {
  exchange: 'UNKNOWN',
  currency: 'USD',
  assetClass: 'stock',
  tickSize: 0.01,
  timeZone: 'America/New_York',
  session: '09:30-16:00',
} as const satisfies Partial<InstrumentSpec>

const PREVIEW_ROWS = 20
const PROGRESS_INTERVAL_MS = 100

export interface ImportProgressUpdate {
  readonly filesDone: number
  readonly filesTotal: number
  readonly linesDone: number
  readonly currentFile: string | null
}

export interface RunImportCallbacks {
  readonly signal?: AbortSignal
  /** Called once the run is recorded, before any file is read: the id to cancel it by. */
  readonly onStart?: (runId: ImportRunId) => void
  /** Called at most every 100 ms and at every file boundary. */
  readonly onProgress?: (progress: ImportProgressUpdate) => void
}

export type ImportInput = { readonly files: readonly { readonly name: string; readonly content: Uint8Array }[] } | { readonly paths: readonly string[] }

export interface ImportServiceDeps {
  readonly store: Store
  readonly clock: Clock
  readonly logger: Logger
}

/**
 * Imports bar files into the store. Each file is read and checked completely first (off the hot
 * path, in slices), then written in one transaction with its instruments, bars and adjustment
 * factors, so a file is either wholly in the store or not at all; re-importing a range replaces
 * it. By default one bad line rejects its file; `skipBadLines` imports the good lines and lists
 * the bad ones. Every run is recorded in the store's import history with its report.
 */
export class ImportService {
  constructor(private readonly deps: ImportServiceDeps) {}

  /** Reads a file as an import would, without writing anything. */
  async preview(name: string, content: Uint8Array, options: ImportOptions = ImportOptionsSchema.parse({})): Promise<ImportPreview> {
    let analysed: AnalysedFile
    try {
      analysed = await analyseText(await readSource({ name, content }), this.analyseOptions(name, options, { previewRows: PREVIEW_ROWS }))
    } catch (e) {
      if (e instanceof ImportCancelledError) throw e
      return emptyPreview(name, readFailure(e))
    }
    const spec = analysed.spec
    const layout = analysed.layout
    return {
      name,
      format: spec?.format ?? null,
      formatReason: spec?.formatReason ?? 'not recognised',
      delimiter: spec?.delimiter ?? layout?.delimiter ?? null,
      hasHeader: spec?.hasHeader ?? layout?.hasHeader ?? false,
      columns: spec?.columns ?? layout?.columns ?? [],
      mapping: spec?.mapping ?? null,
      dateFormat: spec?.dateFormat ?? null,
      timeZone: analysed.timeZone,
      timeframe: analysed.timeframe,
      symbols: analysed.series.map((s) => s.symbol),
      sampleCells: analysed.sampleCells,
      rows: analysed.preview,
      linesRead: analysed.linesRead,
      barCount: analysed.series.reduce((sum, s) => sum + s.bars.time.length, 0),
      rejected: analysed.rejected,
      rejectedTotal: analysed.rejectedTotal,
      warnings: analysed.warnings,
      warningsTotal: analysed.warningsTotal,
      fatal: analysed.fatal,
    }
  }

  /** Imports every file (folders expanded recursively); resolves with the run's report, also when cancelled. */
  async run(input: ImportInput, options: ImportOptions, source: string, callbacks: RunImportCallbacks = {}): Promise<ImportReport> {
    const { store, clock, logger } = this.deps
    const started = store.importRuns.start(source)
    const runId = ImportRunIdSchema.parse(started.id)
    callbacks.onStart?.(runId)
    const files: ImportFileReport[] = []
    let sources: ImportSource[]
    if ('files' in input) sources = input.files.map((f) => ({ name: f.name, content: f.content }))
    else {
      const expanded = await expandPaths(input.paths)
      sources = expanded.sources
      for (const bad of expanded.unreadable) files.push(unreadableFileReport(bad.name, `The path ${bad.reason}.`))
      if (sources.length === 0 && expanded.unreadable.length === 0) {
        files.push(unreadableFileReport(input.paths.join(', '), 'No .csv, .txt or .tsv files (optionally .gz) were found there.'))
      }
    }

    const filesTotal = sources.length
    let linesDone = 0
    let lastProgress = Number.NEGATIVE_INFINITY
    const progress = (filesDone: number, lines: number, currentFile: string | null, force: boolean): void => {
      const now = clock.now()
      if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return
      lastProgress = now
      callbacks.onProgress?.({ filesDone, filesTotal, linesDone: lines, currentFile })
    }
    progress(0, 0, null, true)

    let cancelled = false
    for (let index = 0; index < sources.length; index++) {
      const file = sources[index] as ImportSource
      if (cancelled || callbacks.signal?.aborted) {
        cancelled = true
        files.push(cancelledFileReport(file.name))
        continue
      }
      progress(index, linesDone, file.name, true)
      const before = linesDone
      let analysed: AnalysedFile
      try {
        const text = await readSource(file)
        analysed = await analyseText(
          text,
          this.analyseOptions(file.name, options, {
            signal: callbacks.signal,
            onLines: (lines) => progress(index, before + lines, file.name, false),
          }),
        )
      } catch (e) {
        if (e instanceof ImportCancelledError) {
          cancelled = true
          files.push(cancelledFileReport(file.name))
          continue
        }
        logger.warn('reading an import file failed', { file: file.name, error: e instanceof Error ? e.message : String(e) })
        files.push(unreadableFileReport(file.name, readFailure(e)))
        continue
      }
      linesDone = before + analysed.linesRead
      try {
        files.push(this.store(analysed, options))
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        logger.error('storing an import file failed', { file: file.name, error: message })
        files.push({ ...rejectedFileReport(analysed), summary: `Storing the file's bars failed (${message}); nothing of the file was written.` })
      }
      progress(index + 1, linesDone, null, true)
    }

    const imported = files.filter((f) => f.status === 'imported')
    const report: Omit<ImportReport, 'finishedAt'> = {
      runId,
      source,
      status: cancelled ? 'cancelled' : 'completed',
      startedAt: started.startedAt,
      files,
      filesImported: imported.length,
      filesRejected: files.filter((f) => f.status === 'rejected').length,
      barsImported: imported.reduce((sum, f) => sum + f.barsImported, 0),
      linesRead: files.reduce((sum, f) => sum + f.linesRead, 0),
      options,
    }
    const finishedAt = store.importRuns.finish(runId, { ...report, finishedAt: clock.now() })
    store.audit.append('trader', 'bars.imported', {
      runId,
      source,
      status: report.status,
      filesImported: report.filesImported,
      filesRejected: report.filesRejected,
      barsImported: report.barsImported,
    })
    logger.info('import finished', { runId, status: report.status, files: files.length, bars: report.barsImported })
    return { ...report, finishedAt }
  }

  /** Writes one analysed file in one transaction, or reports why it stays out. */
  private store(analysed: AnalysedFile, options: ImportOptions): ImportFileReport {
    if (analysed.fatal !== null || analysed.series.length === 0) return rejectedFileReport(analysed)
    if (analysed.rejectedTotal > 0 && !options.skipBadLines) return rejectedFileReport(analysed)
    const { store } = this.deps
    const series = store.transaction(() => analysed.series.filter((s) => s.bars.time.length > 0).map((s) => this.writeSeries(s, options)))
    return importedFileReport(analysed, series)
  }

  private writeSeries(series: ParsedSeries, options: ImportOptions): ImportedSeries {
    const { store } = this.deps
    const { instrument, created } = this.ensureInstrument(series.symbol, options, series.timeZone)
    const { bars, timeframe, factors } = series
    const n = bars.time.length
    const first = bars.time[0] as number
    const last = bars.time[n - 1] as number
    store.bars.writeBars(instrument.id, timeframe, bars)
    // Raw bars without factors replace the range too: factors of an earlier import no longer apply to them.
    store.adjustments.replaceRange(instrument.id, timeframe, first, last, factors ? { time: bars.time, factor: factors } : { time: new Float64Array(0), factor: new Float64Array(0) })
    return {
      symbol: series.symbol,
      instrumentId: instrument.id,
      timeframe,
      count: n,
      firstTime: first,
      lastTime: last,
      createdInstrument: created,
      adjustments: factors !== null && factors.some((f) => f !== 1),
    }
  }

  /** The stored instrument a symbol names (never a demo one), or the one the import should create. */
  private findInstrument(symbol: string, options: ImportOptions): Instrument | undefined {
    const { instruments } = this.deps.store
    const exchange = options.instrument?.exchange
    if (exchange !== undefined) return instruments.findBySymbol(symbol, exchange)
    const found = instruments.findBySymbol(symbol)
    if (found && !found.isDemo) return found
    return instruments.findBySymbol(symbol, IMPORT_INSTRUMENT_DEFAULTS.exchange)
  }

  private ensureInstrument(symbol: string, options: ImportOptions, naiveZone: string): { instrument: Instrument; created: boolean } {
    const { instruments } = this.deps.store
    const given = options.instrument ?? {}
    const existing = this.findInstrument(symbol, options)
    if (existing) {
      const changes = Object.entries(given).filter(([key, value]) => value !== undefined && existing[key as keyof Instrument] !== value)
      if (changes.length === 0) return { instrument: existing, created: false }
      const { id: _id, ...spec } = existing
      return { instrument: instruments.upsert({ ...spec, ...given }), created: false }
    }
    const spec: InstrumentSpec = {
      ...IMPORT_INSTRUMENT_DEFAULTS,
      symbol,
      name: symbol,
      ...given,
      timeZone: given.timeZone ?? options.timeZone ?? naiveZone,
      isDemo: false,
    }
    return { instrument: instruments.upsert(spec), created: true }
  }

  private instrumentContext(symbol: string, options: ImportOptions): InstrumentContext {
    const existing = this.findInstrument(symbol, options)
    const given = options.instrument ?? {}
    const timeZone = given.timeZone ?? existing?.timeZone ?? options.timeZone ?? IMPORT_INSTRUMENT_DEFAULTS.timeZone
    const session = given.session ?? existing?.session ?? IMPORT_INSTRUMENT_DEFAULTS.session
    return { timeZone, session, calendar: calendarForTimeZone(timeZone) }
  }

  private analyseOptions(
    name: string,
    options: ImportOptions,
    extra: { previewRows?: number; signal?: AbortSignal | undefined; onLines?: (lines: number) => void },
  ): Parameters<typeof analyseText>[1] {
    return {
      name,
      symbol: options.symbol,
      timeframe: options.timeframe,
      timeZone: options.timeZone,
      skipBadLines: options.skipBadLines,
      overrides: { format: options.format, mapping: options.mapping, dateFormat: options.dateFormat },
      resolveInstrument: (symbol) => this.instrumentContext(symbol, options),
      ...extra,
    }
  }
}

function readFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  if (/incorrect header check|unexpected end of file|invalid (block|distance|stored)/i.test(message)) {
    return `The file looks gzip-compressed but cannot be inflated (${message}); it may be cut short or damaged.`
  }
  return `The file could not be read: ${message}`
}

function emptyPreview(name: string, fatal: string): ImportPreview {
  return {
    name,
    format: null,
    formatReason: 'not recognised',
    delimiter: null,
    hasHeader: false,
    columns: [],
    mapping: null,
    dateFormat: null,
    timeZone: null,
    timeframe: null,
    symbols: symbolFromFileName(name) === null ? [] : [symbolFromFileName(name) as string],
    sampleCells: [],
    rows: [],
    linesRead: 0,
    barCount: 0,
    rejected: [],
    rejectedTotal: 0,
    warnings: [],
    warningsTotal: 0,
    fatal,
  }
}
