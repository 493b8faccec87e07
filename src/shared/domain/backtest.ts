import { z } from 'zod'

/**
 * The backtest conventions: how the simulated exchange turns signals into fills and what it
 * charges. One schema for the CLI's `--config`, the contract and the Strategy Lab form; the
 * native exchange receives the parsed object (native/core/exchange). Defaults are the house
 * conventions: signals on the bar's close, fills at the next bar's open, no costs.
 */

export const Commission = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  /** `perShare` currency a share, at least `minimum` an order (0: no minimum). */
  z.object({ kind: z.literal('per-share'), perShare: z.number().min(0), minimum: z.number().min(0).default(0) }).strict(),
  z.object({ kind: z.literal('per-order'), amount: z.number().min(0) }).strict(),
  /** `percent` of the traded value, e.g. 0.2 for 0.2%. */
  z.object({ kind: z.literal('percent'), percent: z.number().min(0).max(100) }).strict(),
  /** Interactive Brokers' fixed US-stock rate: 0.005 a share, min 1.00, max 1% of trade value. */
  z.object({ kind: z.literal('ib-fixed') }).strict(),
  /**
   * Interactive Brokers' tiered US-stock rate by monthly share volume (0.0035 up to 300k shares,
   * 0.002 to 3M, 0.0015 to 20M, 0.001 to 100M, 0.0005 above), min 0.35, max 1% of trade value;
   * the month's volume is counted from the run's own fills.
   */
  z.object({ kind: z.literal('ib-tiered') }).strict(),
])
export type Commission = z.infer<typeof Commission>

export const Slippage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  /** `ticks` ticks of `tickSize` against the trader on every market and stop fill. */
  z.object({ kind: z.literal('ticks'), ticks: z.number().min(0), tickSize: z.number().positive() }).strict(),
  z.object({ kind: z.literal('bps'), bps: z.number().min(0) }).strict(),
  /** `fraction` of the fill bar's high − low range, e.g. 0.1. */
  z.object({ kind: z.literal('range-fraction'), fraction: z.number().min(0).max(1) }).strict(),
])
export type Slippage = z.infer<typeof Slippage>

export const Conventions = z
  .object({
    /** `next-open`: a signal on bar i's close fills at bar i+1's open. `close`: it fills at bar i's close. */
    fill: z.enum(['next-open', 'close']).default('next-open'),
    /** On an entry signal against the open position: `reverse` closes it and opens the other side; `flatten` only closes it. */
    onOpposite: z.enum(['reverse', 'flatten']).default('reverse'),
    /**
     * A position still open on the last bar: `close` closes it at the last close (exit reason
     * `end`); `close-at-open` at the last bar's open (reason `end`, after that open's fills);
     * `mark` leaves it open, marked to market at the last close: not a trade, no closing commission.
     */
    endOfData: z.enum(['close', 'close-at-open', 'mark']).default('close'),
    commission: Commission.default({ kind: 'none' }),
    slippage: Slippage.default({ kind: 'none' }),
    /** Largest share of a bar's volume one fill may take (0 < x ≤ 1); the rest waits for the next bar. null: no cap. */
    volumeCap: z.number().gt(0).max(1).nullable().default(null),
    allowShort: z.boolean().default(true),
    startingCash: z.number().positive().default(100_000),
    /** Whole shares (quantities rounded down) or fractional ones. */
    fractional: z.boolean().default(false),
    /** Annualisation of daily-return statistics: 252 for exchange-traded assets, 365 for crypto. */
    periodsPerYear: z.number().int().positive().default(252),
    /** Yearly risk-free rate for Sharpe and Sortino, e.g. 0.02. */
    riskFreeRate: z.number().min(0).max(1).default(0),
  })
  .strict()
export type Conventions = z.infer<typeof Conventions>
export type ConventionsInput = z.input<typeof Conventions>

export const DEFAULT_CONVENTIONS: Conventions = Conventions.parse({})

/** The standard statistics of a run (definitions: docs/metrics.md). Ratios are fractions (0.12 = 12%). */
export interface BacktestStats {
  readonly startingCash: number
  readonly finalEquity: number
  readonly totalReturn: number
  readonly annualReturn: number
  readonly volatility: number
  readonly sharpe: number
  readonly sortino: number
  readonly calmar: number
  readonly maxDrawdown: number
  /** Longest stretch below a previous equity peak, in calendar days and in bars. */
  readonly maxDrawdownDays: number
  readonly maxDrawdownBars: number
  readonly trades: number
  readonly winRate: number
  readonly profitFactor: number
  /** Mean net P&L of a closed trade, in currency. */
  readonly expectancy: number
  /** Share of bars with an open position. */
  readonly exposure: number
  /** Traded value over mean equity, per year. */
  readonly turnover: number
  readonly commissions: number
}

export const STAT_NAMES = [
  'startingCash',
  'finalEquity',
  'totalReturn',
  'annualReturn',
  'volatility',
  'sharpe',
  'sortino',
  'calmar',
  'maxDrawdown',
  'maxDrawdownDays',
  'maxDrawdownBars',
  'trades',
  'winRate',
  'profitFactor',
  'expectancy',
  'exposure',
  'turnover',
  'commissions',
] as const satisfies readonly (keyof BacktestStats)[]
export type StatName = (typeof STAT_NAMES)[number]

export type TradeSide = 'long' | 'short'
export const EXIT_REASONS = ['signal', 'reverse', 'stop-loss', 'take-profit', 'trailing-stop', 'time', 'end'] as const
export type ExitReason = (typeof EXIT_REASONS)[number]
