const DAY_MS = 86_400_000

function epochDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS
}

function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

/** The n-th (1-based) given weekday of a month, or the last one when n is -1. */
function nthWeekday(year: number, month: number, wd: number, n: number): number {
  if (n === -1) {
    const last = epochDay(year, month + 1, 1) - 1
    return last - ((weekday(last) - wd + 7) % 7)
  }
  const first = epochDay(year, month, 1)
  return first + ((wd - weekday(first) + 7) % 7) + (n - 1) * 7
}

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): number {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return epochDay(year, month, day)
}

/** NYSE moves a Saturday holiday to Friday and a Sunday holiday to Monday. */
function observed(day: number): number {
  const wd = weekday(day)
  if (wd === 6) return day - 1
  if (wd === 0) return day + 1
  return day
}

/** Full-day closures that no rule predicts (funerals, storms, 9/11), from 1969 on. */
const SPECIAL_CLOSURES = [
  '1969-02-10', '1969-03-31', '1969-07-21', '1972-12-28', '1973-01-25', '1977-07-14', '1985-09-27', '1994-04-27',
  '2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30',
  '2018-12-05', '2025-01-09',
].map((iso) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS)

function nyseHolidays(year: number): Set<number> {
  const days: number[] = []
  const newYear = epochDay(year, 1, 1)
  // A New Year's Day on a Saturday is not made up on the Friday: that Friday ends the accounting year.
  if (weekday(newYear) !== 6) days.push(observed(newYear))
  if (year >= 1998) days.push(nthWeekday(year, 1, 1, 3))
  days.push(year >= 1971 ? nthWeekday(year, 2, 1, 3) : observed(epochDay(year, 2, 22)))
  days.push(easterSunday(year) - 2)
  days.push(year >= 1971 ? nthWeekday(year, 5, 1, -1) : observed(epochDay(year, 5, 30)))
  if (year >= 2022) days.push(observed(epochDay(year, 6, 19)))
  days.push(observed(epochDay(year, 7, 4)))
  days.push(nthWeekday(year, 9, 1, 1))
  days.push(nthWeekday(year, 11, 4, 4))
  days.push(observed(epochDay(year, 12, 25)))
  // Election Day (the Tuesday after the first Monday of November): every year to 1968, then presidential years to 1980.
  if (year <= 1968 || (year <= 1980 && year % 4 === 0)) days.push(nthWeekday(year, 11, 1, 1) + 1)
  return new Set(days)
}

export interface ExchangeCalendar {
  /** A short name for reports, e.g. `NYSE holidays`. */
  readonly name: string
  /** True when the exchange is closed all day on this weekday (days since 1970-01-01). */
  isHoliday(epochDay: number): boolean
}

const byYear = new Map<number, Set<number>>()
const special = new Set(SPECIAL_CLOSURES)

/**
 * New York Stock Exchange full-day holidays by today's rules (Monday holidays from 1971, MLK Day
 * from 1998, Juneteenth from 2022), Election Day while the exchange closed for it (to 1980), and
 * the unscheduled closures since 1969. Early closes are trading days. Years before 1971 miss a
 * few older holidays (Lincoln's birthday, the 1968 paperwork-crisis Wednesdays), which then
 * show as gaps.
 */
export const NYSE_CALENDAR: ExchangeCalendar = {
  name: 'NYSE holidays',
  isHoliday(day) {
    if (special.has(day)) return true
    const year = new Date(day * DAY_MS).getUTCFullYear()
    let holidays = byYear.get(year)
    if (!holidays) {
      holidays = nyseHolidays(year)
      byYear.set(year, holidays)
    }
    return holidays.has(day)
  },
}

/** The holiday calendar that applies to an instrument, if Quorum knows one: New York equities use the NYSE's. */
export function calendarForTimeZone(timeZone: string): ExchangeCalendar | null {
  return timeZone === 'America/New_York' ? NYSE_CALENDAR : null
}
