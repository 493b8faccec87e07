import type { ReactNode, Ref } from 'react'

interface ChartLegendProps {
  readonly symbol: string
  readonly name: string
  readonly timeframe: string
  readonly isDemo: boolean
  /** A live subscription is streaming bars into this chart. */
  readonly live: boolean
  /** The values row; its spans are filled by a LegendWriter, not by React. */
  readonly valuesRef: Ref<HTMLDivElement>
  /** The rows of the indicators drawn over the prices; their values are written by the chart. */
  readonly indicatorsRef: Ref<HTMLDivElement>
  readonly children?: ReactNode
}

export function ChartLegend({ symbol, name, timeframe, isDemo, live, valuesRef, indicatorsRef, children }: ChartLegendProps) {
  return (
    <div className="chart-legend" data-testid="chart-legend">
      <div className="chart-legend__title">
        <span className="chart-legend__symbol">{symbol}</span>
        <span className="chart-legend__timeframe">{timeframe}</span>
        <span className="chart-legend__name">{name}</span>
        {isDemo ? <span className="badge badge--demo">demo</span> : null}
        {live ? (
          <span className="badge badge--live" data-testid="live-badge" title="Bars update live from the engine's tick feed">
            <span className="badge__pulse" />
            live
          </span>
        ) : null}
      </div>
      <div className="chart-legend__values" ref={valuesRef} data-direction="none">
        <span className="chart-legend__key">O</span>
        <span className="chart-legend__value" data-field="open" />
        <span className="chart-legend__key">H</span>
        <span className="chart-legend__value" data-field="high" />
        <span className="chart-legend__key">L</span>
        <span className="chart-legend__value" data-field="low" />
        <span className="chart-legend__key">C</span>
        <span className="chart-legend__value" data-field="close" />
        <span className="chart-legend__value chart-legend__change" data-field="change" />
        <span className="chart-legend__key">Vol</span>
        <span className="chart-legend__value chart-legend__volume" data-field="volume" />
      </div>
      <div className="chart-legend__indicators" ref={indicatorsRef}>
        {children}
      </div>
    </div>
  )
}
