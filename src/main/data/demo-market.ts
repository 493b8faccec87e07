import { DateTime } from 'luxon'
import type { BarColumns, Instrument, InstrumentId, Timeframe } from '../../shared/domain'
import { allocateBars } from '../../shared/domain'
import type { Logger } from '../kernel'
import type { InstrumentSpec, Store } from '../store'
import { createPrng, type Prng } from './prng'

export const DEMO_EXCHANGE = 'DEMO'
/** Years of daily bars, ending at the end date. */
export const DEMO_HISTORY_YEARS = 5
/** The most recent sessions also get one-minute bars. */
export const DEMO_INTRADAY_SESSIONS = 20

export interface DemoMarketOptions {
  /** Same seed, same end date: byte-identical bars. */
  readonly seed: number
  /** Last session date, `YYYY-MM-DD`; the caller chooses it (the demo never reads the clock). */
  readonly endDate: string
}

export interface DemoSeries {
  readonly symbol: string
  readonly timeframe: Timeframe
  readonly bars: BarColumns
}

export interface DemoMarket {
  readonly instruments: readonly InstrumentSpec[]
  readonly bars: readonly DemoSeries[]
}

/** How one demo instrument moves: a geometric random walk around a trend line, with calm and stormy regimes and news jumps. */
interface Character {
  readonly spec: InstrumentSpec
  readonly startPrice: number
  /** Expected log return per year: the slope of the trend line. */
  readonly drift: number
  /** Annualised volatility in the calm regime. */
  readonly volatility: number
  /**
   * Yearly speed of the pull back towards the trend line (the start price moved by `drift`), in
   * log space. Without it a random walk's price after five years is anyone's guess (the volatile
   * one could end at cents or thousands); with it each instrument keeps its character for any seed.
   */
  readonly reversion: number
  /** Volatility multiplier in the stormy regime. */
  readonly stormMultiplier: number
  /** Daily chance of a calm market turning stormy (storms end five times as fast). */
  readonly stormOdds: number
  /** Daily chance of a news jump, and the jump's standard deviation (log return). */
  readonly jumpOdds: number
  readonly jumpSize: number
  /** Typical shares traded in a session, and the lot volumes are rounded to. */
  readonly dailyVolume: number
  readonly volumeLot: number
}

const NEW_YORK = 'America/New_York'

function demoSpec(symbol: string, name: string, assetClass: InstrumentSpec['assetClass']): InstrumentSpec {
  return {
    symbol,
    name,
    exchange: DEMO_EXCHANGE,
    currency: 'USD',
    assetClass,
    tickSize: 0.01,
    timeZone: NEW_YORK,
    session: '09:30-16:00',
    isDemo: true,
  }
}

const CHARACTERS: readonly Character[] = [
  {
    spec: demoSpec('DEMO-ALPHA', 'Alpha Demo Corp (synthetic)', 'stock'),
    startPrice: 48,
    drift: 0.2,
    volatility: 0.17,
    reversion: 0.8,
    stormMultiplier: 1.7,
    stormOdds: 0.01,
    jumpOdds: 0.004,
    jumpSize: 0.04,
    dailyVolume: 4_200_000,
    volumeLot: 1,
  },
  {
    spec: demoSpec('DEMO-BRAVO', 'Bravo Demo Biotech (synthetic)', 'stock'),
    startPrice: 22,
    drift: 0.04,
    volatility: 0.58,
    reversion: 0.6,
    stormMultiplier: 1.9,
    stormOdds: 0.04,
    jumpOdds: 0.02,
    jumpSize: 0.11,
    dailyVolume: 11_000_000,
    volumeLot: 1,
  },
  {
    spec: demoSpec('DEMO-CHARLIE', 'Charlie Demo Utilities (synthetic)', 'stock'),
    startPrice: 64,
    drift: 0,
    volatility: 0.21,
    reversion: 3,
    stormMultiplier: 1.4,
    stormOdds: 0.02,
    jumpOdds: 0.003,
    jumpSize: 0.03,
    dailyVolume: 2_600_000,
    volumeLot: 1,
  },
  {
    spec: demoSpec('DEMO-DELTA', 'Delta Demo Retail (synthetic)', 'stock'),
    startPrice: 135,
    drift: -0.16,
    volatility: 0.33,
    reversion: 0.8,
    stormMultiplier: 2.2,
    stormOdds: 0.025,
    jumpOdds: 0.006,
    jumpSize: 0.07,
    dailyVolume: 6_500_000,
    volumeLot: 1,
  },
  {
    spec: demoSpec('DEMO-INDEX', 'Demo Broad Market Index ETF (synthetic)', 'etf'),
    startPrice: 385,
    drift: 0.09,
    volatility: 0.15,
    reversion: 0.3,
    stormMultiplier: 2.1,
    stormOdds: 0.012,
    jumpOdds: 0.002,
    jumpSize: 0.03,
    dailyVolume: 55_000_000,
    volumeLot: 100,
  },
]

