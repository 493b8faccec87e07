import type { BarColumns } from '../../../shared/domain'
import { formatChangePercent, formatPrice, formatVolume } from './price-format'

const FIELDS = ['open', 'high', 'low', 'close', 'change', 'volume'] as const
type Field = (typeof FIELDS)[number]

export type LegendWriter = (bars: BarColumns, index: number, decimals: number) => void

/**
 * Writes the hovered bar's values straight into the legend's spans: the crosshair moves at
 * mouse rate, so this stays out of React state.
 */
export function createLegendWriter(root: HTMLElement): LegendWriter {
  const spans = {} as Record<Field, HTMLElement | null>
  for (const f of FIELDS) spans[f] = root.querySelector<HTMLElement>(`[data-field="${f}"]`)
  const put = (f: Field, text: string): void => {
    const el = spans[f]
    if (el && el.textContent !== text) el.textContent = text
  }

  return (bars, index, decimals) => {
    const n = bars.time.length
    if (n === 0 || index < 0 || index >= n) {
      for (const f of FIELDS) put(f, '—')
      root.dataset.direction = 'none'
      return
    }
    const o = bars.open[index] ?? NaN
    const c = bars.close[index] ?? NaN
    const previousClose = (index > 0 ? bars.close[index - 1] : undefined) ?? o
    put('open', formatPrice(o, decimals))
    put('high', formatPrice(bars.high[index] ?? NaN, decimals))
    put('low', formatPrice(bars.low[index] ?? NaN, decimals))
    put('close', formatPrice(c, decimals))
    put('change', formatChangePercent(c / previousClose - 1))
    put('volume', formatVolume(bars.volume[index] ?? NaN))
    root.dataset.direction = c >= o ? 'up' : 'down'
  }
}
