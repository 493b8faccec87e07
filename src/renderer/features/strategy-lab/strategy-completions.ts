import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete'
import type { IndicatorInfo } from '../../../shared/domain'
import { KEYWORDS, SERIES, WORD_OPERATORS } from './strategy-language'

/** The language's own functions (the checker's list); indicators come from the engine's catalog. */
const FUNCTIONS: readonly Completion[] = [
  { label: 'crossover', type: 'function', detail: '(a, b)', info: 'True on the bar where a crosses above b.' },
  { label: 'crossunder', type: 'function', detail: '(a, b)', info: 'True on the bar where a crosses below b.' },
  { label: 'abs', type: 'function', detail: '(x)' },
  { label: 'min', type: 'function', detail: '(a, b)' },
  { label: 'max', type: 'function', detail: '(a, b)' },
  { label: 'highest', type: 'function', detail: '(series, period)', info: 'Highest value over the period (MAX).' },
  { label: 'lowest', type: 'function', detail: '(series, period)', info: 'Lowest value over the period (MIN).' },
]

/** Indicators the language hides behind its own names. */
const HIDDEN = new Set(['MAX', 'MIN'])

/** Everything worth offering: keywords, series, functions, and the catalog's indicators in lower case. */
export function completionOptions(catalog: readonly IndicatorInfo[] | null): Completion[] {
  const words: Completion[] = [...KEYWORDS, ...WORD_OPERATORS].map((label) => ({ label, type: 'keyword' }))
  const series: Completion[] = [...SERIES].map((label) => ({ label, type: 'variable', detail: 'series' }))
  const indicators: Completion[] = (catalog ?? [])
    .filter((i) => !HIDDEN.has(i.name))
    .map((i) => {
      const params = i.params.map((p) => p.name)
      const args = i.inputs.length === 1 && i.inputs[0] === 'close' ? ['series', ...params] : params
      return { label: i.name.toLowerCase(), type: 'function', detail: `(${args.join(', ')})`, info: i.outputs.length > 1 ? `${i.title} · outputs ${i.outputs.join(', ')}` : i.title }
    })
  return [...words, ...series, ...FUNCTIONS, ...indicators]
}

/** Completes the word before the cursor; outside comments and strings only. */
export function strategyCompletions(catalog: () => readonly IndicatorInfo[] | null): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z_]\w*/)
    if (!word || (word.from === word.to && !context.explicit)) return null
    const line = context.state.doc.lineAt(context.pos)
    const before = line.text.slice(0, context.pos - line.from)
    if (before.includes('#') || (before.match(/"/g)?.length ?? 0) % 2 === 1) return null
    return { from: word.from, options: completionOptions(catalog()), validFor: /^\w*$/ }
  }
}
