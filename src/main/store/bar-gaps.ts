import { DateTime, IANAZone } from 'luxon'
import type { Timeframe } from '../../shared/domain'
import { isIntraday, timeframeSeconds } from '../../shared/domain'

const DAY = 86_400

/** Where and when an instrument trades: enough to tell a missing bar from a closed market. */
export interface TradingCalendar {
  /** IANA zone of the exchange. */
  readonly timeZone: string
  /** Regular session in exchange time, `HH:MM-HH:MM`. */
  readonly session: string
  /**
   * Whether the exchange is shut on a weekday (a holiday), by calendar date as days since
   * 1970-01-01; weekends are always closed. Without it every missing weekday counts.
   */
  readonly isHoliday?: (epochDay: number) => boolean
}

export interface BarGapRange {
  /** Open time of the first missing bar (epoch seconds; the session date at 00:00 UTC for daily bars). */
  readonly from: number
  /** Open time of the last missing bar. */
  readonly to: number
  readonly missing: number
}

export interface GapScan {
  /** The first `maxResults` gaps, oldest first. */
  readonly gaps: BarGapRange[]
  /** Every gap found. */
  readonly total: number
  readonly missingBars: number
  readonly truncated: boolean
}

export interface FindGapsOptions {
  readonly maxResults?: number
}

/** Day of the week of a date given as days since 1970-01-01 (a Thursday): 0 Sunday … 6 Saturday. */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7
}

function isWeekday(epochDay: number): boolean {
  const wd = weekdayOfEpochDay(epochDay)
  return wd !== 0 && wd !== 6
}

interface SessionMinutes {
  readonly open: number
  readonly close: number
  /** A session that runs over midnight (futures, FX): every time of day counts as inside it. */
  readonly overnight: boolean
}

export function parseSessionMinutes(session: string): SessionMinutes {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(session)
  if (!match) throw new RangeError(`A session must look like HH:MM-HH:MM, got "${session}".`)
  const [, oh, om, ch, cm] = match.map(Number) as [number, number, number, number, number]
  const open = oh * 60 + om
  const close = ch * 60 + cm
  return { open, close, overnight: close <= open }
}

/**
 * A memo of a zone's UTC offset (seconds) at epoch-second instants. Offsets change a couple of
 * times a year, always on the hour, and Intl is slow: a 16-day block whose ends share an offset
 * is answered from one entry, then a day, then an hour, so years of daily bars cost a few
 * hundred look-ups.
 */
export function createOffsetCache(timeZone: string): (epochSeconds: number) => number {
  const zone = IANAZone.create(timeZone)
  if (!zone.isValid) throw new RangeError(`"${timeZone}" is not an IANA time zone.`)
  return createBlockMemo((t) => zone.offset(t * 1000) * 60)
}

const BLOCK = 16 * DAY

/** Memoises a function of time that is constant except at rare steps on the hour (a zone's offset). */
export function createBlockMemo(compute: (seconds: number) => number): (seconds: number) => number {
  const blocks = new Map<number, number | null>()
  const days = new Map<number, number | null>()
  const hours = new Map<number, number>()
  const span = (cache: Map<number, number | null>, size: number, t: number): number | null => {
    const key = Math.floor(t / size)
    let value = cache.get(key)
    if (value === undefined) {
      const first = compute(key * size)
      value = first === compute(key * size + size - 3600) ? first : null
      cache.set(key, value)
    }
    return value
  }
  return (t) => {
    const inBlock = span(blocks, BLOCK, t)
    if (inBlock !== null) return inBlock
    const inDay = span(days, DAY, t)
    if (inDay !== null) return inDay
    const hour = Math.floor(t / 3600)
    let value = hours.get(hour)
    if (value === undefined) {
      value = compute(hour * 3600)
      hours.set(hour, value)
    }
    return value
  }
}

