import { z } from 'zod'
import type { InstrumentId } from '../domain'
import { Timeframe } from '../domain'
import { method } from './define'

/** The file layouts the importer knows; `auto` detects one from the header and first lines. */
export const IMPORT_FORMATS = ['yahoo', 'stooq', 'ib', 'generic'] as const
export const ImportFormat = z.enum(IMPORT_FORMATS)
export type ImportFormat = z.infer<typeof ImportFormat>

/**
 * How the date column is written. `iso` is yyyy-mm-dd with an optional time and offset, `mdy`
 * m/d/yyyy (US), `dmy` d.m.yyyy or d/m/yyyy, `yyyymmdd` compact (Stooq, IB, with an optional
 * `HH:mm:ss` and IB's trailing zone name), `epoch-s` and `epoch-ms` Unix time.
 */
export const DATE_FORMATS = ['iso', 'mdy', 'dmy', 'yyyymmdd', 'epoch-s', 'epoch-ms'] as const
export const DateFormat = z.enum(DATE_FORMATS)
export type DateFormat = z.infer<typeof DateFormat>

/** An IANA time zone, checked with the runtime's own Intl data (the renderer and the engine agree). */
export const TimeZoneName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone })
        return true
      } catch {
        return false
      }
    },
    { message: 'not an IANA time zone (e.g. America/New_York, Europe/Berlin, UTC)' },
  )

const ColumnIndex = z.number().int().min(0).max(999)

/** Which column (0-based) holds each field. `time` is for files with the time of day in its own column. */
export const ColumnMapping = z
  .object({
    date: ColumnIndex,
    time: ColumnIndex.optional(),
    open: ColumnIndex,
    high: ColumnIndex,
    low: ColumnIndex,
    close: ColumnIndex,
    volume: ColumnIndex.optional(),
    adjClose: ColumnIndex.optional(),
    symbol: ColumnIndex.optional(),
  })
  .strict()
export type ColumnMapping = z.infer<typeof ColumnMapping>
export const MAPPED_FIELDS = ['date', 'time', 'open', 'high', 'low', 'close', 'volume', 'adjClose', 'symbol'] as const
export type MappedField = (typeof MAPPED_FIELDS)[number]

const AssetClassName = z.enum(['stock', 'etf', 'future', 'fx', 'crypto', 'index'])

/** Fields of an instrument the importer creates when it is missing (or updates when given explicitly). */
export const ImportInstrumentOptions = z
  .object({
    name: z.string().trim().min(1).max(200),
    exchange: z.string().trim().min(1).max(40),
    currency: z.string().trim().min(1).max(10),
    assetClass: AssetClassName,
    tickSize: z.number().positive().finite(),
    timeZone: TimeZoneName,
    session: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM-HH:MM'),
  })
  .partial()
  .strict()
export type ImportInstrumentOptions = z.infer<typeof ImportInstrumentOptions>

export const ImportOptions = z
  .object({
    /** `auto` by default: detected per file. */
    format: z.union([z.literal('auto'), ImportFormat]).default('auto'),
    /** The instrument's symbol; otherwise a ticker column, otherwise the file's name. */
    symbol: z.string().trim().min(1).max(40).optional(),
    /** The bars' timeframe; otherwise detected from the spacing of the timestamps. */
    timeframe: Timeframe.optional(),
    /** Zone of timestamps written without an offset; the instrument's zone by default. */
    timeZone: TimeZoneName.optional(),
    /** How dates are written; detected from the first values by default. */
    dateFormat: DateFormat.optional(),
    /** Column mapping for generic files; detected from header names and values by default. */
    mapping: ColumnMapping.optional(),
    /** Import the good lines of a file with bad ones (reporting each); by default one bad line rejects the file. */
    skipBadLines: z.boolean().default(false),
    instrument: ImportInstrumentOptions.optional(),
  })
  .strict()
export type ImportOptions = z.infer<typeof ImportOptions>
export type ImportOptionsInput = z.input<typeof ImportOptions>

/** Largest file the engine accepts as bytes in one request (desktop IPC; the serve socket allows less). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024

export const ImportFileContent = z
  .object({
    /** The file's name as the trader picked it; names the file in the report and gives the symbol. */
    name: z.string().trim().min(1).max(500),
    /** The raw bytes (gzip-compressed content is recognised and inflated). */
    content: z
      .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected the file content as bytes (a Uint8Array)' })
      .refine((bytes) => bytes.byteLength <= MAX_IMPORT_BYTES, { message: 'larger than 512 MiB' }),
  })
  .strict()

export const ImportRunId = z.number().int().positive().brand<'ImportRunId'>()
export type ImportRunId = z.infer<typeof ImportRunId>

/** Echoed in progress events so a window can tell its own run from another window's. */
const ClientRef = z.string().max(64).optional()

export const PreviewImportRequest = z.object({ name: ImportFileContent.shape.name, content: ImportFileContent.shape.content, options: ImportOptions.optional() }).strict()
export const RunImportRequest = z.object({ files: z.array(ImportFileContent).min(1).max(10_000), options: ImportOptions.optional(), clientRef: ClientRef }).strict()
export const RunImportPathsRequest = z
  .object({ paths: z.array(z.string().trim().min(1).max(4096)).min(1).max(10_000), options: ImportOptions.optional(), clientRef: ClientRef })
  .strict()
export const CancelImportRequest = z.object({ runId: ImportRunId }).strict()
export const ListImportRunsRequest = z.object({ limit: z.number().int().positive().max(500).default(20) }).strict()

