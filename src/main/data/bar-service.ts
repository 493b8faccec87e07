import { DateTime } from 'luxon'
import type { BarColumns, Instrument, InstrumentId, Timeframe } from '../../shared/domain'
import { isIntraday, sliceBars, timeframeSeconds } from '../../shared/domain'
import type { LoadedBars } from '../../shared/contract'
import { EngineError } from '../kernel'
import type { ResampleSpec } from '../native'
import { resampleBarsAsync } from '../native'
import type { Store } from '../store'

/** The most source bars one request reads (about 5,000 sessions of one-minute bars). */
const MAX_SOURCE_BARS = 2_000_000

/** Epoch 0 was a Thursday: weekly buckets anchored four days later start on Mondays. */
const MONDAY_ANCHOR_SECONDS = 4 * 86_400

export interface LoadBarsOptions {
  readonly instrumentId: InstrumentId
  readonly timeframe: Timeframe
  readonly limit: number
  readonly before?: number
  /** Multiply O/H/L/C by the stored adjustment factors (splits, dividends); raw prices otherwise. */
  readonly adjusted?: boolean
}

/**
 * Bars at any timeframe: read as stored when that timeframe is stored, otherwise resampled by the
 * native kernel from the finest stored timeframe that can build it (minutes for intraday, days
 * for weeks). Paging (`before`, `limit`) works the same for both.
 */
export class BarService {
  constructor(private readonly store: Store) {}

  async load(options: LoadBarsOptions): Promise<LoadedBars> {
    const instrument = this.store.instruments.get(options.instrumentId)
    if (!instrument) throw new EngineError('not-found', `No instrument with id ${options.instrumentId}.`)
    const stored = new Set(this.store.bars.coverage(instrument.id).map((c) => c.timeframe))
    const { timeframe, limit, before } = options
    if (stored.has(timeframe)) {
      const page = this.store.bars.loadLatest(instrument.id, timeframe, { limit, before })
      if (options.adjusted) this.adjust(instrument.id, timeframe, page.bars)
      return { instrumentId: instrument.id, timeframe, source: timeframe, bars: compact(page.bars), hasMore: page.hasMore }
    }
    if (timeframe === '1W' && !stored.has('1D') && this.sourceFor('1D', stored)) {
      // Weeks from intraday bars go through session days, so a week holds whole sessions.
      const days = await this.load({ ...options, timeframe: '1D', limit: (limit + 1) * 5 })
      return this.bucket(days.bars, days.hasMore, resampleSpec(instrument, '1W', 0), options, '1D')
    }
    const source = this.sourceFor(timeframe, stored)
    if (!source) {
      throw new EngineError('not-found', `${instrument.symbol} has no ${timeframe} bars and no finer bars to build them from.`)
    }
    const spec = resampleSpec(instrument, timeframe, this.lastTime(instrument.id, source), source)
    const ratio = Math.ceil(timeframeSeconds(timeframe) / timeframeSeconds(source))
    // Read whole buckets: one extra bucket's worth, whose possibly cut first bucket is dropped.
    const page = this.store.bars.loadLatest(instrument.id, source, { limit: Math.min((limit + 1) * ratio, MAX_SOURCE_BARS), before })
    // Adjust before resampling: a bucket's high is then the highest adjusted price within it.
    if (options.adjusted) this.adjust(instrument.id, source, page.bars)
    const result = await this.bucket(page.bars, page.hasMore, spec, options, source)
    if (timeframe === '1D' && isIntraday(source)) stampSessionDates(result.bars.time, instrument.timeZone)
    return result
  }

  private async bucket(source: BarColumns, sourceHasMore: boolean, spec: ResampleSpec, options: LoadBarsOptions, from: Timeframe): Promise<LoadedBars> {
    const { instrumentId, timeframe, limit } = options
    let bars = await resampleBarsAsync(source, spec)
    let hasMore = sourceHasMore
    if (sourceHasMore && bars.time.length > 0) bars = sliceBars(bars, 1, bars.time.length)
    if (bars.time.length > limit) {
      bars = sliceBars(bars, bars.time.length - limit, bars.time.length)
      hasMore = true
    }
    return { instrumentId, timeframe, source: from, bars: compact(bars), hasMore }
  }