const TRADING_DAYS_PER_YEAR = 252
/** Share of a day's variance that arrives overnight, as the gap between close and next open. */
const OVERNIGHT_VARIANCE_SHARE = 0.09

interface SessionDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/**
 * The date (YYYY-MM-DD) of the last weekday session of the demo market that had closed (16:00
 * New York) by `nowMs`, so a demo generated mid-session has no bars from the future.
 */
export function lastCompletedSessionDate(nowMs: number): string {
  const now = DateTime.fromMillis(nowMs, { zone: NEW_YORK })
  let day = now.hour >= 16 ? now.startOf('day') : now.startOf('day').minus({ days: 1 })
  while (day.weekday > 5) day = day.minus({ days: 1 })
  return day.toISODate() ?? ''
}

/** Weekdays from DEMO_HISTORY_YEARS before `endDate` up to and including it (US holidays are not skipped). */
function sessionDates(endDate: string): SessionDate[] {
  const end = /^\d{4}-\d{2}-\d{2}$/.test(endDate) ? DateTime.fromISO(endDate, { zone: 'utc' }) : DateTime.invalid('not YYYY-MM-DD')
  if (!end.isValid) throw new RangeError(`The demo market's end date must be a calendar date as YYYY-MM-DD, got "${endDate}".`)
  const dates: SessionDate[] = []
  for (let d = end.minus({ years: DEMO_HISTORY_YEARS }).plus({ days: 1 }); d <= end; d = d.plus({ days: 1 })) {
    if (d.weekday <= 5) dates.push({ year: d.year, month: d.month, day: d.day })
  }
  return dates
}

function parseSession(session: string): { openHour: number; openMinute: number; minutes: number } {
  const [open = '', close = ''] = session.split('-')
  const [openHour = 0, openMinute = 0] = open.split(':').map(Number)
  const [closeHour = 0, closeMinute = 0] = close.split(':').map(Number)
  return { openHour, openMinute, minutes: closeHour * 60 + closeMinute - (openHour * 60 + openMinute) }
}

/** The UTC instant (epoch seconds) of the session's opening minute, from the exchange's own time zone rules. */
function sessionOpenSeconds(date: SessionDate, spec: InstrumentSpec): number {
  const { openHour, openMinute } = parseSession(spec.session)
  const open = DateTime.fromObject({ ...date, hour: openHour, minute: openMinute }, { zone: spec.timeZone })
  if (!open.isValid) throw new RangeError(`No session open for ${spec.symbol} on ${date.year}-${date.month}-${date.day}: ${open.invalidReason}.`)
  return open.toSeconds()
}

/** Session bars are stamped with the session's date at 00:00 UTC. */
function sessionDateSeconds(date: SessionDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 1000
}

/** Intraday shapes: volatility and volume are highest at the open, dip at midday and rise into the close. */
function intradayProfiles(minutes: number): { volatility: Float64Array; volume: Float64Array } {
  const volatility = new Float64Array(minutes)
  const volume = new Float64Array(minutes)
  let squares = 0
  let total = 0
  for (let m = 0; m < minutes; m++) {
    const fromClose = minutes - 1 - m
    volatility[m] = 1 + 1.6 * Math.exp(-m / 25) + 0.8 * Math.exp(-fromClose / 30)
    volume[m] = 1 + 2.5 * Math.exp(-m / 20) + 1.8 * Math.exp(-fromClose / 25)
    squares += (volatility[m] as number) ** 2
    total += volume[m] as number
  }
  // Scaled so the minutes' variances add up to the session's, and the volume weights to one.
  const scale = 1 / Math.sqrt(squares)
  for (let m = 0; m < minutes; m++) {
    volatility[m] = (volatility[m] as number) * scale
    volume[m] = (volume[m] as number) / total
  }
  return { volatility, volume }
}

