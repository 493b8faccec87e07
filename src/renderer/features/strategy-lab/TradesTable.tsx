import { useMemo } from 'react'
import type { BacktestResult } from '../../../shared/contract'
import { EXIT_REASONS } from '../../../shared/domain'
import { useStore } from '../../app/store'
import type { TableColumn } from './ColumnTable'
import { decimalsForTick } from '../chart/price-format'
import { ColumnTable } from './ColumnTable'
import { runTime } from './run-context'
import { formatCount, formatMoney, formatParam } from './stat-format'
import { tradeCount } from './trade-markers'

const pnlTone = (v: number): string | undefined => (v > 0 ? 'lab-up' : v < 0 ? 'lab-down' : undefined)

/** Every closed trade, sortable by any column, a page at a time. */
export function TradesTable({ result }: { readonly result: BacktestResult }) {
  const instruments = useStore((s) => s.instruments)
  const { trades, manifest } = result
  const time = runTime(manifest, instruments)
  const portfolio = manifest.data.instruments.length > 1
  // Prices at the finest tick of the run's instruments (2 decimals when none is listed any more).
  const decimals = Math.max(2, ...manifest.data.instruments.map((m) => decimalsForTick(instruments.find((i) => i.id === m.id)?.tickSize ?? 0.01)))
  const columns = useMemo<TableColumn[]>(() => {
    const price = (v: number): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : '—')
    const symbol = (i: number): string => manifest.data.instruments[trades.instrument[i] ?? -1]?.symbol ?? '?'
    const num = (key: string, label: string, column: ArrayLike<number>, text: (v: number) => string, extra: Partial<TableColumn> = {}): TableColumn => ({
      key,
      label,
      numeric: true,
      value: (i) => column[i] ?? NaN,
      text: (i) => text(column[i] ?? NaN),
      ...extra,
    })
    return [
      { key: 'n', label: '#', numeric: true, value: (i) => i, text: (i) => String(i + 1) },
      ...(portfolio ? [{ key: 'symbol', label: 'Symbol', numeric: false, value: symbol, text: symbol } satisfies TableColumn] : []),
      { key: 'side', label: 'Side', numeric: false, value: (i) => (trades.side[i] === 1 ? 'long' : 'short'), text: (i) => (trades.side[i] === 1 ? 'Long' : 'Short') },
      num('entryTime', 'Entry', trades.entryTime, time.format),
      num('entryPrice', 'Entry price', trades.entryPrice, price),
      num('exitTime', 'Exit', trades.exitTime, time.format),
      num('exitPrice', 'Exit price', trades.exitPrice, price),
      num('quantity', 'Qty', trades.quantity, formatParam),
      num('pnl', 'P&L', trades.pnl, formatMoney, { title: 'Net of commissions', tone: (i) => pnlTone(trades.pnl[i] ?? 0) }),
      num('commission', 'Comm.', trades.commission, formatMoney),
      num('mae', 'MAE', trades.mae, formatMoney, { title: 'Worst open P&L during the trade' }),
      num('mfe', 'MFE', trades.mfe, formatMoney, { title: 'Best open P&L during the trade' }),
      num('barsHeld', 'Bars', trades.barsHeld, formatCount),
      { key: 'exitReason', label: 'Exit reason', numeric: false, value: (i) => EXIT_REASONS[trades.exitReason[i] ?? -1] ?? '', text: (i) => EXIT_REASONS[trades.exitReason[i] ?? -1] ?? '?' },
    ]
  }, [trades, manifest, portfolio, time.format, decimals])
  return (
    <ColumnTable
      rows={tradeCount(trades)}
      columns={columns}
      initialSort={null}
      testId="lab-trades-table"
      rowTestId="lab-trade"
      label="Trades"
      rowData={(i) => ({ side: trades.side[i] === 1 ? 'long' : 'short', pnl: trades.pnl[i] ?? NaN })}
    />
  )
}
