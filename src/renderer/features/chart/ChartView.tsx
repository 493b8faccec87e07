import type { ReactNode } from 'react'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { ChartConfig, ChartIndicator, DrawingId, DrawingShape } from '../../../shared/contract'
import type { BarColumns, IndicatorInfo, Instrument, Timeframe } from '../../../shared/domain'
import { timeframeSeconds } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'
import { LiveBarBuffer } from './bar-window'
import { markBenchActive, registerBenchChart } from './bench-hook'
import { ChartLegend } from './ChartLegend'
import { createDrawing, loadDrawings } from './drawing-actions'
import { IndicatorEditor } from './IndicatorEditor'
import { IndicatorRow } from './IndicatorLegend'
import { planIndicator } from './indicator-plan'
import { startLiveBars } from './live-feed'
import { PriceChart } from './price-chart'

/** Bars per request: the first window and each page loaded when scrolling back. */
const PAGE_SIZE = 2000
/** Indicators are recomputed for the window after paging stops for this long. */
const RECOMPUTE_DELAY_MS = 250
/** A live chart asks the engine for its indicators' last values at most this often. */
const INDICATOR_TAIL_INTERVAL_MS = 5000
/** Live bar count / last close reach React (the DOM attributes) at most this often. */
const LIVE_VIEW_INTERVAL_MS = 250

export type LoadState = 'loading' | 'ready' | 'error'
export type LiveState = 'off' | 'starting' | 'live' | 'unavailable'

/** One instrument + timeframe being shown; replaced (not mutated into another) on every change. */
interface Selection {
  readonly key: string
  readonly instrument: Instrument
  readonly timeframe: Timeframe
  ready: boolean
  hasMore: boolean
  /** Newer bars were dropped to keep the window bounded: scrolling right loads them again. */
  hasNewer: boolean
  loadingOlder: boolean
  loadingNewer: boolean
  /** Live bars that arrived while the window could not take them (before it loaded, or scrolled far back). */
  readonly pendingLive: LiveBarBuffer
  /** The engine's history does not hold the live bars: recomputing the indicator tail shows nothing new. */
  tailStale: boolean
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
  /** Position in the layout. */
  readonly index: number
  /** `chart` for the active chart, `chart-2`, `chart-3`… for the others in layout order. */
  readonly testId: string
  readonly config: ChartConfig
  readonly instrument: Instrument | null
  /** The chart the toolbar acts on. */
  readonly active: boolean
  /** More than one chart is shown, so the active one is marked. */
  readonly marked: boolean
  /** Shown over the empty chart when there is no instrument to show. */
  readonly emptyMessage: string
  /** `data-state` while there is no instrument: 'loading' until the list is known. */
  readonly emptyState: LoadState
}