interface OneInstrument {
  readonly daily: BarColumns
  readonly minutes: BarColumns
}

function simulate(character: Character, dates: readonly SessionDate[], rng: Prng): OneInstrument {
  const { spec } = character
  const ticksPerUnit = Math.round(1 / spec.tickSize)
  const price = (p: number): number => Math.max(1, Math.round(p * ticksPerUnit)) / ticksPerUnit
  const lots = (v: number): number => Math.max(1, Math.round(v / character.volumeLot)) * character.volumeLot
  const { minutes: perSession } = parseSession(spec.session)
  const profile = intradayProfiles(perSession)
  const intradayFrom = Math.max(0, dates.length - DEMO_INTRADAY_SESSIONS)

  const daily = allocateBars(dates.length)
  const minutes = allocateBars((dates.length - intradayFrom) * perSession)
  const anchor = Math.log(character.startPrice)
  let logPrice = anchor
  let stormy = false
  let minuteIndex = 0

  dates.forEach((date, k) => {
    stormy = stormy ? rng.next() >= Math.min(0.5, character.stormOdds * 5) : rng.next() < character.stormOdds
    const sigma = (character.volatility * (stormy ? character.stormMultiplier : 1)) / Math.sqrt(TRADING_DAYS_PER_YEAR)
    const trend = anchor + (character.drift * k) / TRADING_DAYS_PER_YEAR
    const mean = (character.drift - character.reversion * (logPrice - trend)) / TRADING_DAYS_PER_YEAR
    const gap = Math.sqrt(OVERNIGHT_VARIANCE_SHARE) * sigma * rng.normal()
    const sessionSigma = Math.sqrt(1 - OVERNIGHT_VARIANCE_SHARE) * sigma
    const jump = rng.next() < character.jumpOdds ? character.jumpSize * rng.normal() : 0
    const sessionVolume = character.dailyVolume * (stormy ? 1.6 : 1) * Math.exp(0.25 * rng.normal())
    const openLog = logPrice + gap
    daily.time[k] = sessionDateSeconds(date)

    if (k < intradayFrom) {
      const move = mean + sessionSigma * rng.normal() + jump
      const open = price(Math.exp(openLog))
      const close = price(Math.exp(openLog + move))
      const wick = 0.35 * sessionSigma
      daily.open[k] = open
      daily.close[k] = close
      daily.high[k] = Math.max(open, close, price(Math.max(open, close) * Math.exp(Math.abs(rng.normal()) * wick)))
      daily.low[k] = Math.min(open, close, price(Math.min(open, close) * Math.exp(-Math.abs(rng.normal()) * wick)))
      // Big moves trade more shares.
      daily.volume[k] = lots(sessionVolume * (0.75 + 0.35 * Math.abs(move - mean) / sessionSigma))
      logPrice = openLog + move
      return
    }

    // The session's one-minute bars come first; its daily bar is built from them, so the two agree.
    const openSeconds = sessionOpenSeconds(date, spec)
    const jumpMinute = Math.floor(rng.next() * perSession)
    let logClose = openLog
    let previousClose = price(Math.exp(openLog))
    const first = minuteIndex
    for (let m = 0; m < perSession; m++, minuteIndex++) {
      const minuteSigma = sessionSigma * (profile.volatility[m] as number)
      logClose += mean / perSession + minuteSigma * rng.normal() + (m === jumpMinute ? jump : 0)
      const open = previousClose
      const close = price(Math.exp(logClose))
      const wick = 0.6 * minuteSigma
      minutes.time[minuteIndex] = openSeconds + m * 60
      minutes.open[minuteIndex] = open
      minutes.close[minuteIndex] = close
      minutes.high[minuteIndex] = Math.max(open, close, price(Math.max(open, close) * Math.exp(Math.abs(rng.normal()) * wick)))
      minutes.low[minuteIndex] = Math.min(open, close, price(Math.min(open, close) * Math.exp(-Math.abs(rng.normal()) * wick)))
      minutes.volume[minuteIndex] = lots(sessionVolume * (profile.volume[m] as number) * Math.exp(0.35 * rng.normal()))
      previousClose = close
    }
    let high = -Infinity
    let low = Infinity
    let volume = 0
    for (let i = first; i < minuteIndex; i++) {
      high = Math.max(high, minutes.high[i] as number)
      low = Math.min(low, minutes.low[i] as number)
      volume += minutes.volume[i] as number
    }
    daily.open[k] = minutes.open[first] as number
    daily.high[k] = high
    daily.low[k] = low
    daily.close[k] = minutes.close[minuteIndex - 1] as number
    daily.volume[k] = volume
    logPrice = logClose
  })
  return { daily, minutes }
}

