import type { ProfileStat } from '../contract'

const pad2 = (n: number): string => String(n).padStart(2, '0')

/**
 * A profile statistic as its tool prints it: times as `2004-08-19 00:00:00`, durations as
 * `584 days 00:00:00`, numbers to 5 decimals (pandas' display precision in backtesting.py's
 * printout), NaN as `NaN`.
 */
export function formatProfileStat(stat: ProfileStat): string {
  const v = stat.value
  if (v === null) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf'
  switch (stat.kind) {
    case 'time':
      return new Date(v * 1000).toISOString().slice(0, 19).replace('T', ' ')
    case 'duration': {
      const whole = Math.round(v)
      const days = Math.floor(whole / 86_400)
      const rest = whole - days * 86_400
      return `${days} days ${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}`
    }
    case 'count':
      return String(v)
    default:
      return String(Number(v.toFixed(5)))
  }
}
