import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts'
import type { TradeColumns } from '../../../shared/contract'
import { formatCompactMoney } from './stat-format'

export interface MarkerColors {
  readonly long: string
  readonly short: string
  readonly win: string
  readonly loss: string
}

export function tradeCount(trades: TradeColumns): number {
  return trades.side.length
}

/** Past this many trades on one chart, markers go without text: the labels would cover the bars. */
export const LABELLED_TRADES = 20

/**
 * Entry and exit markers of one instrument's trades for the price chart, in time order (the
 * chart wants them sorted). A long entry is an up arrow under the bar and a short entry a down
 * arrow over it; the exit is a circle on the other side, coloured by the trade's net P&L, and
 * labelled with it while the trades are few enough to read.
 */
export function buildTradeMarkers(trades: TradeColumns, instrumentIndex: number, colors: MarkerColors): SeriesMarker<UTCTimestamp>[] {
  const markers: SeriesMarker<UTCTimestamp>[] = []
  const n = tradeCount(trades)
  let count = 0
  for (let i = 0; i < n; i++) if (trades.instrument[i] === instrumentIndex) count++
  const labelled = count <= LABELLED_TRADES
  for (let i = 0; i < n; i++) {
    if (trades.instrument[i] !== instrumentIndex) continue
    const long = trades.side[i] === 1
    const entryTime = trades.entryTime[i] as number
    const exitTime = trades.exitTime[i] as number
    const pnl = trades.pnl[i] as number
    if (Number.isFinite(entryTime)) {
      markers.push({
        id: `e${i}`,
        time: entryTime as UTCTimestamp,
        position: long ? 'belowBar' : 'aboveBar',
        shape: long ? 'arrowUp' : 'arrowDown',
        color: long ? colors.long : colors.short,
        ...(labelled ? { text: long ? 'L' : 'S' } : {}),
      })
    }
    if (Number.isFinite(exitTime)) {
      markers.push({
        id: `x${i}`,
        time: exitTime as UTCTimestamp,
        position: long ? 'aboveBar' : 'belowBar',
        shape: 'circle',
        color: pnl >= 0 ? colors.win : colors.loss,
        ...(labelled ? { text: formatCompactMoney(pnl) } : {}),
      })
    }
  }
  // Stable by time: at one bar an exit (the trade before) comes before the next entry.
  return markers
    .map((m, order) => ({ m, order, exitFirst: m.id?.startsWith('x') ? 0 : 1 }))
    .sort((a, b) => a.m.time - b.m.time || a.exitFirst - b.exitFirst || a.order - b.order)
    .map((x) => x.m)
}