/**
 * A synthetic market of five instruments, each clearly marked as demo, with different
 * characters: a steady trender, a volatile biotech with news jumps, a mean-reverting utility, a
 * falling retailer and an index-like ETF. Daily bars cover DEMO_HISTORY_YEARS of weekday
 * sessions to `endDate`; the last DEMO_INTRADAY_SESSIONS sessions also have one-minute bars at
 * the real UTC instants of New York's regular session (DST included).
 */
export function generateDemoMarket(options: DemoMarketOptions): DemoMarket {
  const dates = sessionDates(options.endDate)
  const bars: DemoSeries[] = []
  CHARACTERS.forEach((character, i) => {
    // One stream per instrument: changing one instrument's character leaves the others as they were.
    const { daily, minutes } = simulate(character, dates, createPrng(options.seed, i))
    bars.push({ symbol: character.spec.symbol, timeframe: '1D', bars: daily })
    bars.push({ symbol: character.spec.symbol, timeframe: '1m', bars: minutes })
  })
  return { instruments: CHARACTERS.map((c) => c.spec), bars }
}

export interface SeedDemoMarketOptions extends DemoMarketOptions {
  readonly logger: Logger
}

export interface SeededSeries {
  readonly instrumentId: InstrumentId
  readonly symbol: string
  readonly timeframe: Timeframe
  readonly count: number
  readonly firstTime: number
  readonly lastTime: number
}

export interface SeededDemoMarket {
  /** False when the store already had instruments and nothing was written. */
  readonly seeded: boolean
  readonly instruments: readonly Instrument[]
  readonly series: readonly SeededSeries[]
}

const NOTHING_SEEDED: SeededDemoMarket = { seeded: false, instruments: [], series: [] }

/**
 * Fills an empty store (no instruments at all) with the demo market in one transaction and
 * returns what it wrote. A store with any instrument is left alone: the demo never mixes with,
 * or comes back over, the trader's own data.
 */
export function seedDemoMarket(store: Store, options: SeedDemoMarketOptions): SeededDemoMarket {
  const { logger } = options
  if (store.instruments.list().length > 0) {
    logger.info('store already has instruments; demo market not generated')
    return NOTHING_SEEDED
  }
  const market = generateDemoMarket(options)
  const result = store.transaction((): SeededDemoMarket => {
    if (store.instruments.list().length > 0) return NOTHING_SEEDED
    const instruments = market.instruments.map((spec) => store.instruments.upsert(spec))
    const bySymbol = new Map(instruments.map((instrument) => [instrument.symbol, instrument]))
    const series = market.bars.map(({ symbol, timeframe, bars }): SeededSeries => {
      const instrument = bySymbol.get(symbol)
      if (!instrument) throw new Error(`Demo bars for ${symbol} have no demo instrument.`)
      store.bars.writeBars(instrument.id, timeframe, bars)
      const n = bars.time.length
      return { instrumentId: instrument.id, symbol, timeframe, count: n, firstTime: bars.time[0] ?? 0, lastTime: bars.time[n - 1] ?? 0 }
    })
    store.audit.append('system', 'demo-market.seeded', { seed: options.seed, endDate: options.endDate, instruments: instruments.length })
    return { seeded: true, instruments, series }
  })
  if (result.seeded) {
    logger.info('demo market written', { seed: options.seed, endDate: options.endDate, bars: result.series.reduce((sum, s) => sum + s.count, 0) })
  }
  return result
}