  /** Multiplies open, high, low and close in place by the factor stored for each bar's time (1 where none is). */
  private adjust(instrumentId: InstrumentId, timeframe: Timeframe, bars: BarColumns): void {
    const n = bars.time.length
    if (n === 0) return
    const factors = this.store.adjustments.load(instrumentId, timeframe, bars.time[0] as number, bars.time[n - 1] as number)
    let j = 0
    for (let i = 0; i < n && j < factors.time.length; i++) {
      const t = bars.time[i] as number
      while (j < factors.time.length && (factors.time[j] as number) < t) j++
      if (factors.time[j] !== t) continue
      const f = factors.factor[j] as number
      bars.open[i] = (bars.open[i] as number) * f
      bars.high[i] = (bars.high[i] as number) * f
      bars.low[i] = (bars.low[i] as number) * f
      bars.close[i] = (bars.close[i] as number) * f
    }
  }

  private sourceFor(target: Timeframe, stored: ReadonlySet<Timeframe>): Timeframe | null {
    const intraday: Timeframe[] = ['1m', '5m', '15m', '30m', '1h']
    const candidates: Timeframe[] = isIntraday(target) ? intraday : target === '1D' ? intraday : ['1D']
    const targetSeconds = timeframeSeconds(target)
    return candidates.find((tf) => stored.has(tf) && timeframeSeconds(tf) < targetSeconds && targetSeconds % timeframeSeconds(tf) === 0) ?? null
  }

  private lastTime(instrumentId: InstrumentId, timeframe: Timeframe): number {
    const last = this.store.bars.coverage(instrumentId).find((c) => c.timeframe === timeframe)
    return last ? last.lastTime : 0
  }
}

/**
 * Intraday buckets start at the session open (an hourly bar of a 09:30 session covers 09:30–10:29,
 * as traders expect), computed from the exchange's UTC offset at the latest stored bar.
 */
export function resampleSpec(instrument: Instrument, target: Timeframe, referenceTime: number, source: Timeframe = target): ResampleSpec {
  const periodSeconds = timeframeSeconds(target)
  if (target === '1W') return { periodSeconds, anchorSeconds: MONDAY_ANCHOR_SECONDS }
  if (!isIntraday(target)) {
    // Days built from intraday bars start at the exchange's local midnight: a session between
    // about 01:00 and 23:00 local time then falls in one bucket on either side of a DST change.
    if (!isIntraday(source)) return { periodSeconds }
    const offsetSeconds = DateTime.fromSeconds(referenceTime, { zone: instrument.timeZone }).offset * 60
    return { periodSeconds, anchorSeconds: (((-offsetSeconds) % periodSeconds) + periodSeconds) % periodSeconds }
  }
  const [hh, mm] = (instrument.session.split('-')[0] ?? '00:00').split(':').map(Number)
  const offsetSeconds = DateTime.fromSeconds(referenceTime, { zone: instrument.timeZone }).offset * 60
  const openUtcSeconds = (hh ?? 0) * 3600 + (mm ?? 0) * 60 - offsetSeconds
  return { periodSeconds, anchorSeconds: ((openUtcSeconds % periodSeconds) + periodSeconds) % periodSeconds }
}

/**
 * Stamps daily bars built from intraday ones as stored daily bars are: the session's date in the
 * exchange's zone, at 00:00 UTC. A bucket starts within an hour of local midnight, so its local
 * date is the session's.
 */
function stampSessionDates(time: Float64Array, timeZone: string): void {
  for (let i = 0; i < time.length; i++) {
    const local = DateTime.fromSeconds(time[i] as number, { zone: timeZone })
    time[i] = Date.UTC(local.year, local.month - 1, local.day) / 1000
  }
}

/** Copies views into arrays of their own size, so a transport never ships the larger buffer behind them. */
function compact(bars: BarColumns): BarColumns {
  const own = (a: Float64Array): Float64Array => (a.byteLength === a.buffer.byteLength ? a : a.slice())
  return { time: own(bars.time), open: own(bars.open), high: own(bars.high), low: own(bars.low), close: own(bars.close), volume: own(bars.volume) }
}
