import { allocateBars, type BarColumns } from '../../src/shared/domain'

/**
 * Resampling written the obvious way in plain TypeScript, kept independent of the native kernel
 * so tests can check one against the other and the bench can show what the addon buys.
 */
export function resampleBarsReference(bars: BarColumns, periodSeconds: number, anchorSeconds = 0): BarColumns {
  const n = bars.time.length
  const out = allocateBars(n)
  let count = 0
  let currentStart = Number.NaN
  for (let i = 0; i < n; i++) {
    const t = bars.time[i] as number
    const high = bars.high[i] as number
    const low = bars.low[i] as number
    const close = bars.close[i] as number
    const volume = bars.volume[i] as number
    if (!Number.isFinite(t)) throw new RangeError(`bars.time[${i}] is ${t}`)
    if (i > 0 && !(t > (bars.time[i - 1] as number))) throw new RangeError(`bars.time[${i}] is not after bars.time[${i - 1}]`)
    const start = Math.floor((t - anchorSeconds) / periodSeconds) * periodSeconds + anchorSeconds
    if (start !== currentStart) {
      currentStart = start
      out.time[count] = start
      out.open[count] = bars.open[i] as number
      out.high[count] = high
      out.low[count] = low
      out.close[count] = close
      out.volume[count] = volume
      count++
    } else {
      const last = count - 1
      out.high[last] = Math.max(out.high[last] as number, high)
      out.low[last] = Math.min(out.low[last] as number, low)
      out.close[last] = close
      out.volume[last] = (out.volume[last] as number) + volume
    }
  }
  return {
    time: out.time.slice(0, count),
    open: out.open.slice(0, count),
    high: out.high.slice(0, count),
    low: out.low.slice(0, count),
    close: out.close.slice(0, count),
    volume: out.volume.slice(0, count),
  }
}
