import type { Time, TickMarkFormatter, TimeFormatterFn } from 'lightweight-charts'
import { TickMarkType } from 'lightweight-charts'

export interface TimeFormatters {
  /** The crosshair's label on the time axis. */
  readonly crosshair: TimeFormatterFn
  /** Labels of the time axis ticks. */
  readonly tickMark: TickMarkFormatter
}

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>

function partsOf(format: Intl.DateTimeFormat, seconds: number): Parts {
  const parts: Parts = {}
  for (const p of format.formatToParts(seconds * 1000)) parts[p.type] = p.value
  return parts
}

function secondsOf(time: Time): number | null {
  return typeof time === 'number' ? time : null
}

/**
 * Time labels for one instrument and timeframe. Intraday bars are shown in the exchange's
 * time zone (lightweight-charts would show UTC). Daily and weekly bars carry the session date
 * at 00:00 UTC, so they are read in UTC to keep the date itself.
 */
export function createTimeFormatters(exchangeTimeZone: string, intraday: boolean): TimeFormatters {
  const timeZone = intraday ? exchangeTimeZone : 'UTC'
  const full = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })

  const crosshair: TimeFormatterFn = (time) => {
    const s = secondsOf(time)
    if (s === null) return String(time)
    const p = partsOf(full, s)
    const date = `${p.weekday} ${p.day} ${p.month} ${p.year}`
    return intraday ? `${date}  ${p.hour}:${p.minute}` : date
  }

  const tickMark: TickMarkFormatter = (time, type) => {
    const s = secondsOf(time)
    if (s === null) return null
    const p = partsOf(full, s)
    switch (type) {
      case TickMarkType.Year:
        return p.year ?? null
      case TickMarkType.Month:
        return p.month ?? null
      case TickMarkType.DayOfMonth:
        return `${p.day} ${p.month}`
      case TickMarkType.Time:
        return `${p.hour}:${p.minute}`
      case TickMarkType.TimeWithSeconds:
        return `${p.hour}:${p.minute}:${p.second}`
      default:
        return null
    }
  }

  return { crosshair, tickMark }
}
