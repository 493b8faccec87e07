import type { ProfileStat, ProfileStatKind, ProfileStats, TradeColumns } from '../../shared/contract'
import type { BarColumns } from '../../shared/domain'
import { evaluateProgram, type Program } from '../native'
import { lastOfEachPeriod } from './daily-returns'
import { lowerBound } from './data-selection'
import { moments } from './overfitting'

/**
 * Another backtester's statistics over a Quorum run, by that tool's own definitions
 * (docs/metrics.md, "Other tools' statistics"), so a trader can set the two side by side and see
 * the same numbers. Each definition here is written from the tool's documented behaviour and
 * checked against its published test values (tests/backtest/parity.test.ts).
 */
export interface ProfileInput {
  /** The run's equity curve: epoch seconds and equity after each bar. */
  readonly time: ArrayLike<number>
  readonly equity: ArrayLike<number>
  /** The instrument's close at each point of the curve. */
  readonly close: ArrayLike<number>
  readonly trades: TradeColumns
  /** Index into the curve of the first bar at which every indicator has a value (see indicatorWarmup). */
  readonly warmupBars: number
  /** Annual, as a fraction. */
  readonly riskFreeRate: number
}

const DAY = 86_400
const WEEK = 7 * DAY
/** 1970-01-04, a Sunday: weekly bins end on Sundays. */
const FIRST_SUNDAY = 3 * DAY

/**
 * Where each indicator first has a value, the latest of them: backtesting.py's first trading bar
 * (its "warm-up"), which its Buy & Hold return starts from. An indicator that never has a value
 * counts as 0, as there.
 */
export function indicatorWarmup(program: Program, bars: BarColumns, params: Float64Array): number {
  if (program.indicators.length === 0) return 0
  const registers = evaluateProgram(program, bars, params)
  let warmup = 0
  for (const indicator of program.indicators) {
    for (const r of indicator.outputs) {
      const column = registers[r]
      if (!column) continue
      let first = 0
      while (first < column.length && Number.isNaN(column[first])) first++
      if (first < column.length && first > warmup) warmup = first
    }
  }
  return warmup
}

/** pandas' median: the mean of the two middle values of an even count. */
function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** The data's period: the median step between the last 100 points (seconds). */
function dataPeriod(time: ArrayLike<number>): number {
  const steps: number[] = []
  for (let i = Math.max(1, time.length - 99); i < time.length; i++) steps.push((time[i] as number) - (time[i - 1] as number))
  return median(steps)
}

/** The finest unit a period is written in (pandas' resolution): 1 day → a day, 90 s → a second. */
function resolutionOf(period: number): number {
  for (const unit of [DAY, 3600, 60, 1, 1e-3, 1e-6]) if (period % unit === 0) return unit
  return 1e-9
}

/** backtesting.py's geometric mean: NaN counts as a zero return; any return ≤ −100% gives 0. */
function geometricMean(returns: ArrayLike<number>): number {
  if (returns.length === 0) return NaN
  let logs = 0
  for (let i = 0; i < returns.length; i++) {
    const r = Number.isNaN(returns[i] as number) ? 1 : 1 + (returns[i] as number)
    if (r <= 0) return 0
    logs += Math.log(r)
  }
  return Math.exp(logs / returns.length) - 1
}

/** The largest (or smallest) of values, without spreading them onto the stack. */
function extreme(values: ArrayLike<number>, pick: (a: number, b: number) => number): number {
  let best = values[0] as number
  for (let i = 1; i < values.length; i++) best = pick(best, values[i] as number)
  return best
}

/** A zero denominator reads as NaN there (`x or np.nan`). */
const orNaN = (x: number): number => (x === 0 ? NaN : x)

/** The civil month (year × 12 + month) of a UTC day number. */
function monthOfDay(day: number): number {
  const d = new Date(day * DAY * 1000)
  return d.getUTCFullYear() * 12 + d.getUTCMonth()
}

/**
 * The resampling bin of a time: calendar days (left-closed); weeks ending Sunday, month ends and
 * year ends (right-closed, so a bar at midnight of the last day falls in that period).
 */
function binOf(t: number, freqDays: number): number {
  switch (freqDays) {
    case 7:
      return Math.ceil((t - FIRST_SUNDAY) / WEEK)
    case 31:
      return monthOfDay(Math.ceil(t / DAY))
    case 365:
      return Math.floor(monthOfDay(Math.ceil(t / DAY)) / 12)
    default:
      return Math.floor(t / DAY)
  }
}

