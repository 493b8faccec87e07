import Papa from 'papaparse'
import type { ImportWarning, PreviewRow, RejectedLine } from '../../shared/contract'
import type { BarColumns, Timeframe } from '../../shared/domain'
import { allocateBars, isIntraday } from '../../shared/domain'
import type { BarGapRange } from '../store'
import { createOffsetCache, findBarGaps, parseSessionMinutes, weekdayOfEpochDay } from '../store'
import { FormatError, detectFormat, type FileLayout, type FormatOverrides, type FormatSpec } from './csv-formats'
import type { ExchangeCalendar } from './exchange-calendar'
import { symbolFromFileName, symbolFromTicker } from './file-symbol'
import { detectTimeframe } from './timeframe-detection'
import { TimestampReader, createWallClockConverter } from './timestamp-parser'

const DAY = 86_400

/** Bad lines and warnings kept per file for the report; the totals still count them all. */
export const REPORTED_LINES_LIMIT = 1000
export const REPORTED_WARNINGS_LIMIT = 200
/** Characters parsed between two yields to the event loop (about 15,000 lines), so the engine keeps answering during a big import. */
const PARSE_SLICE_CHARS = 1 << 20

/** What the importer needs to know about the instrument a symbol names (stored, or the defaults for a new one). */
export interface InstrumentContext {
  readonly timeZone: string
  readonly session: string
  readonly calendar: ExchangeCalendar | null
}

export interface AnalyseOptions {
  /** The file as the trader knows it (path or name): in messages, and the symbol when nothing else gives one. */
  readonly name: string
  readonly symbol?: string | undefined
  readonly timeframe?: Timeframe | undefined
  /** Zone of naive timestamps; each instrument's own zone by default. */
  readonly timeZone?: string | undefined
  readonly skipBadLines: boolean
  readonly overrides?: FormatOverrides
  readonly resolveInstrument: (symbol: string) => InstrumentContext
  readonly signal?: AbortSignal | undefined
  /** Called every slice of records with the lines read so far. */
  readonly onLines?: (linesRead: number) => void
  /** How many of the first records to describe for a preview (0 for an import). */
  readonly previewRows?: number
}

/** One instrument's bars from a file, validated and in time order, ready to store. */
export interface ParsedSeries {
  readonly symbol: string
  readonly timeframe: Timeframe
  readonly bars: BarColumns
  /** Adjusted close ÷ close per bar (Yahoo), or null when the file has no adjusted prices. */
  readonly factors: Float64Array | null
  /** The file line of each bar. */
  readonly lines: Int32Array
  /** Zone the file's naive times were read in. */
  readonly timeZone: string
}

export interface AnalysedFile {
  readonly name: string
  readonly spec: FormatSpec | null
  /** What was seen of the file when no format could be read from it (to map the columns by hand). */
  readonly layout: FileLayout | null
  /** Why the file cannot be imported at all, or null. Bad lines alone are not fatal: see rejectedTotal. */
  readonly fatal: string | null
  readonly timeframe: Timeframe | null
  readonly linesRead: number
  readonly rejected: readonly RejectedLine[]
  readonly rejectedTotal: number
  readonly warnings: readonly ImportWarning[]
  readonly warningsTotal: number
  readonly series: readonly ParsedSeries[]
  readonly preview: readonly PreviewRow[]
  readonly sampleCells: readonly (readonly string[])[]
  readonly timeZone: string | null
}

/** Thrown out of analyseText when the signal aborts. */
export class ImportCancelledError extends Error {
  constructor() {
    super('The import was cancelled.')
    this.name = 'ImportCancelledError'
  }
}

class Growable {
  data: Float64Array
  length = 0
  constructor(capacity = 4096) {
    this.data = new Float64Array(capacity)
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }
  get(i: number): number {
    return this.data[i] as number
  }
}

