import type { Timeframe } from '../../../shared/domain'
import { TIMEFRAMES } from '../../../shared/domain'
import { chooseTimeframe } from './chart-actions'

export function TimeframeSwitch({ selected, shortcut }: { selected: Timeframe; shortcut: (tf: Timeframe, n: number) => string }) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Timeframe">
      {TIMEFRAMES.map((tf, n) => (
        <button
          key={tf}
          type="button"
          role="radio"
          aria-checked={tf === selected}
          className={`segmented__item${tf === selected ? ' segmented__item--active' : ''}`}
          data-testid={`tf-${tf}`}
          title={`${tf} bars (${shortcut(tf, n)})`}
          onClick={() => void chooseTimeframe(tf)}
        >
          {tf}
        </button>
      ))}
    </div>
  )
}