export function ChartView({ index, testId, config, instrument, active, marked, emptyMessage, emptyState }: ChartViewProps) {
  const { timeframe, chartType, indicators } = config
  const theme = useStore((s) => s.theme)
  const catalog = useStore((s) => s.indicatorCatalog)
  const connection = useStore((s) => s.connection)
  const containerRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<PriceChart | null>(null)
  const legendRowRef = useRef<HTMLDivElement | null>(null)
  const overlayLegendRef = useRef<HTMLDivElement | null>(null)
  const paneLegendRef = useRef<HTMLDivElement | null>(null)
  const selectionRef = useRef<Selection | null>(null)
  const indicatorsRef = useRef<readonly ChartIndicator[]>(indicators)
  const computedRef = useRef(new Map<string, string>())
  const recomputeTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const [view, setView] = useState<View>(NO_VIEW)
  const [reloads, setReloads] = useState(0)
  const [live, setLive] = useState<LiveState>('off')
  const [paneTops, setPaneTops] = useState<Readonly<Record<string, number>>>({})
  const [editing, setEditing] = useState<string | null>(null)
  indicatorsRef.current = indicators

  const infoOf = useCallback((name: string): IndicatorInfo | undefined => catalog?.find((i) => i.name === name), [catalog])

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

  /** Asks the engine for one indicator over the chart's window; stale answers are dropped. */
  const computeIndicator = useCallback(async (indicator: ChartIndicator): Promise<void> => {
    const chart = chartRef.current
    const selection = selectionRef.current
    if (!chart || !selection?.ready || chart.barCount === 0) return
    const signature = `${selection.key}|${chart.firstTime}|${chart.lastTime}|${JSON.stringify(indicator.params)}`
    computedRef.current.set(indicator.id, signature)
    const { instrument: inst, timeframe: tf } = selection
    const lastTime = chart.lastTime
    const result = await quorum.indicators.compute({
      instrumentId: inst.id,
      timeframe: tf,
      name: indicator.name,
      params: indicator.params,
      limit: chart.barCount,
      // A window cut short on the right (newer bars dropped) ends where its last bar does.
      before: selection.hasNewer && lastTime !== undefined ? lastTime + 1 : undefined,
    })
    if (selectionRef.current !== selection || chartRef.current !== chart || computedRef.current.get(indicator.id) !== signature) return
    if (!result.ok) {
      computedRef.current.delete(indicator.id)
      useStore.getState().reportError(`Computing ${indicator.name} on ${inst.symbol} ${tf}`, result.error)
      return
    }
    chart.setIndicatorResult(indicator.id, result.value)
  }, [])

  const recomputeAll = useCallback(() => {
    if (recomputeTimer.current !== null) clearTimeout(recomputeTimer.current)
    recomputeTimer.current = setTimeout(() => {
      recomputeTimer.current = null
      for (const indicator of indicatorsRef.current) void computeIndicator(indicator)
    }, RECOMPUTE_DELAY_MS)
  }, [computeIndicator])

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
      const { added, droppedNewest } = chart.prependOlder(result.value.bars)
      selection.hasMore = result.value.hasMore && added > 0
      if (droppedNewest > 0) selection.hasNewer = true
      if (added > 0) recomputeAll()
    } else {
      // Stop paging after a failure rather than retry on every scroll; a new selection starts over.
      selection.hasMore = false
    }
    setView(snapshot(chart, selection, 'ready'))
  }, [snapshot, recomputeAll])

  /** Bars after the window's last one, when the cap dropped them: estimated pages forward, checked for overlap. */
  const loadNewer = useCallback(async (): Promise<void> => {
    const chart = chartRef.current
    const selection = selectionRef.current
    const last = chart?.lastTime
    if (!chart || !selection?.ready || !selection.hasNewer || selection.loadingNewer || last === undefined) return
    const { instrument: inst, timeframe: tf } = selection
    selection.loadingNewer = true
    // `before` a page of nominal bar lengths ahead: the answer (the latest bars before it) always
    // reaches back to the window, since no timeframe has more than one bar per nominal length.
    const span = PAGE_SIZE * timeframeSeconds(tf)
    let before = last + span
    let added = 0
    for (let attempt = 0; attempt < 8 && added === 0; attempt++) {
      const result = await quorum.bars.load({ instrumentId: inst.id, timeframe: tf, limit: PAGE_SIZE, before })
      if (selectionRef.current !== selection || chartRef.current !== chart) return
      if (!result.ok) {
        useStore.getState().reportError(`Loading newer ${tf} bars for ${inst.symbol}`, result.error)
        selection.hasNewer = false
        break
      }
      const bars = result.value.bars
      const newest = bars.time[bars.time.length - 1]
      const appended = chart.appendNewer(bars)
      added = appended.added
      if (appended.droppedOldest > 0) selection.hasMore = true
      // Nothing newer before `before`: a market holiday or weekend longer than the page; look further.
      if (added === 0 && (newest === undefined || newest <= last)) before += span
      if (added === 0 && newest !== undefined && newest > last) break
    }
    selection.loadingNewer = false
    if (added === 0) selection.hasNewer = false
    else recomputeAll()
    // Back at the live edge: the bars that formed meanwhile go in now.
    if (!selection.hasNewer && selection.pendingLive.size > 0) chart.applyLive(selection.pendingLive.drain())
    setView(snapshot(chart, selection, 'ready'))
  }, [snapshot, recomputeAll])

  const layoutPaneLegends = useCallback(() => {
    const chart = chartRef.current
    if (!chart) return
    const tops = chart.paneTops()
    const next: Record<string, number> = {}
    for (const id of chart.indicatorIds()) {
      const pane = chart.indicatorPane(id)
      if (pane > 0 && tops[pane] !== undefined) next[id] = tops[pane] as number
    }
    setPaneTops((prev) => (sameTops(prev, next) ? prev : next))
  }, [])

  const activeRef = useRef(active)
  activeRef.current = active
  const instrumentRef = useRef(instrument)
  instrumentRef.current = instrument

  // The chart is created once; data and theme changes go through its API.
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const chart = new PriceChart(container, useStore.getState().theme, {
      onNearLeftEdge: () => void loadOlder(),
      onNearRightEdge: () => void loadNewer(),
      onPaneLayout: layoutPaneLegends,
      onDrawingCreate: (shape: DrawingShape) => {
        const inst = instrumentRef.current
        if (inst) void createDrawing(inst.id, shape, inst.symbol)
      },
      onDrawingSelect: (id: DrawingId | null) => useStore.getState().selectDrawing(id),
    })
    chartRef.current = chart
    chart.attachLegend(legendRowRef.current)
    const unregister = registerBenchChart(index, chart, activeRef.current)
    return () => {
      unregister()
      chartRef.current = null
      computedRef.current.clear()
      chart.dispose()
    }
  }, [loadOlder, loadNewer, layoutPaneLegends, index])

  useEffect(() => {
    if (active) markBenchActive(index)
  }, [active, index])

  useEffect(() => {
    chartRef.current?.setTheme(theme)
  }, [theme])

  const legendRef = useCallback((el: HTMLDivElement | null) => {
    legendRowRef.current = el
    chartRef.current?.attachLegend(el)
  }, [])

  // A lost connection drops the engine's live subscriptions and any bar pushed meanwhile: start over.
  const wasClosed = useRef(false)
  useEffect(() => {
    if (connection === 'closed') wasClosed.current = true
    else if (connection === 'open' && wasClosed.current) {
      wasClosed.current = false
      if (selectionRef.current?.ready) setReloads((n) => n + 1)
    }
  }, [connection])

  useEffect(() => {
    const chart = chartRef.current
    if (!chart) return
    if (!instrument) {
      selectionRef.current = null
      chart.clear()
      setView(NO_VIEW)
      setLive('off')
      return
    }
    const selection: Selection = {
      key: `${instrument.id}|${timeframe}|${reloads}`,
      instrument,
      timeframe,
      ready: false,
      hasMore: false,
      hasNewer: false,
      loadingOlder: false,
      loadingNewer: false,
      pendingLive: new LiveBarBuffer(),
      tailStale: false,
    }
    selectionRef.current = selection
    computedRef.current.clear()
    chart.configure(instrument, timeframe)
    setView(snapshot(chart, selection, 'loading'))
    void loadDrawings(instrument.id, instrument.symbol)

    // Live bars: subscribed before the first window loads, so nothing that closes in between is lost.
    let stopLive: (() => void) | null = null
    let liveViewTimer: ReturnType<typeof setTimeout> | null = null
    let lastTailAt = 0
    const refreshLiveView = (): void => {
      if (liveViewTimer !== null) return
      liveViewTimer = setTimeout(() => {
        liveViewTimer = null
        if (selectionRef.current === selection && chartRef.current === chart) setView(snapshot(chart, selection, 'ready'))
      }, LIVE_VIEW_INTERVAL_MS)
    }
    const applyLive = (bars: BarColumns): void => {
      if (selectionRef.current !== selection || chartRef.current !== chart) return
      // Not loaded yet, or scrolled so far back that the newest bars were dropped: keep them for later.
      if (!selection.ready || selection.hasNewer) {
        selection.pendingLive.add(bars)
        return
      }
      const applied = chart.applyLive(bars)
      if (applied.needsReload) {
        setReloads((n) => n + 1)
        return
      }
      if (!applied.changed) return
      refreshLiveView()
      if (applied.appended > 0) selection.tailStale = false
      const now = performance.now()
      if (!selection.tailStale && now - lastTailAt >= INDICATOR_TAIL_INTERVAL_MS) {
        lastTailAt = now
        void refreshIndicatorTails(chart, selection)
      }
    }
    if (instrument.isDemo) {
      setLive('starting')
      void startLiveBars(instrument.id, timeframe, applyLive).then((started) => {
        if (!started.ok) {
          if (selectionRef.current !== selection) return
          setLive('unavailable')
          useStore.getState().reportError(`Streaming live ${timeframe} bars for ${instrument.symbol}`, started.error)
          return
        }
        if (selectionRef.current !== selection) return started.stop()
        stopLive = started.stop
        setLive('live')
      })
    } else {
      setLive('off')
    }

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
      if (selection.pendingLive.size > 0) chart.applyLive(selection.pendingLive.drain())
      for (const indicator of indicatorsRef.current) void computeIndicator(indicator)
      setView(snapshot(chart, selection, 'ready'))
    })

    /** The engine's latest values of each indicator (limit 2: the forming bar and the one before). */
    async function refreshIndicatorTails(c: PriceChart, s: Selection): Promise<void> {
      const lastTime = c.lastTime
      for (const indicator of indicatorsRef.current) {
        const result = await quorum.indicators.compute({ instrumentId: s.instrument.id, timeframe: s.timeframe, name: indicator.name, params: indicator.params, limit: 2 })
        if (selectionRef.current !== s || chartRef.current !== c) return
        if (!result.ok) return
        const newest = result.value.time[result.value.time.length - 1]
        // The engine's stored history ends before the live bars: wait for the next bar to close.
        if (newest === undefined || lastTime === undefined || newest < lastTime) s.tailStale = true
        c.applyIndicatorTail(indicator.id, result.value)
      }
    }

    return () => {
      if (selectionRef.current === selection) selectionRef.current = null
      if (liveViewTimer !== null) clearTimeout(liveViewTimer)
      stopLive?.()
      selection.ready = false
    }
  }, [instrument, timeframe, reloads, snapshot, computeIndicator])

  useEffect(() => {
    chartRef.current?.setChartType(chartType)
  }, [chartType])

  // Indicators: add, remove, show/hide and recompute to follow the layout.
  useEffect(() => {
    const chart = chartRef.current
    if (!chart || !catalog) return
    const wanted = new Set(indicators.map((i) => i.id))
    for (const id of chart.indicatorIds()) {
      if (wanted.has(id)) continue
      chart.removeIndicator(id)
      computedRef.current.delete(id)
    }
    indicators.forEach((indicator, slot) => {
      const info = catalog.find((i) => i.name === indicator.name)
      if (!info) return
      if (!chart.hasIndicator(indicator.id)) chart.addIndicator(indicator.id, info, slot, indicator.visible)
      chart.setIndicatorVisible(indicator.id, indicator.visible)
      const selection = selectionRef.current
      const signature = selection ? `${selection.key}|${chart.firstTime}|${chart.lastTime}|${JSON.stringify(indicator.params)}` : ''
      if (selection?.ready && computedRef.current.get(indicator.id) !== signature) void computeIndicator(indicator)
    })
  }, [indicators, catalog, computeIndicator])

  // Drawings of this instrument (on every chart that shows it) and which one is selected.
  const instrumentId = instrument?.id
  const drawings = useStore((s) => (instrumentId === undefined ? undefined : s.drawings[instrumentId]))
  const selectedDrawingId = useStore((s) => s.selectedDrawingId)
  const tool = useStore((s) => s.drawingTool)
  useEffect(() => {
    chartRef.current?.setDrawings(drawings ?? [], selectedDrawingId)
  }, [drawings, selectedDrawingId])
  useEffect(() => {
    chartRef.current?.setTool(tool)
  }, [tool])

  // React re-rendered the indicator rows: the chart writes values into the new spans.
  useLayoutEffect(() => {
    const roots = [overlayLegendRef.current, paneLegendRef.current].filter((el): el is HTMLDivElement => el !== null)
    chartRef.current?.attachIndicatorLegends(roots)
  }, [indicators, catalog, paneTops, view.key])

  useEffect(
    () => () => {
      if (recomputeTimer.current !== null) clearTimeout(recomputeTimer.current)
    },
    [],
  )

  const currentKey = instrument ? `${instrument.id}|${timeframe}|${reloads}` : ''
  const shown = view.key === currentKey ? view : { ...view, state: instrument ? ('loading' as const) : view.state, error: null }
  const state: LoadState = instrument ? shown.state : emptyState
  const changeIndicator = useStore((s) => s.changeIndicator)
  const removeIndicator = useStore((s) => s.removeIndicator)

  const rows = indicators.map((indicator, slot) => {
    const info = infoOf(indicator.name)
    const plan = info ? planIndicator(info, slot) : undefined
    return { indicator, info, plan }
  })
  const renderRow = ({ indicator, info, plan }: (typeof rows)[number]): ReactNode => (
    <IndicatorRow
      key={indicator.id}
      indicator={indicator}
      info={info}
      plan={plan}
      onEdit={() => setEditing(indicator.id)}
      onToggle={() => changeIndicator(index, indicator.id, { visible: !indicator.visible })}
      onRemove={() => {
        if (editing === indicator.id) setEditing(null)
        removeIndicator(index, indicator.id)
      }}
    />
  )
  const editingIndicator = indicators.find((i) => i.id === editing)
  const editingInfo = editingIndicator ? infoOf(editingIndicator.name) : undefined

  return (
    <div className="chart-view" data-active={active} data-marked={marked}>
      <div
        ref={containerRef}
        className="chart-view__canvas"
        data-testid={testId}
        data-chart-index={index}
        data-state={state}
        data-symbol={instrument?.symbol ?? ''}
        data-timeframe={timeframe}
        data-chart-type={chartType}
        data-bar-count={shown.barCount}
        data-last-close={shown.lastClose === undefined ? '' : String(shown.lastClose)}
        data-first-time={shown.firstTime === undefined ? '' : String(shown.firstTime)}
        data-has-more={String(shown.hasMore)}
        data-live={live}
        data-drawings={drawings?.length ?? 0}
      />
      {instrument ? (
        <ChartLegend
          symbol={instrument.symbol}
          name={instrument.name}
          timeframe={timeframe}
          isDemo={instrument.isDemo}
          live={live === 'live'}
          valuesRef={legendRef}
          indicatorsRef={overlayLegendRef}
        >
          {rows.filter((r) => r.plan?.pane !== 'own').map(renderRow)}
        </ChartLegend>
      ) : null}
      <div className="chart-view__pane-legends" ref={paneLegendRef}>
        {instrument
          ? rows
              .filter((r) => r.plan?.pane === 'own')
              .map((r) => (
                <div key={r.indicator.id} className="chart-view__pane-legend" hidden={paneTops[r.indicator.id] === undefined} style={{ top: (paneTops[r.indicator.id] ?? 0) + 4 }}>
                  {renderRow(r)}
                </div>
              ))
          : null}
      </div>
      {editingIndicator && editingInfo ? (
        <IndicatorEditor
          key={editingIndicator.id}
          indicator={editingIndicator}
          info={editingInfo}
          onApply={(params) => {
            changeIndicator(index, editingIndicator.id, { params })
            setEditing(null)
          }}
          onClose={() => setEditing(null)}
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

function sameTops(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => Math.abs((a[k] ?? NaN) - (b[k] ?? NaN)) < 0.5)
}