/** Accepted rows as parsed, before time-zone conversion and ordering checks. */
class Rows {
  readonly value = new Growable()
  readonly flags = new Growable()
  readonly open = new Growable()
  readonly high = new Growable()
  readonly low = new Growable()
  readonly close = new Growable()
  readonly volume = new Growable()
  readonly adjClose = new Growable()
  readonly line = new Growable()
  readonly symbol = new Growable()
  get length(): number {
    return this.value.length
  }
}

const ABSOLUTE = 1
const DATE_ONLY = 2

class Problems {
  readonly rejected: RejectedLine[] = []
  rejectedTotal = 0
  readonly warnings: ImportWarning[] = []
  warningsTotal = 0
  reject(line: number, field: string | null, reason: string): void {
    this.rejectedTotal++
    if (this.rejected.length < REPORTED_LINES_LIMIT * 2) this.rejected.push({ line, field, reason })
  }
  warn(kind: ImportWarning['kind'], line: number | null, message: string): void {
    this.warningsTotal++
    if (this.warnings.length < REPORTED_WARNINGS_LIMIT) this.warnings.push({ kind, line, message })
  }
  sorted(): RejectedLine[] {
    return [...this.rejected].sort((a, b) => a.line - b.line).slice(0, REPORTED_LINES_LIMIT)
  }
}

