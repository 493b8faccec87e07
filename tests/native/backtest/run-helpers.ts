import { runBacktest, type BacktestOutput, type Program } from '../../../src/main/native'
import { type BarColumns, type ConventionsInput, EXIT_REASONS, type ExitReason } from '../../../src/shared/domain'
import { DAY, DAY0 } from './program-builder'

/** The time of bar i of barsFrom / closesOnly. */
export function day(i: number): number {
  return DAY0 + i * DAY
}

export interface TradeRow {
  readonly instrument: number
  readonly side: number
  readonly entryTime: number
  readonly entryPrice: number
  readonly exitTime: number
  readonly exitPrice: number
  readonly quantity: number
  readonly pnl: number
  readonly commission: number
  readonly mae: number
  readonly mfe: number
  readonly barsHeld: number
  readonly exitReason: ExitReason
}

/** The trade columns as rows, the exit reason by name. */
export function tradeRows(output: BacktestOutput): TradeRow[] {
  const t = output.trades
  return Array.from(t.side, (_, i) => ({
    instrument: t.instrument[i] as number,
    side: t.side[i] as number,
    entryTime: t.entryTime[i] as number,
    entryPrice: t.entryPrice[i] as number,
    exitTime: t.exitTime[i] as number,
    exitPrice: t.exitPrice[i] as number,
    quantity: t.quantity[i] as number,
    pnl: t.pnl[i] as number,
    commission: t.commission[i] as number,
    mae: t.mae[i] as number,
    mfe: t.mfe[i] as number,
    barsHeld: t.barsHeld[i] as number,
    exitReason: EXIT_REASONS[t.exitReason[i] as number] as ExitReason,
  }))
}

export async function run(
  bars: BarColumns | readonly BarColumns[],
  program: Program,
  conventions: ConventionsInput = {},
  options: { tradeFrom?: number; chunkSize?: number; params?: number[] } = {},
): Promise<BacktestOutput> {
  const instruments = Array.isArray(bars) ? (bars as readonly BarColumns[]) : [bars as BarColumns]
  return runBacktest(program, instruments, options.params ?? [], conventions, {
    ...(options.tradeFrom !== undefined && { tradeFrom: options.tradeFrom }),
    ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
  })
}

/** Values rounded to 9 decimals, for comparing sums of prices that are not exact in binary. */
export function rounded(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => Math.round(v * 1e9) / 1e9)
}
