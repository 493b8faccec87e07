import Papa from 'papaparse'
import type { ColumnMapping, DateFormat, ImportFormat, MappedField } from '../../shared/contract'
import type { Timeframe } from '../../shared/domain'
import { TimestampReader, dateFormatsMatching, looksLikeTimeOfDay } from './timestamp-parser'

/** How to read one file: the layout detected from its first lines, or forced by the trader. */
export interface FormatSpec {
  readonly format: ImportFormat
  /** Why this format, for the preview: e.g. `header matches Yahoo Finance's download`. */
  readonly formatReason: string
  readonly delimiter: string
  readonly hasHeader: boolean
  /** Column titles as written (`column N` without a header), one per data column. */
  readonly columns: readonly string[]
  readonly mapping: ColumnMapping
  readonly dateFormat: DateFormat
  /** `1,25` means 1.25 (semicolon- or tab-separated European files). */
  readonly decimalComma: boolean
  /** The timeframe the file declares (Stooq's <PER> column), if any. */
  readonly timeframeHint: Timeframe | null
  /** Things the trader should know about how the file was read. */
  readonly notes: readonly string[]
}

export interface FormatOverrides {
  readonly format?: ImportFormat | 'auto'
  readonly mapping?: ColumnMapping
  readonly dateFormat?: DateFormat
}

/** The file's shape before any meaning is given to its columns. */
export interface FileLayout {
  readonly delimiter: string
  readonly hasHeader: boolean
  /** Column titles as written (`column N` without a header). */
  readonly columns: readonly string[]
  /** The first data lines, cell by cell (trimmed). */
  readonly sample: readonly (readonly string[])[]
  /** The most common number of cells in a data line. */
  readonly width: number
  readonly notes: readonly string[]
}

/** The file cannot be read as bars at all (no date column, unknown layout); the message says what to change. */
export class FormatError extends Error {
  constructor(
    message: string,
    /** What was seen of the file, when it got that far: lets the trader map the columns by hand. */
    readonly layout: FileLayout | null = null,
  ) {
    super(message)
    this.name = 'FormatError'
  }
}

/** Lines of the file the detection looks at. */
export const SAMPLE_LINES = 200

const DELIMITERS = ['\t', ';', ',', '|'] as const

/** Header names of each field, normalised (lower case, no <>, separators as single spaces). */
const SYNONYMS: Record<MappedField, readonly string[]> = {
  date: ['date', 'datetime', 'date time', 'timestamp', 'timestamp utc', 'time stamp', 'day', 'trade date', 'gmt time', 'local time', 'date utc', 'dt'],
  time: ['time', 'time of day', 'hour', 'time utc'],
  open: ['open', 'o', 'open price', 'opening price', 'first'],
  high: ['high', 'h', 'high price', 'max', 'highest'],
  low: ['low', 'l', 'low price', 'min', 'lowest'],
  close: ['close', 'c', 'close price', 'closing price', 'last', 'last price', 'price'],
  adjClose: ['adj close', 'adjclose', 'adj close price', 'adjusted close', 'adj'],
  volume: ['volume', 'vol', 'v', 'qty', 'quantity', 'tick volume', 'tickvol'],
  symbol: ['symbol', 'ticker', 'code', 'instrument', 'sym', 'security'],
}

export function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^<|>$/g, '')
    .replace(/[\s_.\-/]+/g, ' ')
    .trim()
}

const STOOQ_TIMEFRAMES: Record<string, Timeframe> = { d: '1D', w: '1W', '1': '1m', '5': '5m', '15': '15m', '30': '30m', '60': '1h', '240': '4h' }

function isNumber(value: string): boolean {
  return value !== '' && !Number.isNaN(Number(value.replace(',', '.')))
}

/** The delimiter found in (nearly) every line the same number of times; tab and semicolon first, since commas also appear as decimal commas. */
function detectDelimiter(lines: readonly string[]): string {
  let best: string = ','
  let bestScore = -1
  for (const d of DELIMITERS) {
    const counts = lines.map((line) => line.split(d).length - 1)
    const tally = new Map<number, number>()
    for (const c of counts) if (c > 0) tally.set(c, (tally.get(c) ?? 0) + 1)
    let modeShare = 0
    for (const n of tally.values()) modeShare = Math.max(modeShare, n / lines.length)
    // Strictly better wins, so earlier (rarer in prose) delimiters keep a tie.
    if (modeShare >= 0.9 && modeShare > bestScore + 0.05) {
      best = d
      bestScore = modeShare
    }
  }
  return best
}

