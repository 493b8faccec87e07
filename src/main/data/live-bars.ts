import { DateTime } from 'luxon'
import type { LiveBarsEvent, LiveSubscription, LiveSubscriptionId } from '../../shared/contract'
import type { AggregationSpec, Bar, Instrument, InstrumentId, Tick, Timeframe } from '../../shared/domain'
import { allocateBars, isIntraday } from '../../shared/domain'
import type { Clock, Disposable, Logger, Scheduler } from '../kernel'
import { EngineError } from '../kernel'
import { type BarBuilder, createBarBuilder } from '../native'
import { resampleSpec } from './bar-service'
import { instrumentSessionCalendar } from './session-calendar'

/** Live events are batched: at most one per subscription in this many milliseconds. */
export const LIVE_BATCH_INTERVAL_MS = 100

/** Days of session calendar a daily or weekly live bar is built with, from today on: over a year of uptime. */
const LIVE_CALENDAR_DAYS = 400

/** Where live ticks come from (the demo feed, later a broker): one stream per instrument. */
export interface TickSource {
  /** Calls `onTick` with each new tick of the instrument, in time order, until disposed. */
  subscribe(instrumentId: InstrumentId, onTick: (tick: Tick) => void): Disposable
}

export interface LiveBarServiceOptions {
  readonly instruments: { get(id: InstrumentId): Instrument | undefined }
  /** The source that streams this instrument, or null when none does (e.g. no broker connected). */
  readonly sourceFor: (instrument: Instrument) => TickSource | null
  readonly scheduler: Scheduler
  readonly clock: Clock
  readonly logger: Logger
  /** Receives each batch: one event per subscription whose bars changed. */
  readonly emit: (event: LiveBarsEvent) => void
}

interface Subscription {
  readonly id: LiveSubscriptionId
  readonly instrument: Instrument
  readonly timeframe: Timeframe
  readonly builder: BarBuilder
  feed: Disposable | undefined
  /** Bars closed since the last event, oldest first. */
  closed: Bar[]
  partial: Bar | null
  changed: boolean
}

/**
 * How live ticks become bars of a timeframe, aligned with what `bars.load` serves: intraday
 * buckets start at the session open (BarService's resampleSpec, with today's UTC offset); `1D`
 * and `1W` are session bars of the regular hours, stamped with the session date or the week's
 * Monday, as the stored daily bars are.
 */
export function liveBarSpec(instrument: Instrument, timeframe: Timeframe, nowSeconds: number): AggregationSpec {
  if (isIntraday(timeframe)) return { type: 'time', ...resampleSpec(instrument, timeframe, nowSeconds) }
  const today = DateTime.fromSeconds(nowSeconds, { zone: instrument.timeZone })
  const calendar = instrumentSessionCalendar(instrument, {
    // From the week's Monday, so the weekly bar of the week already under way is complete.
    from: today.minus({ days: 7 }).toISODate() ?? '',
    to: today.plus({ days: LIVE_CALENDAR_DAYS }).toISODate() ?? '',
    barPeriod: timeframe === '1W' ? 'week' : 'day',
  })
  return { type: 'session', calendar, regularHoursOnly: true }
}

/**
 * Live bars per subscription (instrument and timeframe): ticks from the instrument's source go
 * through a native bar builder, and every LIVE_BATCH_INTERVAL_MS each subscription whose bars
 * changed gets one event with the bars that closed since the last one and the forming bar last.
 */
export class LiveBarService implements Disposable {
  private readonly subscriptions = new Map<LiveSubscriptionId, Subscription>()
  private batchTimer: Disposable | undefined
  private nextId = 1

  constructor(private readonly options: LiveBarServiceOptions) {}

  subscribe(instrumentId: InstrumentId, timeframe: Timeframe): LiveSubscription {
    const instrument = this.options.instruments.get(instrumentId)
    if (!instrument) throw new EngineError('not-found', `No instrument with id ${instrumentId}.`)
    const source = this.options.sourceFor(instrument)
    if (!source) {
      throw new EngineError(
        'unavailable',
        `${instrument.symbol} has no live bars: live data needs a broker connection, which is not configured yet. The demo instruments stream simulated live data.`,
      )
    }
    const nowSeconds = this.options.clock.now() / 1000
    const id = `live-${this.nextId++}` as LiveSubscriptionId
    const subscription: Subscription = {
      id,
      instrument,
      timeframe,
      builder: createBarBuilder(liveBarSpec(instrument, timeframe, nowSeconds)),
      feed: undefined,
      closed: [],
      partial: null,
      changed: false,
    }
    // Subscribe first: a source that refuses the instrument leaves nothing behind.
    subscription.feed = source.subscribe(instrumentId, (tick) => this.onTick(subscription, tick))
    this.subscriptions.set(id, subscription)
    this.batchTimer ??= this.options.scheduler.every(LIVE_BATCH_INTERVAL_MS, () => this.emitBatch())
    this.options.logger.debug('live subscription started', { subscriptionId: id, symbol: instrument.symbol, timeframe })
    return { subscriptionId: id }
  }

  /** Stops a subscription and says whether it was running; unknown ids are ignored, so a late or repeated call is harmless. */
  unsubscribe(subscriptionId: LiveSubscriptionId): boolean {
    const subscription = this.subscriptions.get(subscriptionId)
    if (!subscription) return false
    subscription.feed?.dispose()
    this.subscriptions.delete(subscriptionId)
    if (this.subscriptions.size === 0) {
      this.batchTimer?.dispose()
      this.batchTimer = undefined
    }
    return true
  }

  /** Subscriptions currently open. */
  get size(): number {
    return this.subscriptions.size
  }

  dispose(): void {
    for (const id of [...this.subscriptions.keys()]) this.unsubscribe(id)
  }

  private onTick(subscription: Subscription, tick: Tick): void {
    let update
    try {
      update = subscription.builder.push(tick.time, tick.price, tick.size, tick.conditions)
    } catch (error) {
      // A source that breaks time order must not take the whole stream down: drop the tick, say so.
      this.options.logger.warn('live tick rejected', { subscriptionId: subscription.id, error: error instanceof Error ? error.message : String(error) })
      return
    }
    const { closed, partial } = update
    if (closed) {
      for (let i = 0; i < closed.time.length; i++) {
        subscription.closed.push({
          time: closed.time[i] as number,
          open: closed.open[i] as number,
          high: closed.high[i] as number,
          low: closed.low[i] as number,
          close: closed.close[i] as number,
          volume: closed.volume[i] as number,
        })
      }
    }
    // Ticks a bar ignores (outside the session of a daily bar) change nothing and send nothing.
    if (closed || !sameBar(partial, subscription.partial)) subscription.changed = true
    subscription.partial = partial
  }

  private emitBatch(): void {
    for (const subscription of this.subscriptions.values()) {
      if (!subscription.changed) continue
      const rows = subscription.partial ? [...subscription.closed, subscription.partial] : subscription.closed
      const bars = allocateBars(rows.length)
      rows.forEach((bar, i) => {
        bars.time[i] = bar.time
        bars.open[i] = bar.open
        bars.high[i] = bar.high
        bars.low[i] = bar.low
        bars.close[i] = bar.close
        bars.volume[i] = bar.volume
      })
      subscription.closed = []
      subscription.changed = false
      this.options.emit({ subscriptionId: subscription.id, instrumentId: subscription.instrument.id, timeframe: subscription.timeframe, bars })
    }
  }
}

function sameBar(a: Bar | null, b: Bar | null): boolean {
  if (a === null || b === null) return a === b
  return a.time === b.time && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume
}
