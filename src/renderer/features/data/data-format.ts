import type { Timeframe } from '../../../shared/domain'
import { isIntraday } from '../../../shared/domain'

const counts = new Intl.NumberFormat('en-US')
const zoned = new Map<string, Intl.DateTimeFormat>()

function zonedFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoned.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    zoned.set(timeZone, format)
  }
  return format
}

/**
 * A bar's time as a trader reads it: the session date for daily and weekly bars (stored at
 * 00:00 UTC), the exchange's wall-clock time for intraday bars.
 */
export function formatBarTime(seconds: number, timeframe: Timeframe | null, timeZone: string): string {
  if (timeframe !== null && !isIntraday(timeframe)) return new Date(seconds * 1000).toISOString().slice(0, 10)
  try {
    return zonedFormat(timeZone).format(new Date(seconds * 1000))
  } catch {
    return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
  }
}

export function formatCount(n: number): string {
  return counts.format(n)
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}

export function formatPrice(n: number | null): string {
  if (n === null) return ''
  return Math.abs(n) >= 1000 ? n.toFixed(2) : String(Number(n.toPrecision(8)))
}

export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`
}
