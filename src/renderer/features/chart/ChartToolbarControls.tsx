import type { ChartGrid, ChartType } from '../../../shared/contract'
import { CHART_GRIDS, CHART_TYPES } from '../../../shared/contract'
import type { DrawingTool } from '../../app/store'
import { useStore } from '../../app/store'
import { chooseChartType, chooseGrid } from './chart-actions'
import type { IconName } from './icons'
import { Icon } from './icons'

const TYPE_LABELS: Record<ChartType, string> = { candles: 'Candlesticks', bars: 'OHLC bars', line: 'Line (close)', 'heikin-ashi': 'Heikin-Ashi' }

export function ChartTypeSwitch({ selected }: { selected: ChartType }) {
  return (
    <div className="segmented segmented--icons" role="radiogroup" aria-label="Chart type">
      {CHART_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          role="radio"
          aria-checked={type === selected}
          aria-label={TYPE_LABELS[type]}
          title={TYPE_LABELS[type]}
          className={`segmented__item${type === selected ? ' segmented__item--active' : ''}`}
          data-testid={`chart-type-${type}`}
          onClick={() => chooseChartType(type)}
        >
          <Icon name={type as IconName} />
        </button>
      ))}
    </div>
  )
}

const GRID_LABELS: Record<ChartGrid, string> = { '1': 'One chart', '2': 'Two charts side by side', '4': 'Four charts in a grid' }

export function LayoutSwitch({ selected }: { selected: ChartGrid }) {
  return (
    <div className="segmented segmented--icons" role="radiogroup" aria-label="Chart layout">
      {CHART_GRIDS.map((grid) => (
        <button
          key={grid}
          type="button"
          role="radio"
          aria-checked={grid === selected}
          aria-label={GRID_LABELS[grid]}
          title={GRID_LABELS[grid]}
          className={`segmented__item${grid === selected ? ' segmented__item--active' : ''}`}
          data-testid={`layout-${grid}`}
          onClick={() => chooseGrid(grid)}
        >
          <Icon name={`layout-${grid}`} />
        </button>
      ))}
    </div>
  )
}

interface DrawingToolsProps {
  readonly hlineShortcut: string
  readonly trendShortcut: string
}

/** The drawing tools; a tool stays on until the drawing is placed, Esc, or a second click. */
export function DrawingTools({ hlineShortcut, trendShortcut }: DrawingToolsProps) {
  const tool = useStore((s) => s.drawingTool)
  const setTool = useStore((s) => s.setDrawingTool)
  const button = (kind: Exclude<DrawingTool, 'none'>, testId: string, icon: IconName, label: string, key: string) => (
    <button
      type="button"
      className={`tool-button tool-button--icon${tool === kind ? ' tool-button--active' : ''}`}
      data-testid={testId}
      aria-pressed={tool === kind}
      aria-label={label}
      title={`${label} (${key}; Esc cancels)`}
      onClick={() => setTool(tool === kind ? 'none' : kind)}
    >
      <Icon name={icon} />
    </button>
  )
  return (
    <div className="tool-group" role="group" aria-label="Drawing tools">
      {button('horizontal-line', 'tool-hline', 'hline', 'Horizontal line', hlineShortcut)}
      {button('trend-line', 'tool-trendline', 'trendline', 'Trend line', trendShortcut)}
    </div>
  )
}
