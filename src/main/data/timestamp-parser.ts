import { IANAZone } from 'luxon'
import type { DateFormat } from '../../shared/contract'
import { createBlockMemo } from '../store'

const DAY = 86_400
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))
}

/** What each format looks like, for messages: `"2024-13-01" is not a date (expected yyyy-mm-dd)`. */
export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'yyyy-mm-dd, optionally with HH:mm[:ss] and an offset',
  mdy: 'm/d/yyyy (US), optionally with a time',
  dmy: 'd.m.yyyy or d/m/yyyy, optionally with a time',
  yyyymmdd: 'yyyymmdd, optionally with HH:mm:ss and a zone name (IB, Stooq)',
  'epoch-s': 'Unix time in seconds',
  'epoch-ms': 'Unix time in milliseconds',
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([AaPp][Mm]))?`
const OFFSET = String.raw`(Z|[+-]\d{2}(?::?\d{2})?)`
const PATTERNS = {
  iso: new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+${TIME})?\s*${OFFSET}?$`, 'i'),
  mdy: new RegExp(String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:[T ,]+${TIME})?$`),
  dmy: new RegExp(String.raw`^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:[T ,]+${TIME})?$`),
  // IB writes `yyyyMMdd  HH:mm:ss` (two spaces), newer TWS appends the zone name, e.g. `US/Eastern`.
  yyyymmdd: /^(\d{4})(\d{2})(\d{2})(?:[ T-]+(\d{1,2}):?(\d{2}):?(\d{2})?)?(?:\s+([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*))?$/,
  'epoch-s': /^-?\d{1,11}(?:\.\d+)?$/,
  'epoch-ms': /^-?\d{1,14}$/,
} as const satisfies Record<DateFormat, RegExp>

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([AaPp][Mm]))?$/
const COMPACT_TIME = /^(\d{2})(\d{2})(\d{2})?$/

/** True when a value looks like a time of day (`09:30`, `09:30:00`, Stooq's `093000`). */
export function looksLikeTimeOfDay(value: string): boolean {
  const m = TIME_OF_DAY.exec(value) ?? COMPACT_TIME.exec(value)
  if (!m) return false
  return Number(m[1]) < 24 && Number(m[2]) < 60
}

/**
 * Formats that read every one of the values, most likely first. Eight-digit numbers read as Unix
 * seconds too (in 1970), so yyyymmdd wins; slashes alone cannot tell 03/04 apart, so m/d/y (US)
 * comes before d/m/y unless a first part above 12 rules it out.
 */
export function dateFormatsMatching(values: readonly string[]): DateFormat[] {
  if (values.length === 0) return []
  const candidates: DateFormat[] = ['iso', 'yyyymmdd', 'epoch-ms', 'epoch-s', 'mdy', 'dmy']
  const matching = candidates.filter((format) => {
    const reader = new TimestampReader(format)
    return values.every((v) => reader.read(v, undefined))
  })
  return matching.filter((f) => {
    if (f === 'epoch-s') return !matching.includes('yyyymmdd') && !values.some((v) => /^-?\d{12,}$/.test(v))
    if (f === 'epoch-ms') return values.every((v) => /^-?\d{12,14}$/.test(v))
    return true
  })
}

/**
 * Reads one timestamp at a time without allocating: after `read` succeeds, `value` holds either
 * the wall-clock time written (seconds, as if UTC) when `absolute` is false, or the instant
 * (epoch seconds) when the text carried an offset, a zone name or Unix time. `dateOnly` is true
 * when no time of day was given. A failed read leaves the reason in `error`.
 */
export class TimestampReader {
  value = 0
  absolute = false
  dateOnly = false
  error = ''
  private readonly pattern: RegExp
  private readonly zones = new Map<string, IANAZone | null>()

  constructor(readonly format: DateFormat) {
    this.pattern = PATTERNS[format]
  }

  read(text: string, timeText: string | undefined): boolean {
    if (this.format === 'iso' && (timeText === undefined || timeText === '') && this.readPlainIso(text)) return true
    const m = this.pattern.exec(text)
    if (!m) return this.fail(`"${text}" is not a date (expected ${DATE_FORMAT_LABELS[this.format]})`)
    if (this.format === 'epoch-s' || this.format === 'epoch-ms') {
      const n = Number(text)
      this.value = this.format === 'epoch-ms' ? n / 1000 : n
      this.absolute = true
      this.dateOnly = false
      return true
    }
    let year: number
    let month: number
    let day: number
    let hour: number | undefined
    let minute: number | undefined
    let second: number | undefined
    let ampm: string | undefined
    let zoneText: string | undefined
    if (this.format === 'iso') {
      year = Number(m[1])
      month = Number(m[2])
      day = Number(m[3])
      if (m[4] !== undefined) [hour, minute, second, ampm] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6]), m[7]]
      zoneText = m[8]
    } else if (this.format === 'yyyymmdd') {
      year = Number(m[1])
      month = Number(m[2])
      day = Number(m[3])
      if (m[4] !== undefined) [hour, minute, second] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])]
      zoneText = m[7]
    } else {
      const first = Number(m[1])
      const secondPart = Number(m[2])
      const y = Number(m[3])
      year = (m[3] as string).length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y
      ;[month, day] = this.format === 'mdy' ? [first, secondPart] : [secondPart, first]
      if (m[4] !== undefined) [hour, minute, second, ampm] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6]), m[7]]
    }
    if (!validDate(year, month, day)) return this.fail(`"${text}" is not a date (no such day; expected ${DATE_FORMAT_LABELS[this.format]})`)
    if (hour === undefined && timeText !== undefined && timeText !== '') {
      const t = TIME_OF_DAY.exec(timeText) ?? COMPACT_TIME.exec(timeText)
      if (!t) return this.fail(`time "${timeText}" is not a time of day (expected HH:mm[:ss] or HHmmss)`)
      hour = Number(t[1])
      minute = Number(t[2])
      second = t[3] === undefined ? 0 : Number(t[3])
      ampm = TIME_OF_DAY.test(timeText) ? t[4] : undefined
    }
    if (hour !== undefined && ampm !== undefined) {
      if (hour < 1 || hour > 12) return this.fail(`"${text}" has hour ${hour} with ${ampm.toUpperCase()}`)
      hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0)
    }
    if (hour !== undefined && (hour > 23 || (minute as number) > 59 || (second as number) > 59)) {
      return this.fail(`"${text}${timeText ? ` ${timeText}` : ''}" is not a time of day`)
    }
    const wall = Date.UTC(year, month - 1, day, hour ?? 0, minute ?? 0, second ?? 0) / 1000
    this.dateOnly = hour === undefined
    if (zoneText === undefined) {
      this.value = wall
      this.absolute = false
      return true
    }
    const offset = this.offsetOf(zoneText, wall)
    if (offset === null) return this.fail(`"${text}" names an unknown time zone "${zoneText}"`)
    this.value = wall - offset
    this.absolute = true
    return true
  }

  /**
   * `yyyy-mm-dd` or `yyyy-mm-dd[T ]HH:MM[:SS]` read straight from character codes: most files
   * are written this way, and a regex match allocates a dozen strings per line. Anything else
   * (offsets, fractions, one-digit fields, invalid values) falls through to the full pattern.
   */
  private readPlainIso(text: string): boolean {
    const n = text.length
    if (n !== 10 && n !== 16 && n !== 19) return false
    if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false
    const year = digits(text, 0, 4)
    const month = digits(text, 5, 2)
    const day = digits(text, 8, 2)
    if (year < 0 || month < 0 || day < 0 || !validDate(year, month, day)) return false
    let hour = 0
    let minute = 0
    let second = 0
    if (n > 10) {
      const sep = text.charCodeAt(10)
      if ((sep !== 32 && sep !== 84) || text.charCodeAt(13) !== 58) return false
      hour = digits(text, 11, 2)
      minute = digits(text, 14, 2)
      if (n === 19) {
        if (text.charCodeAt(16) !== 58) return false
        second = digits(text, 17, 2)
      }
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false
    }
    this.value = Date.UTC(year, month - 1, day, hour, minute, second) / 1000
    this.absolute = false
    this.dateOnly = n === 10
    return true
  }

  private offsetOf(zoneText: string, wall: number): number | null {
    if (zoneText === 'Z' || zoneText === 'z') return 0
    const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zoneText)
    if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 3600 + Number(numeric[3] ?? 0) * 60)
    let zone = this.zones.get(zoneText)
    if (zone === undefined) {
      zone = IANAZone.isValidZone(zoneText) ? IANAZone.create(zoneText) : null
      this.zones.set(zoneText, zone)
    }
    return zone === null ? null : wallOffsetSeconds(zone, wall)
  }

  private fail(reason: string): false {
    this.error = reason
    return false
  }
}

/** The zone's UTC offset (seconds) in force at a wall-clock time; a skipped DST hour moves forward. */
function wallOffsetSeconds(zone: IANAZone, wall: number): number {
  const wallMs = wall * 1000
  const first = zone.offset(wallMs)
  const guess = wallMs - first * 60_000
  const second = zone.offset(guess)
  if (first === second) return first * 60
  const third = zone.offset(wallMs - second * 60_000)
  // Different answers mean the wall time fell in a skipped hour: take the smaller offset, the later instant.
  return (second === third ? second : Math.min(second, third)) * 60
}

/**
 * Converts wall-clock times of one zone to instants. The offset in force is memoised by 16-day
 * block, day and hour (it changes only on the hour, a few times a year), so a million bars cost
 * a few thousand Intl look-ups.
 */
export function createWallClockConverter(timeZone: string): (wall: number) => number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return (wall) => wall
  const zone = IANAZone.create(timeZone)
  if (!zone.isValid) throw new RangeError(`"${timeZone}" is not an IANA time zone.`)
  const offsetAt = createBlockMemo((wall) => wallOffsetSeconds(zone, wall))
  return (wall) => wall - offsetAt(wall)
}

/** The number written in `count` decimal digits at `start`, or -1 if any is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    value = value * 10 + c
  }
  return value
}

/** The calendar date (days since 1970-01-01) of a wall-clock time. */
export function wallDay(wall: number): number {
  return Math.floor(wall / DAY)
}
