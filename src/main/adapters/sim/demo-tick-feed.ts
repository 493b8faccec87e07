import type { Instrument, InstrumentId, Tick } from '../../../shared/domain'
import { createPrng, type Prng, type TickSource } from '../../data'
import type { Clock, Disposable, Scheduler } from '../../kernel'
import { EngineError } from '../../kernel'
import type { Store } from '../../store'

/** The feed wakes this often and emits each instrument's ticks for the interval just past. */
export const DEMO_FEED_INTERVAL_MS = 200

/** Chance of 0, 1, 2 or 3 ticks per instrument per wake-up: about five ticks a second on average. */
const TICKS_PER_WAKE_ODDS = [0.35, 0.35, 0.2, 0.1] as const
const MEAN_TICKS_PER_HOUR = (3_600_000 / DEMO_FEED_INTERVAL_MS) * TICKS_PER_WAKE_ODDS.reduce((sum, p, k) => sum + p * k, 0)
/** Typical move over an hour, as a share of the price: lively enough to watch, calm enough to believe. */
const HOURLY_VOLATILITY = 0.015
/** Per tick, the walk gives back this share of its distance from the start price (a half-life of about a day). */
const REVERSION_PER_TICK = Math.LN2 / (MEAN_TICKS_PER_HOUR * 24)

export interface DemoFeedInstrument {
  readonly instrumentId: InstrumentId
  readonly symbol: string
  readonly tickSize: number
  /** Where the walk starts: the instrument's last stored one-minute close. */
  readonly startPrice: number
}

export interface DemoTickFeedOptions {
  readonly clock: Clock
  readonly scheduler: Scheduler
  /** Same seed, same instruments, same wake-up times: the same ticks. */
  readonly seed: number
  readonly instruments: readonly DemoFeedInstrument[]
}

interface Walk {
  readonly instrument: DemoFeedInstrument
  readonly prng: Prng
  /** Prices are whole ticks, so they never drift off the tick grid. */
  readonly ticksPerUnit: number
  readonly startTicks: number
  readonly sigmaTicks: number
  priceTicks: number
  lastTimeMs: number
  readonly listeners: Set<(tick: Tick) => void>
}

/**
 * A seeded random-walk tick feed for the demo instruments: each continues from its last stored
 * one-minute close on its own tick grid, with a few prints a second in realistic sizes (round
 * lots, odd lots, the occasional block). Time comes from the Clock and wake-ups from the
 * Scheduler, so on a ManualClock it is deterministic. The demo market never closes, so live
 * charts can be tried at any hour. It runs only while someone listens.
 */
export class DemoTickFeed implements TickSource, Disposable {
  private readonly walks = new Map<InstrumentId, Walk>()
  private timer: Disposable | undefined
  private listenerCount = 0

  constructor(private readonly options: DemoTickFeedOptions) {
    // One random stream per instrument, in id order: who listens never changes anyone's ticks.
    const sorted = [...options.instruments].sort((a, b) => a.instrumentId - b.instrumentId)
    sorted.forEach((instrument, stream) => {
      if (!(instrument.tickSize > 0) || !(instrument.startPrice > 0)) {
        throw new RangeError(`Demo feed for ${instrument.symbol} needs a positive tick size and start price.`)
      }
      const ticksPerUnit = Math.round(1 / instrument.tickSize)
      const startTicks = Math.max(1, Math.round(instrument.startPrice * ticksPerUnit))
      this.walks.set(instrument.instrumentId, {
        instrument,
        prng: createPrng(options.seed, stream),
        ticksPerUnit,
        startTicks,
        sigmaTicks: (startTicks * HOURLY_VOLATILITY) / Math.sqrt(MEAN_TICKS_PER_HOUR),
        priceTicks: startTicks,
        lastTimeMs: Number.NEGATIVE_INFINITY,
        listeners: new Set(),
      })
    })
  }

  /** Instruments this feed streams. */
  instrumentIds(): InstrumentId[] {
    return [...this.walks.keys()]
  }