function parseNumber(text: string, decimalComma: boolean): number {
  if (text === '') return Number.NaN
  let s = text
  if (decimalComma) s = s.replace(',', '.')
  else if (s.includes(',')) {
    // Thousands separators (`1,234,567`) in a quoted cell; any other comma is not a number.
    if (!/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number.NaN
    s = s.replace(/,/g, '')
  }
  const v = Number(s)
  return Number.isFinite(v) ? v : Number.NaN
}

function describeTime(t: number, timeframe: Timeframe): string {
  const iso = new Date(t * 1000).toISOString()
  return isIntraday(timeframe) ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : iso.slice(0, 10)
}

/**
 * Where a slice of about `size` characters from `start` should end: after a line break, and not
 * inside a quoted field (an odd number of quote characters so far means one is still open).
 */
function sliceBoundary(text: string, start: number, size: number): number {
  let end = start + size
  if (end >= text.length) return text.length
  let quotes = 0
  let at = text.indexOf('"', start)
  for (;;) {
    const lineEnd = text.indexOf('\n', end)
    end = lineEnd < 0 ? text.length : lineEnd + 1
    while (at >= 0 && at < end) {
      quotes++
      at = text.indexOf('"', at + 1)
    }
    if (quotes % 2 === 0 || end >= text.length) return end
  }
}

function cellAt(cells: readonly string[], index: number | undefined): string {
  if (index === undefined) return ''
  const value = cells[index]
  return value === undefined ? '' : value.trim()
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * Reads a whole file's text into validated bars, one series per symbol, without touching the
 * store. Every line that cannot be a bar is reported with its number and reason: an unreadable
 * number or date, high below low, open or close outside the high–low range, negative volume, a
 * duplicate timestamp, a time earlier than the line before. Gaps, zero-volume bars and times
 * outside the session are warnings. Parsing yields to the event loop every few thousand lines.
 */
export async function analyseText(text: string, options: AnalyseOptions): Promise<AnalysedFile> {
  const problems = new Problems()
  const previewLimit = options.previewRows ?? 0
  const base = {
    name: options.name,
    timeframe: null,
    linesRead: 0,
    series: [],
    preview: [],
    sampleCells: [],
    timeZone: null,
    layout: null,
  }
  let spec: FormatSpec
  try {
    spec = detectFormat(text.slice(0, 256 * 1024), options.overrides)
  } catch (e) {
    if (e instanceof FormatError) {
      const sampleCells = e.layout?.sample.slice(0, previewLimit) ?? []
      return { ...base, spec: null, layout: e.layout, sampleCells, fatal: e.message, rejected: [], rejectedTotal: 0, warnings: [], warningsTotal: 0 }
    }
    throw e
  }
  for (const note of spec.notes) problems.warn('note', null, note)

  const { mapping, decimalComma } = spec
  const reader = new TimestampReader(spec.dateFormat)
  const rows = new Rows()
  const symbols: string[] = []
  const symbolIndex = new Map<string, number>()
  const fallbackSymbol = options.symbol?.trim().toUpperCase() ?? null
  const useTickerColumn = mapping.symbol !== undefined && fallbackSymbol === null
  const stooq = spec.format === 'stooq'
  const symbolId = (symbol: string): number => {
    let id = symbolIndex.get(symbol)
    if (id === undefined) {
      id = symbols.length
      symbols.push(symbol)
      symbolIndex.set(symbol, id)
    }
    return id
  }
  const fixedSymbol = useTickerColumn ? null : (fallbackSymbol ?? symbolFromFileName(options.name))
  if (!useTickerColumn && fixedSymbol === null) {
    return {
      ...base,
      spec,
      fatal: `The file's name does not tell the symbol and the file has no ticker column; give the symbol (--symbol).`,
      rejected: [],
      rejectedTotal: 0,
      warnings: problems.warnings,
      warningsTotal: problems.warningsTotal,
    }
  }
  const fixedId = fixedSymbol === null ? -1 : symbolId(fixedSymbol)
  const previewRecords: { line: number; cells: string[]; row: number; problem: string | null }[] = []

  let linesBefore = 0
  let cursor = 0
  let headerPending = spec.hasHeader
  let linesRead = 0

  const countNewlines = (from: number, to: number): number => {
    let n = 0
    let at = text.indexOf('\n', from)
    while (at >= 0 && at < to) {
      n++
      at = text.indexOf('\n', at + 1)
    }
    return n
  }

  // TWS writes volume -1 on MIDPOINT, BID and ASK bars, which have no volume: that is not a bad line.
  const ibVolumeUnknown = spec.format === 'ib'
  let ibNoVolume = 0
  // Module-level helpers rather than closures per record: this runs once per line of the file.
  const rejectHere = (cells: string[], line: number, field: string | null, reason: string): void => {
    problems.reject(line, field, reason)
    if (previewRecords.length < previewLimit) previewRecords.push({ line, cells, row: -1, problem: field ? `${field}: ${reason}` : reason })
  }
  const handleRecord = (cells: string[], line: number): void => {
    let sid = fixedId
    if (useTickerColumn) {
      const ticker = cellAt(cells, mapping.symbol)
      if (ticker === '') return rejectHere(cells, line, 'symbol', 'the ticker is empty')
      sid = symbolId(symbolFromTicker(ticker, stooq))
    }
    if (!reader.read(cellAt(cells, mapping.date), mapping.time === undefined ? undefined : cellAt(cells, mapping.time))) {
      return rejectHere(cells, line, 'date', reader.error)
    }
    const open = parseNumber(cellAt(cells, mapping.open), decimalComma)
    if (Number.isNaN(open)) return rejectHere(cells, line, 'open', `"${cellAt(cells, mapping.open)}" is not a number`)
    const high = parseNumber(cellAt(cells, mapping.high), decimalComma)
    if (Number.isNaN(high)) return rejectHere(cells, line, 'high', `"${cellAt(cells, mapping.high)}" is not a number`)
    const low = parseNumber(cellAt(cells, mapping.low), decimalComma)
    if (Number.isNaN(low)) return rejectHere(cells, line, 'low', `"${cellAt(cells, mapping.low)}" is not a number`)
    const close = parseNumber(cellAt(cells, mapping.close), decimalComma)
    if (Number.isNaN(close)) return rejectHere(cells, line, 'close', `"${cellAt(cells, mapping.close)}" is not a number`)
    let volume = 0
    if (mapping.volume !== undefined) {
      const text = cellAt(cells, mapping.volume)
      // An empty volume (indices, FX) means none was reported; anything else must be a number.
      volume = text === '' ? 0 : parseNumber(text, decimalComma)
      if (Number.isNaN(volume)) return rejectHere(cells, line, 'volume', `"${text}" is not a number`)
      if (volume === -1 && ibVolumeUnknown) {
        volume = 0
        ibNoVolume++
      }
    }
    let adjClose = Number.NaN
    if (mapping.adjClose !== undefined) {
      adjClose = parseNumber(cellAt(cells, mapping.adjClose), decimalComma)
      if (Number.isNaN(adjClose)) return rejectHere(cells, line, 'adjClose', `"${cellAt(cells, mapping.adjClose)}" is not a number`)
    }
    if (high < low) return rejectHere(cells, line, 'high', `high ${high} is below low ${low}`)
    if (open < low || open > high) return rejectHere(cells, line, 'open', `open ${open} is outside the bar's range low ${low} – high ${high}`)
    if (close < low || close > high) return rejectHere(cells, line, 'close', `close ${close} is outside the bar's range low ${low} – high ${high}`)
    if (volume < 0) return rejectHere(cells, line, 'volume', `volume ${volume} is negative`)
    if (mapping.adjClose !== undefined) {
      if (!(adjClose > 0)) return rejectHere(cells, line, 'adjClose', `adjusted close ${adjClose} is not positive`)
      if (!(close > 0)) return rejectHere(cells, line, 'close', `close ${close} cannot carry an adjustment factor (adjusted ÷ close)`)
    }
    if (previewRecords.length < previewLimit) previewRecords.push({ line, cells, row: rows.length, problem: null })
    rows.value.push(reader.value)
    rows.flags.push((reader.absolute ? ABSOLUTE : 0) | (reader.dateOnly ? DATE_ONLY : 0))
    rows.open.push(open)
    rows.high.push(high)
    rows.low.push(low)
    rows.close.push(close)
    rows.volume.push(volume)
    rows.adjClose.push(adjClose)
    rows.line.push(line)
    rows.symbol.push(sid)
  }

  // The text goes to Papa a slice of whole lines at a time (never cutting a quoted field), with a
  // yield to the event loop between slices: Papa's own pause/resume loses its cursor across chunks.
  let failure: unknown = null
  let sliceStart = 0
  while (sliceStart < text.length && failure === null) {
    const sliceEnd = sliceBoundary(text, sliceStart, PARSE_SLICE_CHARS)
    const base = sliceStart
    Papa.parse<string[]>(text.slice(sliceStart, sliceEnd), {
      delimiter: spec.delimiter,
      skipEmptyLines: 'greedy',
      step: (result, parser) => {
        try {
          // A record's line is the one it ends on (blank lines Papa skipped come before it).
          const end = base + result.meta.cursor
          linesBefore += countNewlines(cursor, end)
          cursor = end
          const line = text.charCodeAt(end - 1) === 10 ? linesBefore : linesBefore + 1
          linesRead = Math.max(linesRead, line)
          if (headerPending) {
            headerPending = false
            return
          }
          handleRecord(result.data, line)
        } catch (e) {
          failure = e
          parser.abort()
        }
      },
    })
    // Lines the slice ended with that Papa skipped as empty still count.
    linesBefore += countNewlines(cursor, sliceEnd)
    cursor = sliceEnd
    sliceStart = sliceEnd
    options.onLines?.(linesRead)
    await yieldToEventLoop()
    if (options.signal?.aborted) throw new ImportCancelledError()
  }
  if (failure) throw failure
  linesRead = Math.max(linesRead, linesBefore)
  options.onLines?.(linesRead)
  if (ibNoVolume > 0) {
    problems.warn('note', null, `${ibNoVolume} bars have volume -1, which TWS writes for MIDPOINT, BID and ASK bars (no volume); they are stored with volume 0.`)
  }

  const sampleCells = previewRecords.map((r) => r.cells.map((c) => c.trim()))
  if (rows.length === 0) {
    const first = problems.sorted()[0]
    return {
      ...base,
      spec,
      linesRead,
      sampleCells,
      fatal: first ? `None of the lines could be read as bars; the first problem is line ${first.line}: ${first.reason}.` : 'The file has no data lines.',
      rejected: problems.sorted(),
      rejectedTotal: problems.rejectedTotal,
      warnings: problems.warnings,
      warningsTotal: problems.warningsTotal,
    }
  }

  const finalTime = new Float64Array(rows.length).fill(Number.NaN)
  const series: ParsedSeries[] = []
  let fatal: string | null = null
  let fileTimeframe: Timeframe | null = null
  let fileZone: string | null = null
  for (let sid = 0; sid < symbols.length && fatal === null; sid++) {
    const symbol = symbols[sid] as string
    const members: number[] = []
    for (let i = 0; i < rows.length; i++) if (rows.symbol.get(i) === sid) members.push(i)
    if (members.length === 0) continue
    const outcome = buildSeries(symbol, members, rows, spec, options, problems, finalTime)
    if ('fatal' in outcome) fatal = outcome.fatal
    else {
      series.push(outcome.series)
      fileTimeframe ??= outcome.series.timeframe
      fileZone ??= outcome.series.timeZone
    }
    await yieldToEventLoop()
    if (options.signal?.aborted) throw new ImportCancelledError()
  }

  const rejected = problems.sorted()
  const laterProblems = new Map(rejected.map((r) => [r.line, r.field ? `${r.field}: ${r.reason}` : r.reason]))
  const preview: PreviewRow[] = previewRecords.map((record) => {
    const i = record.row
    if (i < 0) {
      return { line: record.line, time: null, open: null, high: null, low: null, close: null, volume: null, adjClose: null, symbol: null, problem: record.problem }
    }
    const t = finalTime[i] as number
    return {
      line: record.line,
      time: Number.isNaN(t) ? null : t,
      open: rows.open.get(i),
      high: rows.high.get(i),
      low: rows.low.get(i),
      close: rows.close.get(i),
      volume: rows.volume.get(i),
      adjClose: mapping.adjClose === undefined ? null : rows.adjClose.get(i),
      symbol: symbols[rows.symbol.get(i)] ?? null,
      problem: laterProblems.get(record.line) ?? null,
    }
  })
  return {
    name: options.name,
    spec,
    layout: null,
    fatal,
    timeframe: fileTimeframe,
    linesRead,
    rejected,
    rejectedTotal: problems.rejectedTotal,
    warnings: problems.warnings,
    warningsTotal: problems.warningsTotal,
    series: fatal === null ? series : [],
    preview,
    sampleCells,
    timeZone: fileZone,
  }
}

/**
 * One symbol's rows: times converted in the instrument's zone, newest-first files turned round,
 * the timeframe found, daily bars stamped with their session date, and every duplicate or
 * backwards time rejected. Adds warnings for gaps, zero volumes and bars outside the session.
 */
function buildSeries(
  symbol: string,
  members: readonly number[],
  rows: Rows,
  spec: FormatSpec,
  options: AnalyseOptions,
  problems: Problems,
  finalTime: Float64Array,
): { series: ParsedSeries } | { fatal: string } {
  const context = options.resolveInstrument(symbol)
  const zone = options.timeZone ?? context.timeZone
  const toInstant = createWallClockConverter(zone)
  const offsetOf = createOffsetCache(zone)
  const n = members.length
  const instant = new Float64Array(n)
  const day = new Float64Array(n)
  let allDateOnly = true
  for (let k = 0; k < n; k++) {
    const i = members[k] as number
    const value = rows.value.get(i)
    const flags = rows.flags.get(i)
    if ((flags & DATE_ONLY) === 0) allDateOnly = false
    if (flags & ABSOLUTE) {
      instant[k] = value
      // Daily bars stamped at 00:00 UTC mean that date; any other instant falls on its date in the exchange's zone.
      day[k] = value % DAY === 0 ? value / DAY : Math.floor((value + offsetOf(value)) / DAY)
    } else {
      // A date alone names a session, not an instant: no zone conversion (the slow part) is needed.
      instant[k] = flags & DATE_ONLY ? value : toInstant(value)
      day[k] = Math.floor(value / DAY)
    }
  }

  // Some vendors write newest first: turn a file that runs backwards all the way round.
  let order = members
  if (n > 1 && (instant[0] as number) > (instant[n - 1] as number)) {
    let descending = true
    for (let k = 1; k < n && descending; k++) if ((instant[k] as number) > (instant[k - 1] as number)) descending = false
    if (descending) {
      order = [...members].reverse()
      instant.reverse()
      day.reverse()
      problems.warn('note', null, `${symbol}: the lines run newest first; they were imported oldest first.`)
    }
  }

  const guess = detectTimeframe(instant, allDateOnly)
  let timeframe: Timeframe
  if (options.timeframe) {
    timeframe = options.timeframe
    if (guess.timeframe && guess.timeframe !== timeframe) {
      problems.warn('timeframe', null, `${symbol}: the bars look like ${guess.timeframe} bars but are imported as ${timeframe}, as asked.`)
    }
  } else if (spec.timeframeHint) {
    timeframe = spec.timeframeHint
  } else if (guess.timeframe) {
    timeframe = guess.timeframe
  } else {
    return { fatal: `Cannot tell the timeframe of ${symbol}: ${guess.reason}. Set the timeframe (--timeframe).` }
  }
  if (allDateOnly && isIntraday(timeframe)) {
    return { fatal: `${symbol} has dates without times of day, so its bars cannot be ${timeframe} bars; choose 1D or 1W.` }
  }

  const times = new Float64Array(n)
  let weekShifted = false
  for (let k = 0; k < n; k++) {
    if (timeframe === '1D') times[k] = (day[k] as number) * DAY
    else if (timeframe === '1W') {
      const d = day[k] as number
      const monday = d - ((weekdayOfEpochDay(d) + 6) % 7)
      if (monday !== d) weekShifted = true
      times[k] = monday * DAY
    } else times[k] = instant[k] as number
  }
  if (weekShifted) problems.warn('note', null, `${symbol}: weekly bars are stamped with the Monday of their week.`)

  // A naive time next to a daylight-saving change of the zone it is read in: the likely cause of a repeat.
  const dstHint = (i: number): string => {
    const flags = rows.flags.get(i)
    if (!isIntraday(timeframe) || flags & (ABSOLUTE | DATE_ONLY)) return ''
    const wall = rows.value.get(i)
    if (toInstant(wall + 3600) - toInstant(wall - 3600) === 7200) return ''
    return ` (${zone} skips or repeats this hour for daylight saving: if the file's times are in UTC or another zone, set the time zone)`
  }
  const keep: number[] = []
  let lastTime = Number.NEGATIVE_INFINITY
  let lastLine = 0
  for (let k = 0; k < n; k++) {
    const t = times[k] as number
    const i = order[k] as number
    const line = rows.line.get(i)
    if (t === lastTime) {
      problems.reject(line, 'date', `duplicate timestamp ${describeTime(t, timeframe)}: line ${lastLine} has a ${timeframe} bar at the same time${dstHint(i)}`)
      continue
    }
    if (t < lastTime) {
      problems.reject(line, 'date', `time goes backwards: ${describeTime(t, timeframe)} comes after ${describeTime(lastTime, timeframe)} (line ${lastLine})${dstHint(i)}`)
      continue
    }
    keep.push(k)
    lastTime = t
    lastLine = line
  }

  const m = keep.length
  const bars = allocateBars(m)
  const lines = new Int32Array(m)
  const hasFactors = spec.mapping.adjClose !== undefined
  const factors = hasFactors ? new Float64Array(m) : null
  for (let j = 0; j < m; j++) {
    const k = keep[j] as number
    const i = order[k] as number
    bars.time[j] = times[k] as number
    bars.open[j] = rows.open.get(i)
    bars.high[j] = rows.high.get(i)
    bars.low[j] = rows.low.get(i)
    bars.close[j] = rows.close.get(i)
    bars.volume[j] = rows.volume.get(i)
    lines[j] = rows.line.get(i)
    if (factors) factors[j] = rows.adjClose.get(i) / rows.close.get(i)
    finalTime[i] = times[k] as number
  }

  warnAboutGaps(symbol, bars.time, lines, timeframe, context, problems)
  if (spec.mapping.volume !== undefined) warnAboutZeroVolume(symbol, bars, lines, timeframe, problems)
  if (isIntraday(timeframe)) warnAboutSession(symbol, bars.time, context, zone, problems)
  return { series: { symbol, timeframe, bars, factors, lines, timeZone: zone } }
}

function warnAboutGaps(symbol: string, times: Float64Array, lines: Int32Array, timeframe: Timeframe, context: InstrumentContext, problems: Problems): void {
  const scan = findBarGaps(times, timeframe, { timeZone: context.timeZone, session: context.session, isHoliday: context.calendar?.isHoliday }, {
    maxResults: REPORTED_WARNINGS_LIMIT,
  })
  const unit = timeframe === '1D' ? 'weekday' : timeframe === '1W' ? 'week' : `${timeframe} bar`
  let at = 0
  for (const gap of scan.gaps) {
    while (at < times.length && (times[at] as number) < gap.from) at++
    problems.warn('gap', lines[at] ?? null, describeGap(symbol, gap, timeframe, unit, lines[at - 1] ?? null, lines[at] ?? null))
  }
  // Count the gaps past the reported ones too, so the total is honest.
  for (let i = scan.gaps.length; i < scan.total; i++) problems.warningsTotal++
}

function describeGap(symbol: string, gap: BarGapRange, timeframe: Timeframe, unit: string, before: number | null, after: number | null): string {
  const span = gap.from === gap.to ? describeTime(gap.from, timeframe) : `${describeTime(gap.from, timeframe)} to ${describeTime(gap.to, timeframe)}`
  const where = before !== null && after !== null ? ` (between lines ${before} and ${after})` : ''
  return `${symbol}: ${gap.missing} ${unit}${gap.missing === 1 ? '' : 's'} missing, ${span}${where}`
}

function warnAboutZeroVolume(symbol: string, bars: BarColumns, lines: Int32Array, timeframe: Timeframe, problems: Problems): void {
  const zero: number[] = []
  for (let j = 0; j < bars.volume.length; j++) if (bars.volume[j] === 0) zero.push(j)
  if (zero.length === 0) return
  if (zero.length === bars.volume.length) {
    problems.warn('zero-volume', null, `${symbol}: volume is 0 on every bar (the source reports none).`)
    return
  }
  const shown = zero.length <= 20 ? zero : zero.slice(0, 5)
  for (const j of shown) problems.warn('zero-volume', lines[j] ?? null, `${symbol}: volume is 0 on ${describeTime(bars.time[j] as number, timeframe)}`)
  if (zero.length > shown.length) problems.warn('zero-volume', null, `${symbol}: ${zero.length} bars in all have volume 0.`)
}

function warnAboutSession(symbol: string, times: Float64Array, context: InstrumentContext, zone: string, problems: Problems): void {
  const session = parseSessionMinutes(context.session)
  if (session.overnight || times.length === 0) return
  const offsetOf = createOffsetCache(context.timeZone)
  let outside = 0
  for (let j = 0; j < times.length; j++) {
    const t = times[j] as number
    const local = t + offsetOf(t)
    const second = local - Math.floor(local / DAY) * DAY
    if (second < session.open * 60 || second >= session.close * 60) outside++
  }
  if (outside > times.length / 2) {
    problems.warn(
      'outside-session',
      null,
      `${symbol}: ${outside} of ${times.length} bars fall outside the ${context.session} session in ${context.timeZone} (times read in ${zone}). ` +
        'If the file is in another zone, set the time zone (--tz); if the instrument trades other hours, set its session.',
    )
  }
}