function firstLines(text: string, count: number): string[] {
  const lines: string[] = []
  let at = 0
  while (lines.length < count && at < text.length) {
    const end = text.indexOf('\n', at)
    const line = (end < 0 ? text.slice(at) : text.slice(at, end)).replace(/\r$/, '')
    if (line.trim() !== '') lines.push(line)
    if (end < 0) break
    at = end + 1
  }
  return lines
}

function mappingFromHeader(names: readonly string[]): Partial<Record<MappedField, number>> {
  const normalised = names.map(normaliseHeader)
  const found: Partial<Record<MappedField, number>> = {}
  const take = (field: MappedField, index: number): void => {
    if (found[field] === undefined && !Object.values(found).includes(index)) found[field] = index
  }
  // Exact synonyms, in each field's order of preference; `adj close` before `close` so `close` cannot take it.
  for (const field of ['adjClose', 'date', 'open', 'high', 'low', 'close', 'volume', 'symbol', 'time'] as const) {
    for (const synonym of SYNONYMS[field]) {
      const index = normalised.indexOf(synonym)
      if (index >= 0) {
        take(field, index)
        break
      }
    }
  }
  // A lone `time` column holds whole timestamps; next to a date column it is the time of day.
  if (found.date === undefined && found.time !== undefined) {
    found.date = found.time
    delete found.time
  }
  // pandas writes its index (the dates) under an empty title.
  if (found.date === undefined && normalised[0] === '') found.date = 0
  return found
}

/** Columns guessed from values when there is no header: a date (and time), then open, high, low, close, volume in order. */
function mappingFromValues(rows: readonly (readonly string[])[]): Partial<Record<MappedField, number>> {
  const width = Math.max(...rows.map((r) => r.length))
  const column = (i: number): string[] => rows.map((r) => r[i] ?? '').filter((v) => v !== '')
  const found: Partial<Record<MappedField, number>> = {}
  for (let i = 0; i < width; i++) {
    const values = column(i)
    if (values.length === 0) continue
    const formats = dateFormatsMatching(values).filter((f) => (f === 'epoch-s' ? values.every((v) => Math.abs(Number(v)) >= 1e8) : true))
    if (formats.length > 0) {
      found.date = i
      break
    }
    if (found.symbol === undefined && values.every((v) => !isNumber(v)) && values.some((v) => /^[A-Za-z^]/.test(v) && v.length > 1)) found.symbol = i
  }
  if (found.date === undefined) return found
  let next = found.date + 1
  const timeValues = column(next)
  if (timeValues.length > 0 && timeValues.every(looksLikeTimeOfDay)) found.time = next++
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    while (next < width && !column(next).every(isNumber)) next++
    if (next < width) found[field] = next++
  }
  return found
}

function detectDateFormat(values: readonly string[], columnName: string): { format: DateFormat; ambiguous: boolean } {
  const formats = dateFormatsMatching(values)
  if (formats.length === 0) {
    // A bad line or two must not hide the format: go by most values.
    let best: DateFormat | null = null
    let bestCount = 0
    for (const format of ['iso', 'yyyymmdd', 'mdy', 'dmy', 'epoch-ms', 'epoch-s'] as const) {
      const reader = new TimestampReader(format)
      const count = values.filter((v) => reader.read(v, undefined)).length
      if (count > bestCount) {
        best = format
        bestCount = count
      }
    }
    if (best && bestCount >= values.length * 0.6) return { format: best, ambiguous: false }
    const example = values[0] ?? ''
    throw new FormatError(`The date column (${columnName}) holds values like "${example}" that match no date format Quorum knows; choose the date format by hand.`)
  }
  const format = formats[0] as DateFormat
  return { format, ambiguous: format === 'mdy' && formats.includes('dmy') }
}

