import type { StreamParser, StringStream } from '@codemirror/language'
import { LanguageSupport, StreamLanguage } from '@codemirror/language'

/**
 * Highlighting for the Quorum strategy language (docs/design/strategy-lab.md). A stream
 * tokenizer, not a grammar: the engine's parser is the one authority on what is valid, and
 * the editor only colours words and shows the engine's diagnostics.
 */

export const KEYWORDS: ReadonlySet<string> = new Set([
  'strategy',
  'param',
  'let',
  'long',
  'short',
  'entry',
  'exit',
  'stop',
  'loss',
  'take',
  'profit',
  'trailing',
  'after',
  'bars',
  'size',
  'fixed',
  'risk',
  'of',
  'equity',
  'order',
  'market',
  'limit',
  'in',
  'step',
])

export const WORD_OPERATORS: ReadonlySet<string> = new Set(['and', 'or', 'not'])

export const SERIES: ReadonlySet<string> = new Set(['open', 'high', 'low', 'close', 'volume'])

export interface TokenizerState {
  /** The next name is being declared (after `param` or `let`). */
  declaring: boolean
  /** The last token was a `.`: the next name is an indicator's output (`m.macdHist`). */
  afterDot: boolean
}

function word(stream: StringStream, state: TokenizerState): string {
  const text = stream.current()
  if (state.afterDot) {
    state.afterDot = false
    return 'propertyName'
  }
  if (WORD_OPERATORS.has(text)) return 'operatorKeyword'
  if (KEYWORDS.has(text)) {
    state.declaring = text === 'param' || text === 'let'
    return 'keyword'
  }
  if (state.declaring) {
    state.declaring = false
    return 'variableName.definition'
  }
  if (SERIES.has(text)) return 'variableName.standard'
  if (stream.match(/^\s*\(/, false)) return 'variableName.function'
  return 'variableName'
}

export const strategyStreamParser: StreamParser<TokenizerState> = {
  name: 'quorum-strategy',
  startState: () => ({ declaring: false, afterDot: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (stream.sol()) {
      state.declaring = false
      state.afterDot = false
    }
    if (stream.eatSpace()) return null
    if (stream.peek() === '#') {
      stream.skipToEnd()
      return 'lineComment'
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string'
    // `5..50` is two numbers and a range: a number's fraction needs a digit after the point.
    if (stream.match(/^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/)) return 'number'
    if (stream.match(/^[A-Za-z_]\w*/)) return word(stream, state)
    state.afterDot = false
    if (stream.match('%')) return 'unit'
    if (stream.match('..') || stream.match(/^(?:<=|>=|==|!=|[+\-*/<>=])/)) return 'operator'
    if (stream.match(/^[()]/)) return 'paren'
    if (stream.match(/^[[\]]/)) return 'squareBracket'
    if (stream.match('.')) {
      state.afterDot = true
      return 'punctuation'
    }
    if (stream.match(/^[:,]/)) return 'punctuation'
    stream.next()
    return 'invalid'
  },
  languageData: { commentTokens: { line: '#' } },
}

export const strategyLanguage = StreamLanguage.define(strategyStreamParser)

export function strategyLanguageSupport(): LanguageSupport {
  return new LanguageSupport(strategyLanguage)
}
