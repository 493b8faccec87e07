import type { ReactNode } from 'react'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Instrument, Timeframe } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'
import { ChartLegend } from './ChartLegend'
import { PriceChart } from './price-chart'

/** Bars per request: the first window and each page loaded when scrolling back. */
const PAGE_SIZE = 2000

export type LoadState = 'loading' | 'ready' | 'error'

/** One instrument + timeframe being shown; replaced (not mutated into another) on every change. */
interface Selection {
  readonly key: string
  readonly instrument: Instrument
  readonly timeframe: Timeframe
  ready: boolean
  hasMore: boolean
  loadingOlder: boolean
}

/** What the DOM attributes and overlays show; low-rate, so React state. */
interface View {
  readonly key: string
  readonly state: LoadState
  readonly barCount: number
  readonly lastClose: number | undefined
  readonly firstTime: number | undefined
  readonly hasMore: boolean
  readonly loadingOlder: boolean
  readonly error: string | null
}

const NO_VIEW: View = {
  key: '',
  state: 'loading',
  barCount: 0,
  lastClose: undefined,
  firstTime: undefined,
  hasMore: false,
  loadingOlder: false,
  error: null,
}

interface ChartViewProps {
  readonly instrument: Instrument | null
  readonly timeframe: Timeframe
  /** Shown over the empty chart when there is no instrument to show. */
  readonly emptyMessage: string
  /** `data-state` while there is no instrument: 'loading' until the list is known. */
  readonly emptyState: LoadState
}

export function ChartView({ instrument, timeframe, emptyMessage, emptyState }: ChartViewProps) {
  const theme = useStore((s) => s.theme)
  const containerRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<PriceChart | null>(null)
  const legendRowRef = useRef<HTMLDivElement | null>(null)
  const selectionRef = useRef<Selection | null>(null)
  const [view, setView] = useState<View>(NO_VIEW)
  const [reloads, setReloads] = useState(0)

  const snapshot = useCallback((chart: PriceChart, selection: Selection, state: LoadState, error: string | null = null): View => {
    return {
      key: selection.key,
      state,
      barCount: chart.barCount,
      lastClose: chart.lastClose,
      firstTime: chart.firstTime,
      hasMore: selection.hasMore,
      loadingOlder: selection.loadingOlder,
      error,
    }
  }, [])

  const loadOlder = useCallback(async (): Promise<void> => {
    const chart = chartRef.current
    const selection = selectionRef.current
    const before = chart?.firstTime
    if (!chart || !selection || !selection.ready || !selection.hasMore || selection.loadingOlder || before === undefined) return
    const { instrument: inst, timeframe: tf } = selection
    selection.loadingOlder = true
    setView(snapshot(chart, selection, 'ready'))
    const result = await quorum.bars.load({ instrumentId: inst.id, timeframe: tf, limit: PAGE_SIZE, before })
    if (!result.ok) useStore.getState().reportError(`Loading older ${tf} bars for ${inst.symbol}`, result.error)
    if (selectionRef.current !== selection || chartRef.current !== chart) return
    selection.loadingOlder = false
    if (result.ok) {
      const added = chart.prependOlder(result.value.bars)
      selection.hasMore = result.value.hasMore && added > 0
    } else {
      // Stop paging after a failure rather than retry on every scroll; a new selection starts over.
      selection.hasMore = false
    }
    setView(snapshot(chart, selection, 'ready'))
  }, [snapshot])

  // The chart is created once; data and theme changes go through its API.
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const chart = new PriceChart(container, useStore.getState().theme, () => void loadOlder())
    chartRef.current = chart
    chart.attachLegend(legendRowRef.current)
    return () => {
      chartRef.current = null
      chart.dispose()
    }
  }, [loadOlder])

  useEffect(() => {
    chartRef.current?.setTheme(theme)
  }, [theme])

  const legendRef = useCallback((el: HTMLDivElement | null) => {
    legendRowRef.current = el
    chartRef.current?.attachLegend(el)
  }, [])

  useEffect(() => {
    const chart = chartRef.current
    if (!chart) return
    if (!instrument) {
      selectionRef.current = null
      chart.clear()
      setView(NO_VIEW)
      return
    }
    const selection: Selection = {
      key: `${instrument.id}|${timeframe}|${reloads}`,
      instrument,
      timeframe,
      ready: false,
      hasMore: false,
      loadingOlder: false,
    }
    selectionRef.current = selection
    chart.configure(instrument, timeframe)
    setView(snapshot(chart, selection, 'loading'))

    void quorum.bars.load({ instrumentId: instrument.id, timeframe, limit: PAGE_SIZE }).then((result) => {
      if (!result.ok) useStore.getState().reportError(`Loading ${timeframe} bars for ${instrument.symbol}`, result.error)
      if (selectionRef.current !== selection || chartRef.current !== chart) return
      if (!result.ok) {
        chart.clear()
        setView(snapshot(chart, selection, 'error', result.error.message))
        return
      }
      // Ready before the bars go in, so the range change they cause can already page back.
      selection.ready = true
      selection.hasMore = result.value.hasMore
      chart.replaceBars(result.value.bars)
      setView(snapshot(chart, selection, 'ready'))
    })
    return () => {
      if (selectionRef.current === selection) selectionRef.current = null
    }
  }, [instrument, timeframe, reloads, snapshot])

  const currentKey = instrument ? `${instrument.id}|${timeframe}|${reloads}` : ''
  const shown = view.key === currentKey ? view : { ...view, state: instrument ? ('loading' as const) : view.state, error: null }
  const state: LoadState = instrument ? shown.state : emptyState

  return (
    <div className="chart-view">
      <div
        ref={containerRef}
        className="chart-view__canvas"
        data-testid="chart"
        data-state={state}
        data-symbol={instrument?.symbol ?? ''}
        data-timeframe={timeframe}
        data-bar-count={shown.barCount}
        data-last-close={shown.lastClose === undefined ? '' : String(shown.lastClose)}
        data-first-time={shown.firstTime === undefined ? '' : String(shown.firstTime)}
        data-has-more={String(shown.hasMore)}
      />
      {instrument ? (
        <ChartLegend
          symbol={instrument.symbol}
          name={instrument.name}
          timeframe={timeframe}
          isDemo={instrument.isDemo}
          valuesRef={legendRef}
        />
      ) : null}
      {shown.loadingOlder ? <div className="chart-view__paging">Loading older bars…</div> : null}
      {!instrument ? <ChartNotice text={emptyMessage} /> : null}
      {instrument && state === 'loading' ? <ChartNotice text={`Loading ${timeframe} bars for ${instrument.symbol}…`} subtle /> : null}
      {instrument && state === 'ready' && shown.barCount === 0 ? (
        <ChartNotice text={`No ${timeframe} bars are stored for ${instrument.symbol}.`} />
      ) : null}
      {instrument && state === 'error' ? (
        <ChartNotice text={`Could not load ${timeframe} bars for ${instrument.symbol}: ${shown.error ?? 'unknown error'}`}>
          <button type="button" className="button" data-testid="chart-retry" onClick={() => setReloads((n) => n + 1)}>
            Try again
          </button>
        </ChartNotice>
      ) : null}
    </div>
  )
}

function ChartNotice({ text, subtle, children }: { text: string; subtle?: boolean; children?: ReactNode }) {
  return (
    <div className={`chart-view__notice${subtle ? ' chart-view__notice--subtle' : ''}`} role="status">
      <p>{text}</p>
      {children}
    </div>
  )
}
