import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BUILTIN_STRATEGIES, checkStrategy } from '../../src/main/strategy'

const doc = readFileSync(new URL('../../docs/strategy-language.md', import.meta.url), 'utf8')

/** The fenced `text` blocks of the language reference. */
const examples = [...doc.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!)

describe('docs/strategy-language.md', () => {
  it('shows every built-in strategy exactly as shipped', () => {
    for (const builtin of BUILTIN_STRATEGIES) expect(examples, builtin.id).toContain(builtin.source)
  })

  it('opens with an example that compiles cleanly', () => {
    expect(checkStrategy(examples[0]!)).toEqual([])
  })

  it('quotes the checker\'s messages as it writes them', () => {
    const cases: Array<[string, string]> = [
      ['long entry: smaa(close, 20) > close', 'unknown indicator "smaa"; did you mean SMA?'],
      ['long entry: rsi(14) > 50', 'the first argument of RSI is the series it runs on: RSI(series, period = 14), e.g. rsi(close, 14)'],
      ['long entry: close > open and volume', 'and works on conditions (true or false), but "volume" is a number; compare it, e.g. volume > 0'],
      ['long entry: atr(close, 14) > 0', 'ATR reads high, low and close itself and takes only its settings: ATR(period = 14); got 2 arguments'],
    ]
    for (const [line, message] of cases) {
      expect(doc).toContain(message)
      expect(checkStrategy(`strategy "t"\n${line}`).map((d) => d.message)).toContain(message)
    }
  })
})