/**
 * backtesting.py 0.6.5's `compute_stats` over a run: the same labels in the same order, with
 * percentages as it prints them (× 100, drawdowns negative), durations rounded up to the data's
 * resolution, and trades' returns net of their commissions.
 */
export function backtestingPyStats(input: ProfileInput): ProfileStats {
  const { time, equity, close, trades, riskFreeRate: rf } = input
  const n = time.length
  const out: ProfileStat[] = []
  const put = (label: string, kind: ProfileStatKind, value: number): void => void out.push({ label, kind, value: Number.isNaN(value) ? null : value })
  const first = time[0] as number
  const last = time[n - 1] as number
  const period = dataPeriod(time)
  const resolution = resolutionOf(period)
  const ceil = (seconds: number): number => (Number.isNaN(seconds) ? NaN : Math.ceil(seconds / resolution - 1e-9) * resolution)

  // Trades: bars held (inclusive) mark the exposure; returns are net of commissions.
  const count = trades.pnl.length
  const returns = new Float64Array(count)
  const durations = new Float64Array(count)
  const held = new Uint8Array(n)
  let commissions = 0
  for (let k = 0; k < count; k++) {
    const entry = trades.entryPrice[k] as number
    const quantity = trades.quantity[k] as number
    const commission = trades.commission[k] as number
    returns[k] = (trades.side[k] as number) * ((trades.exitPrice[k] as number) / entry - 1) - commission / (quantity * entry)
    durations[k] = (trades.exitTime[k] as number) - (trades.entryTime[k] as number)
    commissions += commission
    const from = lowerBound(time, trades.entryTime[k] as number)
    const to = Math.min(n - 1, lowerBound(time, trades.exitTime[k] as number))
    held.fill(1, from, to + 1)
  }
  let exposed = 0
  for (let i = 0; i < n; i++) exposed += held[i] as number

  put('Start', 'time', first)
  put('End', 'time', last)
  put('Duration', 'duration', last - first)
  put('Exposure Time [%]', 'percent', (exposed / n) * 100)
  const final = equity[n - 1] as number
  let peak = -Infinity
  for (let i = 0; i < n; i++) peak = Math.max(peak, equity[i] as number)
  put('Equity Final [$]', 'money', final)
  put('Equity Peak [$]', 'money', peak)
  if (commissions !== 0) put('Commissions [$]', 'money', commissions)
  const e0 = equity[0] as number
  const totalReturn = ((final - e0) / e0) * 100
  put('Return [%]', 'percent', totalReturn)
  const w = Math.min(Math.max(0, input.warmupBars), n - 1)
  const buyHold = (((close[n - 1] as number) - (close[w] as number)) / (close[w] as number)) * 100
  put('Buy & Hold Return [%]', 'percent', buyHold)

  // Returns per day (week, month or year for such data): the last equity of each, pct_change.
  const freqDays = Math.floor(period / DAY)
  let weekend = 0
  for (let i = 0; i < n; i++) {
    const weekday = (Math.floor((time[i] as number) / DAY) + 4) % 7 // 0 = Sunday
    if (weekday === 0 || weekday === 6) weekend++
  }
  const tradingDays = freqDays === 7 ? 52 : freqDays === 31 ? 12 : freqDays === 365 ? 1 : weekend / n > (2 / 7) * 0.6 ? 365 : 252
  const periodEquity = lastOfEachPeriod(time, equity, (t) => binOf(t, freqDays))
  const dayReturns = periodEquity.map((e, i) => (i === 0 ? NaN : e / (periodEquity[i - 1] as number) - 1))
  const defined = dayReturns.filter((r) => !Number.isNaN(r)) // pandas' var and mean skip undefined returns
  const g = geometricMean(dayReturns)
  const annual = (1 + g) ** tradingDays - 1
  put('Return (Ann.) [%]', 'percent', annual * 100)
  const volatility = Math.sqrt((moments(defined).variance + (1 + g) ** 2) ** tradingDays - (1 + g) ** (2 * tradingDays)) * 100
  put('Volatility (Ann.) [%]', 'percent', volatility)
  const years = (last - first) / DAY / tradingDays // 0.6.5 divides calendar days by trading days
  put('CAGR [%]', 'percent', years === 0 ? NaN : ((final / e0) ** (1 / years) - 1) * 100)
  put('Sharpe Ratio', 'number', (annual * 100 - rf * 100) / orNaN(volatility))
  const downside = Math.sqrt(moments(defined.map((r) => Math.min(r, 0) ** 2)).mean)
  put('Sortino Ratio', 'number', (annual - rf) / (downside * Math.sqrt(tradingDays)))

  // Drawdown: 1 − equity / its running peak; periods run between bars at a peak.
  const dd = new Float64Array(n)
  let high = -Infinity
  let maxDd = 0
  for (let i = 0; i < n; i++) {
    high = Math.max(high, equity[i] as number)
    dd[i] = 1 - (equity[i] as number) / high
    if ((dd[i] as number) > maxDd) maxDd = dd[i] as number
  }
  put('Calmar Ratio', 'number', annual / orNaN(maxDd))
  let beta = NaN
  if (n > 2) {
    const x = new Float64Array(n - 1)
    const y = new Float64Array(n - 1)
    for (let i = 1; i < n; i++) {
      x[i - 1] = Math.log((equity[i] as number) / (equity[i - 1] as number))
      y[i - 1] = Math.log((close[i] as number) / (close[i - 1] as number))
    }
    const mx = moments(x).mean
    const my = moments(y).mean
    let cov = 0
    let varY = 0
    for (let i = 0; i < n - 1; i++) {
      cov += ((x[i] as number) - mx) * ((y[i] as number) - my)
      varY += ((y[i] as number) - my) ** 2
    }
    beta = cov / varY
  }
  put('Alpha [%]', 'percent', totalReturn - rf * 100 - beta * (buyHold - rf * 100))
  put('Beta', 'number', beta)
  put('Max. Drawdown [%]', 'percent', -maxDd * 100)
  const peaks: number[] = []
  const spans: number[] = []
  let previous = -1
  for (let i = 0; i < n; i++) {
    if (dd[i] !== 0 && i !== n - 1) continue
    if (previous >= 0 && i > previous + 1) {
      let worst = 0
      for (let j = previous; j <= i; j++) worst = Math.max(worst, dd[j] as number)
      peaks.push(worst)
      spans.push((time[i] as number) - (time[previous] as number))
    }
    previous = i
  }
  if (peaks.length === 0) {
    // No period longer than a bar: backtesting.py then averages the non-zero drawdowns and has no durations.
    for (let i = 0; i < n; i++) if (dd[i] !== 0) peaks.push(dd[i] as number)
  }
  put('Avg. Drawdown [%]', 'percent', -moments(peaks).mean * 100)
  put('Max. Drawdown Duration', 'duration', spans.length === 0 ? NaN : ceil(extreme(spans, Math.max)))
  put('Avg. Drawdown Duration', 'duration', ceil(moments(spans).mean))

  put('# Trades', 'count', count)
  let wins = 0
  let winSum = 0
  let lossSum = 0
  let losses = 0
  for (let k = 0; k < count; k++) {
    const pnl = trades.pnl[k] as number
    if (pnl > 0) {
      wins++
      winSum += pnl
    } else if (pnl < 0) {
      losses++
      lossSum += pnl
    }
  }
  const winRate = count === 0 ? NaN : wins / count
  put('Win Rate [%]', 'percent', winRate * 100)
  put('Best Trade [%]', 'percent', count === 0 ? NaN : extreme(returns, Math.max) * 100)
  put('Worst Trade [%]', 'percent', count === 0 ? NaN : extreme(returns, Math.min) * 100)
  put('Avg. Trade [%]', 'percent', geometricMean(returns) * 100)
  put('Max. Trade Duration', 'duration', count === 0 ? NaN : ceil(extreme(durations, Math.max)))
  put('Avg. Trade Duration', 'duration', ceil(moments(durations).mean))
  let gains = 0
  let drops = 0
  for (const r of returns) {
    if (r > 0) gains += r
    else if (r < 0) drops += r
  }
  put('Profit Factor', 'number', count === 0 ? NaN : gains / orNaN(Math.abs(drops)))
  put('Expectancy [%]', 'percent', moments(returns).mean * 100)
  const pnl = moments(trades.pnl)
  put('SQN', 'number', (Math.sqrt(count) * pnl.mean) / orNaN(pnl.std))
  put('Kelly Criterion', 'number', winRate - (1 - winRate) / (winSum / wins / (-lossSum / losses)))
  return { profile: 'backtesting.py', title: 'backtesting.py 0.6.5', stats: out }
}
