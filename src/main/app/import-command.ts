import { join, resolve } from 'node:path'
import type { z } from 'zod'
import type { ImportReport } from '../../shared/contract'
import { ImportOptions } from '../../shared/contract'
import { formatImportReport, ImportService } from '../data'
import type { Clock, Logger } from '../kernel'
import { StoreFileError, openStore } from '../store'
import { DATABASE_FILE } from './data-dir'

/** The `quorum import` flags as parseArgs gives them. */
export interface ImportCommandFlags {
  readonly format?: string | undefined
  readonly symbol?: string | undefined
  readonly timeframe?: string | undefined
  readonly tz?: string | undefined
  readonly 'date-format'?: string | undefined
  readonly 'skip-bad-lines'?: boolean | undefined
  readonly exchange?: string | undefined
  readonly currency?: string | undefined
  readonly 'asset-class'?: string | undefined
  readonly 'tick-size'?: string | undefined
  readonly session?: string | undefined
  readonly name?: string | undefined
  readonly json?: boolean | undefined
  readonly warnings?: boolean | undefined
}

export interface ImportCommandIo {
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean }
  readonly clock: Clock
  readonly logger: Logger
  /** Aborts the run (Ctrl+C); files already imported stay. */
  readonly signal?: AbortSignal
}

export const IMPORT_USAGE = `  quorum import <files or folders...> [--format yahoo|stooq|ib|generic] [--symbol S]
                [--timeframe TF] [--tz ZONE] [--skip-bad-lines] [--data-dir DIR] [--json]
      Import bar files (.csv, .txt, .tsv, each optionally .gz; folders recursively). Each file
      goes in whole or not at all: one bad line rejects its file unless --skip-bad-lines is
      given, which imports the good lines and lists the bad ones. Re-importing replaces the range.
      Also: --date-format iso|mdy|dmy|yyyymmdd|epoch-s|epoch-ms, --warnings (list gaps and
      other warnings), and for instruments it creates --exchange, --currency, --asset-class,
      --tick-size, --session HH:MM-HH:MM, --name.
      Exit code 0 when every file was imported, 1 when any was rejected or the run cancelled.
`

const FLAG_OF: Record<string, string> = {
  format: '--format',
  symbol: '--symbol',
  timeframe: '--timeframe',
  timeZone: '--tz',
  dateFormat: '--date-format',
  'instrument.exchange': '--exchange',
  'instrument.currency': '--currency',
  'instrument.assetClass': '--asset-class',
  'instrument.tickSize': '--tick-size',
  'instrument.session': '--session',
  'instrument.name': '--name',
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${FLAG_OF[issue.path.join('.')] ?? issue.path.join('.')}: ${issue.message}`).join('; ')
}

/** Builds validated import options from the flags; throws a usage error naming the flag. */
export function importOptionsFromFlags(flags: ImportCommandFlags): ImportOptions {
  const instrument = {
    exchange: flags.exchange,
    currency: flags.currency,
    assetClass: flags['asset-class'],
    tickSize: flags['tick-size'] === undefined ? undefined : Number(flags['tick-size']),
    session: flags.session,
    name: flags.name,
  }
  const given = Object.fromEntries(Object.entries(instrument).filter(([, v]) => v !== undefined))
  const parsed = ImportOptions.safeParse({
    format: flags.format ?? 'auto',
    symbol: flags.symbol,
    timeframe: flags.timeframe,
    timeZone: flags.tz,
    dateFormat: flags['date-format'],
    skipBadLines: flags['skip-bad-lines'] ?? false,
    ...(Object.keys(given).length > 0 ? { instrument: given } : {}),
  })
  if (!parsed.success) throw new ImportUsageError(describeIssues(parsed.error))
  return parsed.data
}

export class ImportUsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportUsageError'
  }
}

/**
 * `quorum import`: imports files and folders straight into the store in `dataDir` (no engine, no
 * demo market), prints the report (text or --json) and returns the exit code: 0 when every file
 * was imported, 1 when any was rejected or the run was cancelled, 2 for bad usage, 3 when the
 * store cannot be opened.
 */
export async function runImportCommand(paths: readonly string[], flags: ImportCommandFlags, dataDir: string, io: ImportCommandIo): Promise<number> {
  if (paths.length === 0) {
    io.stderr.write(`quorum import: name at least one file or folder.\n\n${IMPORT_USAGE}`)
    return 2
  }
  let options: ImportOptions
  try {
    options = importOptionsFromFlags(flags)
  } catch (e) {
    if (e instanceof ImportUsageError) {
      io.stderr.write(`quorum import: ${e.message}\n`)
      return 2
    }
    throw e
  }
  let store
  try {
    store = openStore({ file: join(dataDir, DATABASE_FILE), logger: io.logger.child('store'), clock: io.clock })
  } catch (e) {
    if (e instanceof StoreFileError) {
      io.stderr.write(`quorum: ${e.message}\n`)
      return 3
    }
    throw e
  }
  let report: ImportReport
  try {
    const service = new ImportService({ store, clock: io.clock, logger: io.logger.child('import') })
    const absolute = paths.map((p) => resolve(p))
    const showProgress = io.stderr.isTTY === true && !flags.json
    report = await service.run({ paths: absolute }, options, `cli: ${absolute.join(', ')}`, {
      signal: io.signal,
      onProgress: showProgress
        ? (p) => io.stderr.write(`\rimporting: ${p.filesDone}/${p.filesTotal} files, ${p.linesDone.toLocaleString('en-US')} lines\u001b[K`)
        : undefined,
    })
    if (showProgress) io.stderr.write('\r\u001b[K')
  } finally {
    store.close()
  }
  io.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatImportReport(report, { warnings: flags.warnings ?? false }))
  return report.status === 'cancelled' || report.filesRejected > 0 ? 1 : 0
}
