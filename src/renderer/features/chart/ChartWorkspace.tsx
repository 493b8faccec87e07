import type { DataState } from '../../../shared/domain'
import { isIntraday } from '../../../shared/domain'
import { useStore } from '../../app/store'
import type { LoadState } from './ChartView'
import { ChartView } from './ChartView'
import { InstrumentPicker } from './InstrumentPicker'
import { TimeframeSwitch } from './TimeframeSwitch'

export function ChartWorkspace({ hidden }: { hidden: boolean }) {
  const instruments = useStore((s) => s.instruments)
  const instrumentId = useStore((s) => s.instrumentId)
  const timeframe = useStore((s) => s.timeframe)
  const instrumentsLoaded = useStore((s) => s.instrumentsLoaded)
  const dataState = useStore((s) => s.status?.data)
  const instrument = instruments.find((i) => i.id === instrumentId) ?? null

  // With no instrument, 'ready' only once the engine says its data is ready and the list is empty.
  // While instruments exist but the saved selection is not restored yet, the chart is still loading.
  const nothingToShow = instrumentsLoaded && instruments.length === 0
  const emptyState: LoadState = dataState === 'error' ? 'error' : nothingToShow && dataState === 'ready' ? 'ready' : 'loading'
  const emptyMessage = emptyMessageFor(instrumentsLoaded, instruments.length, dataState)

  return (
    <section className="workspace workspace--chart" data-testid="workspace-chart" hidden={hidden} aria-label="Chart">
      <header className="toolbar">
        <InstrumentPicker instruments={instruments} selected={instrumentId} />
        <span className="toolbar__divider" />
        <TimeframeSwitch selected={timeframe} />
        <span className="toolbar__spacer" />
        {instrument ? (
          <span className="toolbar__meta" title="Times on the chart are in this zone">
            {isIntraday(timeframe) ? `Exchange time · ${instrument.timeZone}` : 'Session dates'} · {instrument.exchange} · {instrument.currency}
          </span>
        ) : null}
      </header>
      <ChartView instrument={instrument} timeframe={timeframe} emptyMessage={emptyMessage} emptyState={emptyState} />
    </section>
  )
}

function emptyMessageFor(instrumentsLoaded: boolean, instrumentCount: number, dataState: DataState | undefined): string {
  if (dataState === 'error') return 'The engine could not open its market data; the status bar says why.'
  if (dataState === 'generating-demo') return 'The engine is generating the demo market; instruments appear here when it is done.'
  if (!instrumentsLoaded || dataState === undefined) return 'Connecting to the engine…'
  if (instrumentCount > 0) return 'Opening the last chart…'
  return 'No instruments are stored yet. Importing market data comes with the Data workspace, which is not built yet.'
}
