import type { ImportedSeries, ImportFileReport, ImportReport } from '../../shared/contract'
import type { Timeframe } from '../../shared/domain'
import { isIntraday } from '../../shared/domain'
import type { AnalysedFile } from './csv-importer'

const count = (n: number): string => n.toLocaleString('en-US')

function describeTime(t: number, timeframe: Timeframe): string {
  const iso = new Date(t * 1000).toISOString()
  return isIntraday(timeframe) ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : iso.slice(0, 10)
}

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`
}

function describeSeries(series: readonly ImportedSeries[]): string {
  if (series.length === 1) {
    const s = series[0] as ImportedSeries
    return `${plural(s.count, `${s.symbol} ${s.timeframe} bar`)}, ${describeTime(s.firstTime, s.timeframe)} to ${describeTime(s.lastTime, s.timeframe)}`
  }
  const bars = series.reduce((sum, s) => sum + s.count, 0)
  return `${plural(bars, 'bar')} of ${series.length} symbols (${series.map((s) => s.symbol).join(', ')})`
}

/** The report of a file that went into the store (bad lines, if any, were skipped as asked). */
export function importedFileReport(file: AnalysedFile, series: readonly ImportedSeries[]): ImportFileReport {
  const bars = series.reduce((sum, s) => sum + s.count, 0)
  const skipped = file.rejectedTotal > 0 ? `; ${plural(file.rejectedTotal, 'bad line')} skipped` : ''
  return {
    ...fileBase(file),
    status: 'imported',
    summary: `${describeSeries(series)}${skipped}`,
    barsImported: bars,
    series,
  }
}

/** The report of a file that stayed out of the store: nothing of it was written. */
export function rejectedFileReport(file: AnalysedFile): ImportFileReport {
  let summary: string
  if (file.fatal !== null) summary = file.fatal
  else {
    const good = file.series.reduce((sum, s) => sum + s.bars.time.length, 0)
    summary =
      `${plural(file.rejectedTotal, 'bad line')}, so nothing of the file was imported` +
      (good > 0 ? `; --skip-bad-lines imports its ${plural(good, 'good bar')} and lists the bad lines` : '')
  }
  return { ...fileBase(file), status: 'rejected', summary, barsImported: 0, series: [] }
}

/** A file that could not even be read (missing, unreadable, not gzip as it claims). */
export function unreadableFileReport(name: string, reason: string): ImportFileReport {
  return {
    file: name,
    status: 'rejected',
    summary: reason,
    format: null,
    timeframe: null,
    linesRead: 0,
    barsImported: 0,
    series: [],
    rejected: [],
    rejectedTotal: 0,
    warnings: [],
    warningsTotal: 0,
  }
}

export function cancelledFileReport(name: string): ImportFileReport {
  return { ...unreadableFileReport(name, 'The import was cancelled before this file was imported; nothing of it was written.'), status: 'cancelled' }
}

function fileBase(file: AnalysedFile): Omit<ImportFileReport, 'status' | 'summary' | 'barsImported' | 'series'> {
  return {
    file: file.name,
    format: file.spec?.format ?? null,
    timeframe: file.timeframe,
    linesRead: file.linesRead,
    rejected: file.rejected,
    rejectedTotal: file.rejectedTotal,
    warnings: file.warnings,
    warningsTotal: file.warningsTotal,
  }
}

export interface FormatReportOptions {
  /** Also list each warning (gaps, zero volumes) under its file. */
  readonly warnings?: boolean
}

/**
 * The report as text, the same in the CLI and the logs: one line per file (imported, rejected or
 * cancelled, with counts), then each rejected line as `file:line: reason`, then the totals.
 */
export function formatImportReport(report: ImportReport, options: FormatReportOptions = {}): string {
  const out: string[] = []
  const width = Math.max(8, ...report.files.map((f) => f.status.length))
  for (const file of report.files) {
    const extra = file.warningsTotal > 0 ? ` (${plural(file.warningsTotal, 'warning')})` : ''
    out.push(`${file.status.padEnd(width)}  ${file.file}: ${file.summary}${extra}`)
  }
  for (const file of report.files) {
    for (const line of file.rejected) out.push(`${file.file}:${line.line}: ${line.field ? `${line.field}: ` : ''}${line.reason}`)
    if (file.rejectedTotal > file.rejected.length) out.push(`${file.file}: … and ${count(file.rejectedTotal - file.rejected.length)} more bad lines`)
    if (options.warnings) {
      for (const w of file.warnings) out.push(`${file.file}${w.line === null ? '' : `:${w.line}`}: warning: ${w.message}`)
      if (file.warningsTotal > file.warnings.length) out.push(`${file.file}: … and ${count(file.warningsTotal - file.warnings.length)} more warnings`)
    }
  }
  const seconds = ((report.finishedAt - report.startedAt) / 1000).toFixed(1)
  const cancelled = report.files.filter((f) => f.status === 'cancelled').length
  out.push(
    `${report.status === 'cancelled' ? 'Cancelled' : 'Done'}: ${plural(report.filesImported, 'file')} imported, ${count(report.filesRejected)} rejected` +
      `${cancelled > 0 ? `, ${count(cancelled)} cancelled` : ''}; ${plural(report.barsImported, 'bar')} from ${plural(report.linesRead, 'line')} in ${seconds} s (import run ${report.runId}).`,
  )
  return `${out.join('\n')}\n`
}