  subscribe(instrumentId: InstrumentId, onTick: (tick: Tick) => void): Disposable {
    const walk = this.walks.get(instrumentId)
    if (!walk) throw new EngineError('unavailable', `The demo feed has no prices for instrument ${instrumentId}: it streams only demo instruments with stored bars.`)
    // A fresh function per subscription, so one listener subscribed twice is counted twice.
    const listener = (tick: Tick): void => onTick(tick)
    walk.listeners.add(listener)
    this.listenerCount++
    this.timer ??= this.options.scheduler.every(DEMO_FEED_INTERVAL_MS, () => this.wake())
    let active = true
    return {
      dispose: () => {
        if (!active) return
        active = false
        walk.listeners.delete(listener)
        if (--this.listenerCount === 0) this.stop()
      },
    }
  }

  dispose(): void {
    for (const walk of this.walks.values()) walk.listeners.clear()
    this.listenerCount = 0
    this.stop()
  }

  private stop(): void {
    this.timer?.dispose()
    this.timer = undefined
  }

  private wake(): void {
    const nowMs = this.options.clock.now()
    for (const walk of this.walks.values()) {
      const ticks = this.nextTicks(walk, nowMs)
      for (const tick of ticks) for (const listener of walk.listeners) listener(tick)
    }
  }

  /** The walk's ticks for the interval that ends now, spread over it and never before its last one. */
  private nextTicks(walk: Walk, nowMs: number): Tick[] {
    const { prng } = walk
    const count = pickCount(prng.next())
    const ticks: Tick[] = []
    for (let j = 0; j < count; j++) {
      const timeMs = Math.max(walk.lastTimeMs, Math.round(nowMs - (DEMO_FEED_INTERVAL_MS * (count - 1 - j)) / count))
      const pull = -REVERSION_PER_TICK * (walk.priceTicks - walk.startTicks)
      walk.priceTicks = Math.max(1, walk.priceTicks + Math.round(pull + walk.sigmaTicks * prng.normal()))
      walk.lastTimeMs = timeMs
      ticks.push({ time: timeMs / 1000, price: walk.priceTicks / walk.ticksPerUnit, size: printSize(prng), conditions: 0 })
    }
    return ticks
  }
}

function pickCount(u: number): number {
  let cumulative = 0
  for (let k = 0; k < TICKS_PER_WAKE_ODDS.length; k++) {
    cumulative += TICKS_PER_WAKE_ODDS[k] as number
    if (u < cumulative) return k
  }
  return TICKS_PER_WAKE_ODDS.length - 1
}

/** Shares in one print, shaped like a US equity tape: many odd lots, mostly round lots, now and then a block. */
function printSize(prng: Prng): number {
  const u = prng.next()
  const between = (low: number, high: number): number => low + Math.floor(prng.next() * (high - low + 1))
  if (u < 0.3) return between(1, 99)
  if (u < 0.8) return 100
  if (u < 0.93) return 100 * between(2, 5)
  if (u < 0.99) return 100 * between(6, 20)
  return 100 * between(25, 100)
}

/** The demo instruments in the store, each starting from its last stored one-minute close (or daily close). */
export function demoFeedInstruments(store: Store): DemoFeedInstrument[] {
  const result: DemoFeedInstrument[] = []
  for (const instrument of store.instruments.list()) {
    if (!instrument.isDemo) continue
    const startPrice = lastClose(store, instrument)
    if (startPrice === undefined) continue
    result.push({ instrumentId: instrument.id, symbol: instrument.symbol, tickSize: instrument.tickSize, startPrice })
  }
  return result
}

function lastClose(store: Store, instrument: Instrument): number | undefined {
  for (const timeframe of ['1m', '1D'] as const) {
    const { bars } = store.bars.loadLatest(instrument.id, timeframe, { limit: 1 })
    const close = bars.close[bars.close.length - 1]
    if (close !== undefined && close > 0) return close
  }
  return undefined
}
