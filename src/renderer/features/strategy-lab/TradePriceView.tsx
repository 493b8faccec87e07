import { useEffect, useRef, useState } from 'react'
import type { BacktestResult } from '../../../shared/contract'
import type { InstrumentId } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'
import { tradeCount } from './trade-markers'
import { TradeChart } from './trade-chart'

/** Bars beyond this are not loaded for the price chart; the trades table still lists every trade. */
const MAX_PRICE_BARS = 200_000

type LoadState = { readonly state: 'loading' } | { readonly state: 'ready'; readonly bars: number } | { readonly state: 'error'; readonly message: string }

/**
 * The run's bars with its trades marked, loaded for the run's instrument, timeframe and price
 * adjustment; a portfolio run picks the instrument.
 */
export function TradePriceView({ result }: { readonly result: BacktestResult }) {
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<TradeChart | null>(null)
  const theme = useStore((s) => s.theme)
  const instruments = useStore((s) => s.instruments)
  const [index, setIndex] = useState(0)
  const [load, setLoad] = useState<LoadState>({ state: 'loading' })
  const { manifest, trades } = result
  const shown = manifest.data.instruments[index] ?? manifest.data.instruments[0]
  const instrument = instruments.find((i) => i.id === shown?.id)

  useEffect(() => {
    if (!container.current) return
    const created = new TradeChart(container.current, useStore.getState().theme)
    chart.current = created
    return () => {
      chart.current = null
      created.dispose()
    }
  }, [])

  useEffect(() => chart.current?.setTheme(theme), [theme])

  useEffect(() => {
    if (!shown) return
    if (!instrument) {
      setLoad({ state: 'error', message: `${shown.symbol} is no longer stored, so its bars cannot be shown; the trades are in the Trades tab.` })
      return
    }
    let current = true
    setLoad({ state: 'loading' })
    void (async () => {
      const result = await quorum.bars.load({
        instrumentId: shown.id as InstrumentId,
        timeframe: manifest.data.timeframe,
        before: shown.lastTime + 1,
        limit: Math.min(MAX_PRICE_BARS, Math.max(1, shown.bars + 10)),
        adjusted: manifest.data.adjusted,
      })
      if (!current) return
      if (!result.ok) {
        setLoad({ state: 'error', message: `Loading ${shown.symbol} ${manifest.data.timeframe} bars: ${result.error.message}` })
        return
      }
      chart.current?.show(instrument, manifest.data.timeframe, result.value.bars, trades, index)
      setLoad({ state: 'ready', bars: result.value.bars.time.length })
    })()
    return () => {
      current = false
    }
  }, [shown, instrument, manifest, trades, index])

  let count = 0
  for (let i = 0; i < tradeCount(trades); i++) if (trades.instrument[i] === index) count++
  return (
    <div className="lab-price">
      <div className="lab-price__head">
        {manifest.data.instruments.length > 1 ? (
          <select className="select" aria-label="Instrument" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
            {manifest.data.instruments.map((i, n) => (
              <option key={i.id} value={n}>
                {i.symbol}
              </option>
            ))}
          </select>
        ) : (
          <span className="lab-price__symbol">{shown?.symbol}</span>
        )}
        <span className="lab-hint">
          {manifest.data.timeframe} · {count.toLocaleString('en-US')} trade{count === 1 ? '' : 's'} · ▲ long entry, ▼ short entry, ● exit (green: profit, red: loss)
        </span>
        {load.state === 'loading' ? <span className="lab-hint">Loading bars…</span> : null}
      </div>
      {load.state === 'error' ? (
        <p className="lab-problem" role="alert">
          {load.message}
        </p>
      ) : null}
      <div ref={container} className="lab-chart lab-chart--price" data-testid="lab-price-chart" data-state={load.state} data-bars={load.state === 'ready' ? load.bars : 0} data-markers={count * 2} role="img" aria-label="Price with trades" />
    </div>
  )
}