function describeFormat(format: ImportFormat): string {
  return { yahoo: 'Yahoo Finance', stooq: 'Stooq', ib: 'Interactive Brokers (TWS)', generic: 'generic CSV' }[format]
}

/**
 * Works out how to read a file from its first lines (and its name): the delimiter, whether the
 * first line is a header, which column holds which field, the date format, and which known
 * layout it is (Yahoo, Stooq, IB/TWS, or generic). Overrides from the trader win over detection.
 * Throws FormatError when the file cannot be read as bars.
 */
export function detectFormat(head: string, overrides: FormatOverrides = {}): FormatSpec {
  const layout = sniffLayout(head)
  try {
    return interpretLayout(layout, overrides)
  } catch (e) {
    if (e instanceof FormatError && e.layout === null) throw new FormatError(e.message, layout)
    throw e
  }
}

/** Delimiter, header and columns of a file from its first lines. */
export function sniffLayout(head: string): FileLayout {
  const lines = firstLines(head, SAMPLE_LINES + 1)
  if (lines.length === 0) throw new FormatError('The file is empty.')
  const delimiter = detectDelimiter(lines.slice(0, 50))
  const parsed = Papa.parse<string[]>(lines.join('\n'), { delimiter, skipEmptyLines: 'greedy' })
  const rows = parsed.data.map((row) => row.map((cell) => cell.trim()))
  const first = rows[0] ?? []
  const known = new Set(Object.values(SYNONYMS).flat())
  const headerWords = first.map(normaliseHeader)
  const hasHeader =
    headerWords.some((w) => known.has(w) || ['openint', 'per', 'average', 'wap', 'barcount', 'count'].includes(w)) ||
    (rows.length > 1 && first.filter(isNumber).length < (rows[1] ?? []).filter(isNumber).length)
  const data = hasHeader ? rows.slice(1) : rows
  if (data.length === 0) throw new FormatError('The file has a header but no data lines.')
  const notes: string[] = []
  let columns = hasHeader ? [...first] : Array.from({ length: Math.max(...data.map((r) => r.length)) }, (_, i) => `column ${i + 1}`)
  // backtrader's intraday files title 7 columns but write 8: the time of day sits after the date.
  const width = mode(data.map((r) => r.length))
  if (hasHeader && width === columns.length + 1 && data.every((r) => looksLikeTimeOfDay(r[1] ?? '')) && !looksLikeTimeOfDay(first[1] ?? '')) {
    columns = [columns[0] ?? 'Date', 'Time', ...columns.slice(1)]
    notes.push('The header has one column fewer than the lines; the second value of each line is read as the time of day.')
  }
  while (columns.length < width) columns.push(`column ${columns.length + 1}`)
  return { delimiter, hasHeader, columns, sample: data, width, notes }
}

