import { useMemo } from 'react'
import type { EquityCurve } from '../../../shared/contract'
import type { ChartLine } from './lab-chart'
import { LabChartView } from './LabChartView'
import { toLineData } from './series-data'

/** Equity above; in a pane under it the drawdown, drawn below zero (the engine gives it as a positive fraction below the peak). */
export function EquityView({ equity, timeZone, intraday, testId = 'lab-equity-chart' }: { readonly equity: EquityCurve; readonly timeZone: string; readonly intraday: boolean; readonly testId?: string }) {
  const lines = useMemo<ChartLine[]>(
    () => [
      { id: 'equity', title: 'Equity', data: toLineData(equity.time, equity.equity), color: 'line', pane: 0 },
      { id: 'drawdown', title: 'Drawdown', data: toLineData(equity.time, equity.drawdown, -100), color: 'down', pane: 1, area: true, percent: true },
    ],
    [equity],
  )
  return <LabChartView lines={lines} timeZone={timeZone} intraday={intraday} testId={testId} label="Equity and drawdown" />
}
