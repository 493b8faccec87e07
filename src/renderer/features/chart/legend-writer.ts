import type { BarColumns } from '../../../shared/domain'
import type { IndicatorReading } from './indicator-layer'
import { formatChangePercent, formatIndicatorValue, formatPrice, formatVolume } from './price-format'

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

/** Where the indicator values come from: the chart's indicator layer. */
export interface IndicatorReadings {
  ids(): readonly string[]
  reading(id: string, index: number): IndicatorReading | null
  /** The last bar index where the indicator has a value, or -1. */
  lastValueIndex(id: string): number
}

/**
 * `index` is the hovered bar, or the last bar when `latest` is set: then an indicator without a
 * value there (the forming bar is not in the engine's history yet) shows its latest value.
 */
export type IndicatorLegendWriter = (source: IndicatorReadings, index: number, latest: boolean) => void

/**
 * Writes each indicator's values at the hovered bar into its legend row: the spans marked
 * `data-indicator-id` / `data-output`, rendered empty by React. Each span also gets the exact
 * value in `data-value`, so a test can compare it with the engine's. The span lookup is cached
 * until `invalidate` (React re-rendered the rows).
 */
export function createIndicatorLegendWriter(roots: () => readonly HTMLElement[]): { write: IndicatorLegendWriter; invalidate: () => void } {
  let cache: Map<string, Map<string, HTMLElement>> | null = null
  const lookup = (): Map<string, Map<string, HTMLElement>> => {
    if (cache) return cache
    cache = new Map()
    for (const root of roots()) {
      for (const el of root.querySelectorAll<HTMLElement>('[data-indicator-id] [data-output]')) {
        const id = el.closest<HTMLElement>('[data-indicator-id]')?.dataset.indicatorId
        const output = el.dataset.output
        if (id === undefined || output === undefined) continue
        let outputs = cache.get(id)
        if (!outputs) cache.set(id, (outputs = new Map()))
        outputs.set(output, el)
      }
    }
    return cache
  }
  return {
    invalidate: () => {
      cache = null
    },
    write: (source, index, latest) => {
      const spans = lookup()
      for (const id of source.ids()) {
        const outputs = spans.get(id)
        if (!outputs) continue
        let reading = source.reading(id, index)
        if (latest && reading && !reading.values.some(Number.isFinite)) reading = source.reading(id, source.lastValueIndex(id))
        if (!reading) continue
        reading.outputs.forEach((output, k) => {
          const el = outputs.get(output)
          if (!el) return
          const value = reading.values[k] ?? NaN
          const text = formatIndicatorValue(value, reading.decimals)
          if (el.textContent !== text) el.textContent = text
          const raw = Number.isFinite(value) ? String(value) : ''
          if (el.dataset.value !== raw) el.dataset.value = raw
        })
      }
    },
  }
}
