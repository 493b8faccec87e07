import { DateTime, IANAZone } from 'luxon'
import type { Instrument, SessionCalendar } from '../../shared/domain'

/** Days a session calendar may span: a century of trading days is far more than any use needs. */
const MAX_CALENDAR_DAYS = 36_600
const DAY_SECONDS = 86_400

export interface SessionCalendarOptions {
  /** IANA time zone of the exchange, e.g. `America/New_York`; every wall-clock time below is in it. */
  readonly timeZone: string
  /** Regular session, `HH:MM-HH:MM` (e.g. `09:30-16:00`). */
  readonly regularHours: string
  /**
   * The whole session a tick may trade in, regular hours included, e.g. `04:00-20:00` for US
   * equities. A start at or after the end opens the evening before (`18:00-17:00` for CME
   * futures); `24:00` is midnight at the day's end. Defaults to the regular hours.
   */
  readonly extendedHours?: string
  /** First and last session dates, `YYYY-MM-DD`, inclusive. */
  readonly from: string
  readonly to: string
  /** Weekdays that trade, 1 = Monday … 7 = Sunday; defaults to Monday to Friday. */
  readonly weekdays?: readonly number[]
  /** Full-day closures, by days since 1970-01-01 (the shape of ExchangeCalendar.isHoliday). */
  readonly isHoliday?: (epochDay: number) => boolean
  /** `day` (default): one bar per session, stamped with its date. `week`: one bar per week, stamped with its Monday. */
  readonly barPeriod?: 'day' | 'week'
}

interface Hours {
  readonly startMinutes: number
  readonly endMinutes: number
  /** The session opens on the previous calendar day. */
  readonly overnight: boolean
}

/**
 * The trading days from `from` to `to` with each day's session and regular hours as UTC instants,
 * computed from the exchange's own time zone rules (a DST change moves the UTC times, never the
 * local ones). This is what session bars are built from.
 */
export function buildSessionCalendar(options: SessionCalendarOptions): SessionCalendar {
  const { timeZone, barPeriod = 'day' } = options
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`"${timeZone}" is not a known IANA time zone (e.g. America/New_York).`)
  const regular = parseHours(options.regularHours, 'regularHours')
  const extended = options.extendedHours === undefined ? regular : parseHours(options.extendedHours, 'extendedHours')
  const regularStart = regular.startMinutes - (regular.overnight ? 1440 : 0)
  const extendedStart = extended.startMinutes - (extended.overnight ? 1440 : 0)
  if (regularStart < extendedStart || regular.endMinutes > extended.endMinutes) {
    throw new RangeError(`The regular hours ${options.regularHours} must lie inside the extended hours ${options.extendedHours ?? ''}.`)
  }
  const weekdays = new Set(options.weekdays ?? [1, 2, 3, 4, 5])
  const first = parseDate(options.from, 'from')
  const last = parseDate(options.to, 'to')
  if (last < first) throw new RangeError(`The calendar's last date ${options.to} is before its first date ${options.from}.`)
  if (last.diff(first, 'days').days > MAX_CALENDAR_DAYS) throw new RangeError(`A session calendar may span at most ${MAX_CALENDAR_DAYS} days.`)

  const rows: number[][] = []
  for (let date = first; date <= last; date = date.plus({ days: 1 })) {
    const epochDay = Math.round(date.toSeconds() / DAY_SECONDS)
    if (!weekdays.has(date.weekday) || options.isHoliday?.(epochDay)) continue
    const barDate = barPeriod === 'week' ? date.minus({ days: date.weekday - 1 }) : date
    rows.push([
      barDate.toSeconds(),
      localInstant(date, extendedStart, timeZone),
      localInstant(date, extended.endMinutes, timeZone),
      localInstant(date, regularStart, timeZone),
      localInstant(date, regular.endMinutes, timeZone),
    ])
  }
  const column = (k: number): Float64Array => Float64Array.from(rows, (row) => row[k] as number)
  return { barTime: column(0), sessionStart: column(1), sessionEnd: column(2), regularOpen: column(3), regularClose: column(4) }
}

/** The calendar of an instrument's regular session (its time zone and `session`), for daily or weekly bars. */
export function instrumentSessionCalendar(
  instrument: Pick<Instrument, 'timeZone' | 'session'>,
  options: Omit<SessionCalendarOptions, 'timeZone' | 'regularHours'>,
): SessionCalendar {
  return buildSessionCalendar({ ...options, timeZone: instrument.timeZone, regularHours: instrument.session })
}

/** The UTC instant (epoch seconds) of `minutes` after local midnight of `date` (negative: the evening before). */
function localInstant(date: DateTime, minutes: number, timeZone: string): number {
  const dayOffset = Math.floor(minutes / 1440)
  const inDay = minutes - dayOffset * 1440
  const day = date.plus({ days: dayOffset })
  const local = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(inDay / 60), minute: inDay % 60 }, { zone: timeZone })
  return local.toSeconds()
}

function parseHours(text: string, name: string): Hours {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text)
  const [start, end] = match ? [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])] : [NaN, NaN]
  const valid = (m: number, allowDayEnd: boolean): boolean => Number.isInteger(m) && m >= 0 && (m < 1440 || (allowDayEnd && m === 1440))
  if (!match || !valid(start, false) || !valid(end, true) || Number(match[2]) > 59 || Number(match[4]) > 59) {
    throw new RangeError(`${name} must be local hours as HH:MM-HH:MM (e.g. 09:30-16:00), got "${text}".`)
  }
  return { startMinutes: start, endMinutes: end, overnight: start >= end }
}

function parseDate(text: string, name: string): DateTime {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? DateTime.fromISO(text, { zone: 'utc' }) : DateTime.invalid('not YYYY-MM-DD')
  if (!date.isValid) throw new RangeError(`${name} must be a calendar date as YYYY-MM-DD, got "${text}".`)
  return date
}
