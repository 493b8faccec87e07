import type { IndicatorInfo, IndicatorParamSpec } from '../../shared/domain'
import { MA_TYPES } from '../../shared/domain'
import { listIndicators } from '../native'

/**
 * The language's view of the native indicator library. Arity, parameter ranges and output names
 * all come from `listIndicators()`, so a new indicator in the library is callable with no change
 * here.
 */

/** The MA-type names an `ma-type` parameter accepts, lower case, by the number they stand for. */
export const MA_TYPE_NAMES: readonly string[] = MA_TYPES.map((t) => t.toLowerCase())

/**
 * The library's MAX and MIN under names that do not clash with the language's `max(a, b)` and
 * `min(a, b)` (the larger and smaller of two series on each bar).
 */
export const INDICATOR_ALIASES: Readonly<Record<string, string>> = { highest: 'MAX', lowest: 'MIN' }

/** Library indicators the language's own functions hide; reachable through INDICATOR_ALIASES. */
const HIDDEN = new Set(['MAX', 'MIN'])

/** The indicator a call's name refers to (case-insensitive), or undefined. */
export function indicatorNamed(name: string): IndicatorInfo | undefined {
  const lower = name.toLowerCase()
  const target = INDICATOR_ALIASES[lower]
  const upper = target ?? name.toUpperCase()
  if (target === undefined && HIDDEN.has(upper)) return undefined
  return listIndicators().find((i) => i.name === upper)
}

/** The names a strategy calls indicators by, lower case: the library's, the aliases, not the hidden ones. */
export function callableIndicatorNames(): string[] {
  return [...listIndicators().filter((i) => !HIDDEN.has(i.name)).map((i) => i.name.toLowerCase()), ...Object.keys(INDICATOR_ALIASES)]
}

/** An indicator whose only input is `close` takes the series it runs on as its first argument. */
export function takesSeries(info: IndicatorInfo): boolean {
  return info.inputs.length === 1 && info.inputs[0] === 'close'
}

/** How a call to it is written, defaults shown: `SMA(series, period = 30)`. */
export function signature(info: IndicatorInfo, calledAs = info.name): string {
  const params = info.params.map((p) => `${p.name} = ${p.kind === 'ma-type' ? (MA_TYPE_NAMES[p.default] ?? p.default) : p.default}`)
  return `${calledAs}(${[...(takesSeries(info) ? ['series'] : []), ...params].join(', ')})`
}

/** `between 2 and 100000`, `at least 0`, `any number`, or the MA-type list. */
export function describeRange(spec: IndicatorParamSpec): string {
  if (spec.kind === 'ma-type') return `an MA type (${MA_TYPE_NAMES.join(', ')}) or its number 0–${MA_TYPE_NAMES.length - 1}`
  const huge = 1e30
  if (spec.min <= -huge && spec.max >= huge) return 'any number'
  if (spec.max >= huge) return `at least ${spec.min}`
  if (spec.min <= -huge) return `at most ${spec.max}`
  return `between ${spec.min} and ${spec.max}`
}

/** `high, low and close` */
export function listWords(words: readonly string[], conjunction = 'and'): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1] as string}`
}
