import { writeFileSync } from 'node:fs'
import { seededRandomWalk } from './seeded-bars'

/**
 * Writes a Yahoo Finance daily download (Date,Open,High,Low,Close,Adj Close,Volume) of seeded
 * bars on consecutive weekdays from 2020-01-06, prices to 4 decimals. Returns the dates written.
 */
export function writeYahooFile(path: string, count: number, seed = 5): string[] {
  const bars = seededRandomWalk(seed, count)
  const dates: string[] = []
  const lines = ['Date,Open,High,Low,Close,Adj Close,Volume']
  const day = new Date(Date.UTC(2020, 0, 6))
  for (let i = 0; i < count; i++) {
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1)
    const date = day.toISOString().slice(0, 10)
    dates.push(date)
    const [o, h, l, c] = [bars.open[i]!, bars.high[i]!, bars.low[i]!, bars.close[i]!].map((v) => v.toFixed(4))
    lines.push(`${date},${o},${h},${l},${c},${c},${Math.round(bars.volume[i]!) + 1}`)
    day.setUTCDate(day.getUTCDate() + 1)
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
  return dates
}
