import { useEffect, useRef } from 'react'
import { useStore } from '../../app/store'
import type { ChartLine } from './lab-chart'
import { LabChart } from './lab-chart'

interface LabChartViewProps {
  /** Memoise: new lines replace the chart's data. */
  readonly lines: readonly ChartLine[]
  readonly timeZone: string
  readonly intraday: boolean
  readonly testId: string
  readonly label: string
}

/** A results chart in React: the chart is made once, its lines and theme follow the props and the store. */
export function LabChartView({ lines, timeZone, intraday, testId, label }: LabChartViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<LabChart | null>(null)
  const theme = useStore((s) => s.theme)

  useEffect(() => {
    if (!container.current) return
    const created = new LabChart(container.current, useStore.getState().theme)
    chart.current = created
    return () => {
      chart.current = null
      created.dispose()
    }
  }, [])

  useEffect(() => chart.current?.configureTime(timeZone, intraday), [timeZone, intraday])
  useEffect(() => chart.current?.setLines(lines), [lines])
  useEffect(() => chart.current?.setTheme(theme), [theme])

  const points = lines.reduce((n, l) => n + l.data.length, 0)
  return <div ref={container} className="lab-chart" data-testid={testId} data-points={points} role="img" aria-label={label} />
}