/** One line the importer refused, and why; the file is named by the report it belongs to. */
export interface RejectedLine {
  /** 1-based line number in the (inflated) file. */
  readonly line: number
  /** The field at fault when there is one, e.g. `high`, `date`. */
  readonly field: string | null
  readonly reason: string
}

export type ImportWarningKind = 'gap' | 'zero-volume' | 'outside-session' | 'timeframe' | 'note'

/** Something worth knowing that did not stop the import, e.g. a missing weekday. */
export interface ImportWarning {
  readonly kind: ImportWarningKind
  readonly line: number | null
  readonly message: string
}

/** What one file put in the store, per symbol it held. */
export interface ImportedSeries {
  readonly symbol: string
  readonly instrumentId: InstrumentId | null
  readonly timeframe: Timeframe
  readonly count: number
  readonly firstTime: number
  readonly lastTime: number
  /** True when the instrument did not exist and this import created it. */
  readonly createdInstrument: boolean
  /** True when adjustment factors (Yahoo's Adj Close) were stored beside the raw bars. */
  readonly adjustments: boolean
}

export type ImportFileStatus = 'imported' | 'rejected' | 'cancelled'

export interface ImportFileReport {
  /** The path or name given, as the trader would recognise it. */
  readonly file: string
  readonly status: ImportFileStatus
  /** One sentence: why the file was rejected, or what was imported. */
  readonly summary: string
  readonly format: ImportFormat | null
  readonly timeframe: Timeframe | null
  readonly linesRead: number
  readonly barsImported: number
  readonly series: readonly ImportedSeries[]
  /** Bad lines, in file order; at most REPORTED_LINES_LIMIT of them (see rejectedTotal). */
  readonly rejected: readonly RejectedLine[]
  readonly rejectedTotal: number
  readonly warnings: readonly ImportWarning[]
  readonly warningsTotal: number
}

export type ImportRunStatus = 'completed' | 'cancelled' | 'failed'

export interface ImportReport {
  readonly runId: ImportRunId
  readonly source: string
  readonly status: ImportRunStatus
  readonly startedAt: number
  readonly finishedAt: number
  readonly files: readonly ImportFileReport[]
  readonly filesImported: number
  readonly filesRejected: number
  readonly barsImported: number
  readonly linesRead: number
  readonly options: ImportOptions
}

export interface ImportRunResult {
  readonly runId: ImportRunId
  readonly report: ImportReport
}

/** The first rows of a file as the importer reads them. */
export interface PreviewRow {
  readonly line: number
  /** Bar open time, epoch seconds (session date at 00:00 UTC for daily bars); null when unreadable. */
  readonly time: number | null
  readonly open: number | null
  readonly high: number | null
  readonly low: number | null
  readonly close: number | null
  readonly volume: number | null
  readonly adjClose: number | null
  readonly symbol: string | null
  /** Why this line would be rejected, if it would. */
  readonly problem: string | null
}

export interface ImportPreview {
  readonly name: string
  /** Null when the file could not be read as bars (see fatal). */
  readonly format: ImportFormat | null
  /** Why that format: e.g. "header matches Yahoo Finance's download". */
  readonly formatReason: string
  readonly delimiter: string | null
  readonly hasHeader: boolean
  /** Column titles (or `column N` when the file has no header); empty when the file could not be read at all. */
  readonly columns: readonly string[]
  /** The mapping used, or null when none could be found (map the columns by hand). */
  readonly mapping: ColumnMapping | null
  readonly dateFormat: DateFormat | null
  /** Zone the file's naive timestamps are read in. */
  readonly timeZone: string | null
  readonly timeframe: Timeframe | null
  readonly symbols: readonly string[]
  /** Raw cells of the first lines after the header. */
  readonly sampleCells: readonly (readonly string[])[]
  readonly rows: readonly PreviewRow[]
  readonly linesRead: number
  readonly barCount: number
  /** Problems that would reject the file (or lines of it) on import. */
  readonly rejected: readonly RejectedLine[]
  readonly rejectedTotal: number
  readonly warnings: readonly ImportWarning[]
  readonly warningsTotal: number
  /** The file-level reason it cannot be imported as it is, or null when it can. */
  readonly fatal: string | null
}

export interface ImportRunSummary {
  readonly runId: ImportRunId
  readonly source: string
  readonly startedAt: number
  readonly finishedAt: number | null
  readonly status: ImportRunStatus | 'running'
  readonly filesImported: number
  readonly filesRejected: number
  readonly barsImported: number
}

export interface ImportProgress {
  readonly runId: ImportRunId
  readonly clientRef: string | null
  readonly filesDone: number
  readonly filesTotal: number
  readonly linesDone: number
  /** The file being read now, or null between files. */
  readonly currentFile: string | null
}

export interface ImportFinished {
  readonly runId: ImportRunId
  readonly clientRef: string | null
  readonly report: ImportReport
}

export const importMethods = {
  /** Reads a file without storing anything: detected format, mapping, first rows and every problem. */
  preview: method<typeof PreviewImportRequest, ImportPreview>(PreviewImportRequest),
  /** Imports files sent as bytes; each file goes in whole or not at all. */
  run: method<typeof RunImportRequest, ImportRunResult>(RunImportRequest),
  /** Imports files or folders (recursively) on the engine's machine. */
  runPaths: method<typeof RunImportPathsRequest, ImportRunResult>(RunImportPathsRequest),
  /** Stops a run after the file being read; files already imported stay. */
  cancel: method<typeof CancelImportRequest, { readonly cancelled: boolean }>(CancelImportRequest),
  /** The most recent import runs, newest first. */
  history: method<typeof ListImportRunsRequest, readonly ImportRunSummary[]>(ListImportRunsRequest),
} as const
