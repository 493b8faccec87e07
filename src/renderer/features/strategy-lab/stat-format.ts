import type { StatName } from '../../../shared/domain'

/** How a statistic reads: money with 2 decimals, a percentage, a ratio with 2 decimals, or a count. */
export type StatKind = 'money' | 'percent' | 'ratio' | 'count' | 'days'

/**
 * Which way is better, for colouring differences: `higher`, `lower`, or `smaller-magnitude`
 * (drawdowns, whatever sign the engine gives them); `none` when neither is.
 */
export type StatBetter = 'higher' | 'lower' | 'smaller-magnitude' | 'none'

export interface StatInfo {
  readonly label: string
  readonly kind: StatKind
  readonly better: StatBetter
}

/** Labels and formats of the statistics; the HTML report (src/main/backtest/report.ts) uses the same labels. */
export const STAT_INFO: Readonly<Record<StatName, StatInfo>> = {
  startingCash: { label: 'Starting cash', kind: 'money', better: 'none' },
  finalEquity: { label: 'Final equity', kind: 'money', better: 'higher' },
  totalReturn: { label: 'Total return', kind: 'percent', better: 'higher' },
  annualReturn: { label: 'Annual return', kind: 'percent', better: 'higher' },
  volatility: { label: 'Volatility (annual)', kind: 'percent', better: 'lower' },
  sharpe: { label: 'Sharpe', kind: 'ratio', better: 'higher' },
  sortino: { label: 'Sortino', kind: 'ratio', better: 'higher' },
  calmar: { label: 'Calmar', kind: 'ratio', better: 'higher' },
  maxDrawdown: { label: 'Max drawdown', kind: 'percent', better: 'smaller-magnitude' },
  maxDrawdownDays: { label: 'Max drawdown duration (days)', kind: 'days', better: 'lower' },
  maxDrawdownBars: { label: 'Max drawdown duration (bars)', kind: 'count', better: 'lower' },
  trades: { label: 'Trades', kind: 'count', better: 'none' },
  winRate: { label: 'Win rate', kind: 'percent', better: 'higher' },
  profitFactor: { label: 'Profit factor', kind: 'ratio', better: 'higher' },
  expectancy: { label: 'Expectancy (per trade)', kind: 'money', better: 'higher' },
  exposure: { label: 'Exposure', kind: 'percent', better: 'none' },
  turnover: { label: 'Turnover (per year)', kind: 'ratio', better: 'none' },
  commissions: { label: 'Commissions', kind: 'money', better: 'lower' },
}

const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const MINUS = '\u2212'

/** Infinities (a profit factor with no losing trade) and NaN (undefined: no trades) in words a trader reads. */
function special(value: number): string | null {
  if (Number.isNaN(value)) return '—'
  if (value === Infinity) return '∞'
  if (value === -Infinity) return `${MINUS}∞`
  return null
}

/** A typographic minus, so columns of signed numbers line up and read as numbers. */
function signed(text: string): string {
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text
}

export function formatMoney(value: number): string {
  return special(value) ?? signed(MONEY.format(value))
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

/** Money in a few characters for chart labels: 1234.5 → "+1.2K", −80 → "−80". */
export function formatCompactMoney(value: number): string {
  return special(value) ?? (value > 0 ? `+${COMPACT.format(value)}` : signed(COMPACT.format(value)))
}

/** A fraction as a percentage with 2 decimals: 0.1234 → "12.34%". */
export function formatPercent(value: number, decimals = 2): string {
  return special(value) ?? signed(`${(value * 100).toFixed(decimals)}%`)
}

export function formatRatio(value: number, decimals = 2): string {
  return special(value) ?? signed(value.toFixed(decimals))
}

export function formatCount(value: number): string {
  return special(value) ?? signed(COUNT.format(Math.round(value)))
}

export function formatStatValue(kind: StatKind, value: number): string {
  switch (kind) {
    case 'money':
      return formatMoney(value)
    case 'percent':
      return formatPercent(value)
    case 'ratio':
      return formatRatio(value)
    case 'count':
    case 'days':
      return formatCount(value)
  }
}

export function formatStat(name: StatName, value: number): string {
  return formatStatValue(STAT_INFO[name].kind, value)
}

/** A difference b − a in the statistic's own unit; percentages as percentage points. */
export function formatStatDifference(name: StatName, a: number, b: number): string {
  const d = b - a
  if (!Number.isFinite(d)) return '—'
  const kind = STAT_INFO[name].kind
  const text = kind === 'percent' ? `${(d * 100).toFixed(2)} pp` : formatStatValue(kind, d)
  return d > 0 ? `+${text}` : signed(text)
}

/** Whether b is better than a (1), worse (−1), or neither / not comparable (0). */
export function compareStat(name: StatName, a: number, b: number): -1 | 0 | 1 {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) return 0
  switch (STAT_INFO[name].better) {
    case 'higher':
      return b > a ? 1 : -1
    case 'lower':
      return b < a ? 1 : -1
    case 'smaller-magnitude':
      return Math.abs(b) === Math.abs(a) ? 0 : Math.abs(b) < Math.abs(a) ? 1 : -1
    case 'none':
      return 0
  }
}

/** A parameter value as typed in the strategy: integers plainly, others without float noise. */
export function formatParam(value: number): string {
  if (!Number.isFinite(value)) return '—'
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)))
}

/** Epoch seconds as a UTC calendar date, "2024-03-01" (daily bars carry the session date at 00:00 UTC). */
export function formatDate(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—'
  return new Date(seconds * 1000).toISOString().slice(0, 10)
}

/** Epoch seconds as date and UTC time, "2024-03-01 14:30", for intraday runs. */
export function formatDateTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—'
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')
}

/** "YYYY-MM-DD" (a date field's value) to epoch seconds at 00:00 UTC; undefined when empty or invalid. */
export function parseDateField(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const ms = Date.parse(`${value}T00:00:00Z`)
  return Number.isFinite(ms) ? ms / 1000 : undefined
}

/** The statistics a run shows first, in this order. */
export const HEADLINE_STATS: readonly StatName[] = ['totalReturn', 'annualReturn', 'sharpe', 'maxDrawdown', 'trades', 'winRate', 'profitFactor']
