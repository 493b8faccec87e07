import type { IndicatorInfo } from '../../../shared/domain'
import { MA_TYPES } from '../../../shared/domain'

/** How one output of an indicator is drawn. */
export interface OutputPlan {
  readonly output: string
  readonly kind: 'line' | 'histogram'
  readonly color: string
  readonly lineWidth: 1 | 2
  readonly dashed: boolean
  /** Its last value labelled on the price axis (not for the outer bands: they would crowd it). */
  readonly axisLabel: boolean
}

/** How an indicator is drawn: over the prices or in a pane of its own, and with which guide levels. */
export interface IndicatorPlan {
  readonly pane: 'price' | 'own'
  readonly outputs: readonly OutputPlan[]
  /** Horizontal guides drawn in the indicator's pane, e.g. RSI's 70 and 30. */
  readonly levels: readonly number[]
  /** The indicator's own colour: the legend's marker. */
  readonly color: string
}

/** Distinct on both the dark and the light chart background. */
export const INDICATOR_COLORS = ['#2f7cf6', '#f59f00', '#d63fc4', '#12a4b8', '#7b61ff', '#e8590c', '#2fb344', '#c2255c'] as const

/** Guide levels traders expect on the usual oscillators. */
const LEVELS: Readonly<Record<string, readonly number[]>> = {
  RSI: [70, 30],
  STOCH: [80, 20],
  STOCHF: [80, 20],
  STOCHRSI: [80, 20],
  MFI: [80, 20],
  ULTOSC: [70, 30],
  CCI: [100, -100],
  WILLR: [-20, -80],
  CMO: [50, -50],
  MACD: [0],
  MACDEXT: [0],
  MACDFIX: [0],
  PPO: [0],
  APO: [0],
  MOM: [0],
  ROC: [0],
  TRIX: [0],
  BOP: [0],
  AROONOSC: [0],
}

const isBand = (output: string): boolean => /upper|lower/i.test(output)
const isMiddle = (output: string): boolean => /middle/i.test(output)
const isHistogram = (output: string): boolean => /hist/i.test(output)

/**
 * The drawing plan of an indicator. `slot` picks its colour from INDICATOR_COLORS so two
 * indicators on one chart differ. Bands share the indicator's colour with a dashed middle line;
 * a histogram output (MACD's) is drawn as bars coloured by sign; other outputs take the next
 * colours in turn.
 */
export function planIndicator(info: IndicatorInfo, slot: number): IndicatorPlan {
  const color = colorAt(slot)
  let next = slot + 1
  const outputs = info.outputs.map((output, i): OutputPlan => {
    if (isHistogram(output)) return { output, kind: 'histogram', color, lineWidth: 1, dashed: false, axisLabel: true }
    if (isBand(output)) return { output, kind: 'line', color, lineWidth: 1, dashed: false, axisLabel: false }
    if (isMiddle(output)) return { output, kind: 'line', color, lineWidth: 1, dashed: true, axisLabel: true }
    if (i === 0) return { output, kind: 'line', color, lineWidth: 2, dashed: false, axisLabel: true }
    return { output, kind: 'line', color: colorAt(next++), lineWidth: 1, dashed: false, axisLabel: true }
  })
  return { pane: info.overlay ? 'price' : 'own', outputs, levels: LEVELS[info.name] ?? [], color }
}

function colorAt(slot: number): string {
  return INDICATOR_COLORS[((slot % INDICATOR_COLORS.length) + INDICATOR_COLORS.length) % INDICATOR_COLORS.length] as string
}

/** Parameter values as a trader reads them after the name: "14", "20 2 2 SMA". */
export function formatIndicatorParams(info: IndicatorInfo | undefined, params: Readonly<Record<string, number>>): string {
  if (!info) return Object.values(params).join(' ')
  return info.params
    .map((spec) => {
      const value = params[spec.name] ?? spec.default
      return spec.kind === 'ma-type' ? (MA_TYPES[value] ?? String(value)) : String(value)
    })
    .join(' ')
}

/** A short name for an output in the legend: `macdSignal` → `signal`, `upperBand` → `upper`. */
export function outputLabel(indicatorName: string, output: string): string {
  const prefix = indicatorName.toLowerCase()
  let label = output.toLowerCase().startsWith(prefix) && output.length > prefix.length ? output.slice(prefix.length) : output
  label = label.replace(/_?band$/i, '')
  return label.charAt(0).toLowerCase() + label.slice(1)
}

/**
 * One output column aligned with the bars on screen: the value at each bar's time, NaN where the
 * result has none. Both time columns ascend, so one merge pass does it.
 */
export function alignToBars(barTimes: Float64Array, resultTimes: Float64Array, values: Float64Array): Float64Array {
  const out = new Float64Array(barTimes.length).fill(NaN)
  let j = 0
  for (let i = 0; i < barTimes.length; i++) {
    const t = barTimes[i] as number
    while (j < resultTimes.length && (resultTimes[j] as number) < t) j++
    if (j < resultTimes.length && resultTimes[j] === t) out[i] = values[j] as number
  }
  return out
}

/** Decimals for an indicator's values: the instrument's over the prices, else by magnitude. */
export function indicatorDecimals(pane: IndicatorPlan['pane'], priceDecimals: number, sample: number): number {
  if (pane === 'price') return priceDecimals
  const magnitude = Math.abs(sample)
  if (!Number.isFinite(magnitude)) return 2
  if (magnitude >= 1000) return 0
  if (magnitude >= 1 || magnitude === 0) return 2
  return 4
}
