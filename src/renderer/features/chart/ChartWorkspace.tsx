import { useEffect } from 'react'
import type { DataState, Timeframe } from '../../../shared/domain'
import { isIntraday } from '../../../shared/domain'
import { CHART_KEYS } from '../../app/shortcuts'
import { useStore } from '../../app/store'
import { resolveInstrumentId, shownCharts } from '../../app/store/chart-layout'
import { loadIndicatorCatalog } from './chart-actions'
import { startChartPersistence } from './chart-persistence'
import { ChartTypeSwitch, DrawingTools, LayoutSwitch } from './ChartToolbarControls'
import type { LoadState } from './ChartView'
import { ChartView } from './ChartView'
import { IndicatorPicker } from './IndicatorPicker'
import { InstrumentPicker } from './InstrumentPicker'
import { TimeframeSwitch } from './TimeframeSwitch'

const timeframeKey = (_tf: Timeframe, n: number): string => CHART_KEYS.timeframe(n + 1)

export function ChartWorkspace({ hidden }: { hidden: boolean }) {
  const instruments = useStore((s) => s.instruments)
  const layout = useStore((s) => s.layout)
  const layoutRestored = useStore((s) => s.layoutRestored)
  const instrumentsLoaded = useStore((s) => s.instrumentsLoaded)
  const dataState = useStore((s) => s.status?.data)
  const setActiveChart = useStore((s) => s.setActiveChart)
  const tool = useStore((s) => s.drawingTool)

  useEffect(() => startChartPersistence(window), [])
  useEffect(() => {
    void loadIndicatorCatalog()
  }, [])

  const ready = layoutRestored && instrumentsLoaded
  const count = shownCharts(layout.grid)
  const activeConfig = layout.charts[layout.active] ?? layout.charts[0]
  const activeId = ready ? resolveInstrumentId(instruments, activeConfig?.instrumentId ?? null) : null
  const activeInstrument = instruments.find((i) => i.id === activeId) ?? null

  // With no instrument, 'ready' only once the engine says its data is ready and the list is empty.
  // While instruments exist but the saved layout is not restored yet, the charts are still loading.
  const nothingToShow = instrumentsLoaded && instruments.length === 0
  const emptyState: LoadState = dataState === 'error' ? 'error' : nothingToShow && dataState === 'ready' ? 'ready' : 'loading'
  const emptyMessage = emptyMessageFor(instrumentsLoaded, instruments.length, dataState)

  return (
    <section className="workspace workspace--chart" data-testid="workspace-chart" hidden={hidden} aria-label="Chart">
      <header className="toolbar">
        <InstrumentPicker instruments={instruments} selected={activeId} shortcut={CHART_KEYS.symbolSearch} />
        <span className="toolbar__divider" />
        <TimeframeSwitch selected={activeConfig?.timeframe ?? '1D'} shortcut={timeframeKey} />
        <span className="toolbar__divider" />
        <ChartTypeSwitch selected={activeConfig?.chartType ?? 'candles'} />
        <span className="toolbar__divider" />
        <IndicatorPicker shortcut={CHART_KEYS.indicators} />
        <span className="toolbar__divider" />
        <DrawingTools hlineShortcut={CHART_KEYS.horizontalLine} trendShortcut={CHART_KEYS.trendLine} />
        <span className="toolbar__spacer" />
        {activeInstrument && activeConfig ? (
          <span className="toolbar__meta" title="Times on the chart are in this zone">
            {isIntraday(activeConfig.timeframe) ? `Exchange time · ${activeInstrument.timeZone}` : 'Session dates'} · {activeInstrument.exchange} ·{' '}
            {activeInstrument.currency}
          </span>
        ) : null}
        <span className="toolbar__divider" />
        <LayoutSwitch selected={layout.grid} />
      </header>
      <div className="chart-grid" data-grid={layout.grid} data-tool={tool}>
        {layout.charts.slice(0, count).map((config, index) => {
          const id = ready ? resolveInstrumentId(instruments, config.instrumentId) : null
          const instrument = instruments.find((i) => i.id === id) ?? null
          return (
            <div
              key={index}
              className="chart-grid__cell"
              data-testid={`chart-cell-${index + 1}`}
              data-active={index === layout.active}
              onPointerDownCapture={() => setActiveChart(index)}
            >
              <ChartView
                index={index}
                testId={chartTestId(index, layout.active)}
                config={config}
                instrument={instrument}
                active={index === layout.active}
                marked={count > 1 && index === layout.active}
                emptyMessage={emptyMessage}
                emptyState={emptyState}
              />
            </div>
          )
        })}
      </div>
    </section>
  )
}

/** The active chart is `chart` (as with one chart); the others are `chart-2`, `chart-3`… in layout order. */
function chartTestId(index: number, active: number): string {
  if (index === active) return 'chart'
  return `chart-${index < active ? index + 2 : index + 1}`
}

function emptyMessageFor(instrumentsLoaded: boolean, instrumentCount: number, dataState: DataState | undefined): string {
  if (dataState === 'error') return 'The engine could not open its market data; the status bar says why.'
  if (dataState === 'generating-demo') return 'The engine is generating the demo market; instruments appear here when it is done.'
  if (!instrumentsLoaded || dataState === undefined) return 'Connecting to the engine…'
  if (instrumentCount > 0) return 'Opening the last chart…'
  return 'No instruments are stored yet: import market data in the Data workspace.'
}