class GapCollector {
  readonly gaps: BarGapRange[] = []
  total = 0
  missingBars = 0
  constructor(private readonly max: number) {}
  add(from: number, to: number, missing: number): void {
    this.total++
    this.missingBars += missing
    if (this.gaps.length < this.max) this.gaps.push({ from, to, missing })
  }
  result(): GapScan {
    return { gaps: this.gaps, total: this.total, missingBars: this.missingBars, truncated: this.total > this.gaps.length }
  }
}

/**
 * Finds bars missing between the given bar open times (ascending): weekdays without a bar for
 * daily bars, whole weeks for weekly bars, and for intraday bars the slots missing inside the
 * regular session of a day that has bars, plus whole weekday sessions without any bar. Bars
 * outside the session (extended hours) are ignored; the edges of a session (a late first bar,
 * an early close) are not counted, so half-days do not show as gaps.
 */
export function findBarGaps(times: Float64Array, timeframe: Timeframe, calendar: TradingCalendar, options: FindGapsOptions = {}): GapScan {
  const collector = new GapCollector(options.maxResults ?? Number.POSITIVE_INFINITY)
  const closed = (day: number): boolean => !isWeekday(day) || (calendar.isHoliday?.(day) ?? false)
  const n = times.length
  if (n < 2) return collector.result()

  if (timeframe === '1W') {
    const week = 7 * DAY
    for (let i = 1; i < n; i++) {
      const t0 = times[i - 1] as number
      const t1 = times[i] as number
      const missing = Math.round((t1 - t0) / week) - 1
      if (missing > 0) collector.add(t0 + week, t1 - week, missing)
    }
    return collector.result()
  }

  if (!isIntraday(timeframe)) {
    for (let i = 1; i < n; i++) {
      const d0 = Math.floor((times[i - 1] as number) / DAY)
      const d1 = Math.floor((times[i] as number) / DAY)
      let missing = 0
      let first = 0
      let last = 0
      for (let d = d0 + 1; d < d1; d++) {
        if (closed(d)) continue
        if (missing === 0) first = d
        last = d
        missing++
      }
      if (missing > 0) collector.add(first * DAY, last * DAY, missing)
    }
    return collector.result()
  }

  const step = timeframeSeconds(timeframe)
  const session = parseSessionMinutes(calendar.session)
  const sessionSeconds = session.overnight ? DAY - (session.open - session.close) * 60 : (session.close - session.open) * 60
  const slotsPerSession = Math.max(1, Math.ceil(sessionSeconds / step))
  const offsetOf = createOffsetCache(calendar.timeZone)
  const sessionOpenUtc = (day: number): number => {
    const date = DateTime.fromSeconds(day * DAY, { zone: 'utc' })
    return DateTime.fromObject(
      { year: date.year, month: date.month, day: date.day, hour: Math.floor(session.open / 60), minute: session.open % 60 },
      { zone: calendar.timeZone },
    ).toSeconds()
  }

  let previous = Number.NaN
  let previousDay = 0
  for (let i = 0; i < n; i++) {
    const t = times[i] as number
    const local = t + offsetOf(t)
    const day = Math.floor(local / DAY)
    const secondOfDay = local - day * DAY
    const inSession = session.overnight || (secondOfDay >= session.open * 60 && secondOfDay < session.close * 60)
    if (!inSession) continue
    if (!Number.isNaN(previous)) {
      if (day === previousDay) {
        const missing = Math.round((t - previous) / step) - 1
        if (missing > 0) collector.add(previous + step, t - step, missing)
      } else {
        let missingDays = 0
        let first = 0
        let last = 0
        for (let d = previousDay + 1; d < day; d++) {
          if (closed(d)) continue
          if (missingDays === 0) first = d
          last = d
          missingDays++
        }
        if (missingDays > 0) collector.add(sessionOpenUtc(first), sessionOpenUtc(last) + (slotsPerSession - 1) * step, missingDays * slotsPerSession)
      }
    }
    previous = t
    previousDay = day
  }
  return collector.result()
}