function interpretLayout(layout: FileLayout, overrides: FormatOverrides): FormatSpec {
  const { delimiter, hasHeader, columns, width } = layout
  const data = layout.sample
  const notes = [...layout.notes]
  const detected = hasHeader ? mappingFromHeader(columns) : mappingFromValues(data)
  const normalised = columns.map(normaliseHeader)
  const has = (...names: string[]): boolean => names.every((n) => normalised.includes(n))
  let format: ImportFormat
  let formatReason: string
  if (hasHeader && has('ticker', 'per', 'date', 'time', 'open', 'high', 'low', 'close')) {
    format = 'stooq'
    formatReason = "header is Stooq's <TICKER>,<PER>,<DATE>,<TIME>,…"
  } else if (hasHeader && has('date', 'open', 'high', 'low', 'close', 'adj close', 'volume')) {
    format = 'yahoo'
    formatReason = "header matches Yahoo Finance's Date,Open,High,Low,Close,Adj Close,Volume"
  } else if (hasHeader && has('date', 'open', 'high', 'low', 'close') && (has('average') || has('wap')) && (has('barcount') || has('count'))) {
    format = 'ib'
    formatReason = 'header matches a TWS historical-data export (date,open,high,low,close,volume,average,barCount)'
  } else if (hasHeader && normalised.join(',') === 'date,open,high,low,close,volume,openint') {
    format = 'stooq'
    formatReason = "header matches Stooq's daily layout Date,Open,High,Low,Close,Volume,OpenInt"
  } else {
    format = 'generic'
    formatReason = hasHeader ? 'columns mapped from the header names' : 'no header: columns guessed from the values'
  }
  const forced = overrides.format && overrides.format !== 'auto' ? overrides.format : null
  if (forced && forced !== format) {
    if (forced === 'yahoo' && detected.adjClose === undefined) {
      throw new FormatError("The file has no Adj Close column, so it is not a Yahoo Finance download (Date,Open,High,Low,Close,Adj Close,Volume); choose another format.")
    }
    formatReason = `${describeFormat(forced)} chosen by hand (detected: ${describeFormat(format)})`
    format = forced
  }

  const mapping = overrides.mapping ?? completeMapping(detected, columns)
  const columnCount = Math.max(columns.length, width)
  for (const [field, index] of Object.entries(mapping) as [MappedField, number | undefined][]) {
    if (index !== undefined && index >= columnCount) {
      throw new FormatError(`The mapping puts ${field} in column ${index + 1}, but the file has ${columnCount} columns.`)
    }
  }

  const dateValues = data.map((r) => r[mapping.date] ?? '').filter((v) => v !== '')
  let dateFormat: DateFormat
  if (overrides.dateFormat) {
    dateFormat = overrides.dateFormat
  } else {
    const found = detectDateFormat(dateValues, columns[mapping.date] ?? `column ${mapping.date + 1}`)
    dateFormat = found.format
    if (found.ambiguous) notes.push('Dates such as 03/04/2024 are read as month/day/year (US); choose d/m/y if they are day first.')
  }
  if (!forced && format === 'generic' && dateFormat === 'yyyymmdd' && dateValues.some((v) => /^\d{8}\s+\d/.test(v) || /^\d{8} .*\//.test(v))) {
    format = 'ib'
    formatReason = 'dates written yyyyMMdd HH:mm:ss as TWS exports them'
  }

  const closeValues = data.map((r) => r[mapping.close] ?? '').filter((v) => v !== '')
  const decimalComma = delimiter !== ',' && closeValues.length > 0 && closeValues.filter((v) => /^-?\d+,\d+$/.test(v)).length >= closeValues.length * 0.5

  let timeframeHint: Timeframe | null = null
  const per = normalised.indexOf('per')
  if (format === 'stooq' && per >= 0) {
    const value = (data[0]?.[per] ?? '').toLowerCase()
    if (value === 'm' || value === 'q' || value === 'y') throw new FormatError(`The file holds ${value === 'm' ? 'monthly' : value === 'q' ? 'quarterly' : 'yearly'} bars (<PER> ${value.toUpperCase()}); Quorum stores bars from 1 minute to 1 week.`)
    timeframeHint = STOOQ_TIMEFRAMES[value] ?? null
  }
  return { format, formatReason, delimiter, hasHeader, columns, mapping, dateFormat, decimalComma, timeframeHint, notes }
}

function completeMapping(found: Partial<Record<MappedField, number>>, columns: readonly string[]): ColumnMapping {
  const missing = (['date', 'open', 'high', 'low', 'close'] as const).filter((f) => found[f] === undefined)
  if (missing.length > 0) {
    throw new FormatError(
      `No ${missing.join(', ')} column found among ${columns.map((c) => (c === '' ? '(untitled)' : c)).join(', ')}; map the columns by hand (generic format).`,
    )
  }
  return {
    date: found.date as number,
    open: found.open as number,
    high: found.high as number,
    low: found.low as number,
    close: found.close as number,
    ...(found.time === undefined ? {} : { time: found.time }),
    ...(found.volume === undefined ? {} : { volume: found.volume }),
    ...(found.adjClose === undefined ? {} : { adjClose: found.adjClose }),
    ...(found.symbol === undefined ? {} : { symbol: found.symbol }),
  }
}

function mode(values: readonly number[]): number {
  const tally = new Map<number, number>()
  let best = 0
  let bestCount = 0
  for (const v of values) {
    const n = (tally.get(v) ?? 0) + 1
    tally.set(v, n)
    if (n > bestCount) {
      best = v
      bestCount = n
    }
  }
  return best
}
