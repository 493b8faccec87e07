import type { ChartGrid, ChartType } from '../../../shared/contract'
import type { InstrumentId, Timeframe } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'

/**
 * What the toolbar, the shortcuts and other workspaces do to the charts. They act on the active
 * chart; the layout (and the settings' last instrument and timeframe) are saved by
 * chart-persistence.ts, debounced.
 */

/** Shows the instrument on the active chart. */
export async function chooseInstrument(instrumentId: InstrumentId): Promise<void> {
  useStore.getState().selectInstrument(instrumentId)
}

/** Shows the timeframe on the active chart. */
export async function chooseTimeframe(timeframe: Timeframe): Promise<void> {
  useStore.getState().selectTimeframe(timeframe)
}

export function chooseChartType(chartType: ChartType): void {
  const s = useStore.getState()
  s.setChartType(s.layout.active, chartType)
}

export function chooseGrid(grid: ChartGrid): void {
  useStore.getState().setGrid(grid)
}

/** Adds an indicator with its default parameters to the active chart. */
export function addIndicatorToActiveChart(name: string): string | null {
  const s = useStore.getState()
  const info = s.indicatorCatalog?.find((i) => i.name === name)
  if (!info) return null
  const params = Object.fromEntries(info.params.map((p) => [p.name, p.default]))
  return s.addIndicator(s.layout.active, name, params)
}

let catalogRequested = false

/** Reads `indicators.list` once per page; a failure goes to the error banner and may be retried. */
export async function loadIndicatorCatalog(): Promise<void> {
  if (catalogRequested || useStore.getState().indicatorCatalog) return
  catalogRequested = true
  const result = await quorum.indicators.list({})
  if (result.ok) useStore.getState().setIndicatorCatalog(result.value)
  else {
    catalogRequested = false
    useStore.getState().reportError('Listing the indicators', result.error)
  }
}
