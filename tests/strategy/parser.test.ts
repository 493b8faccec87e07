import { describe, expect, it } from 'vitest'
import { type Expression, parseStrategy, type Statement } from '../../src/main/strategy'

/** An expression as a Lisp-like string, so a test shows the tree's shape at a glance. */
function sexpr(e: Expression): string {
  switch (e.kind) {
    case 'number':
      return String(e.value)
    case 'name':
      return e.name
    case 'unary':
      return `(${e.operator} ${sexpr(e.operand)})`
    case 'binary':
      return `(${e.operator} ${sexpr(e.left)} ${sexpr(e.right)})`
    case 'call':
      return `(${e.callee}${e.args.map((a) => ` ${sexpr(a)}`).join('')})`
    case 'output':
      return `(. ${sexpr(e.target)} ${e.output})`
    case 'lag':
      return `(lag ${sexpr(e.target)} ${sexpr(e.bars)})`
    case 'invalid':
      return '<invalid>'
  }
}

function statements(source: string): readonly Statement[] {
  const { syntax, diagnostics } = parseStrategy(source)
  expect(diagnostics).toEqual([])
  return syntax.statements
}

function only(source: string): Statement {
  const all = statements(source)
  expect(all).toHaveLength(1)
  return all[0]!
}

function expression(text: string): string {
  const s = only(`let x = ${text}`)
  if (s.kind !== 'let') throw new Error('not a let')
  return sexpr(s.value)
}

describe('parser: statements', () => {
  it('reads the strategy name from a double-quoted string, escapes included', () => {
    expect(only('strategy "MA \\"fast\\" crossover"')).toMatchObject({ kind: 'strategy', name: 'MA "fast" crossover' })
  })

  it('reads a parameter with a range and a step', () => {
    expect(only('param fast = 10 in 5..50 step 5')).toMatchObject({
      kind: 'param',
      name: 'fast',
      default: { value: 10, integer: true },
      range: { min: { value: 5, integer: true }, max: { value: 50, integer: true } },
      step: { value: 5, integer: true },
    })
  })

  it('reads a parameter without a range, and negative and decimal numbers', () => {
    expect(only('param k = 2')).toMatchObject({ kind: 'param', name: 'k', default: { value: 2 }, range: null, step: null })
    expect(only('param shift = -1.5 in -3.0..0')).toMatchObject({
      default: { value: -1.5, integer: false },
      range: { min: { value: -3, integer: false }, max: { value: 0, integer: true } },
    })
  })

  it('reads a let', () => {
    const s = only('let fastMa = sma(close, fast)')
    expect(s).toMatchObject({ kind: 'let', name: 'fastMa' })
    if (s.kind === 'let') expect(sexpr(s.value)).toBe('(sma close fast)')
  })

  it('reads the four signal rules', () => {
    const all = statements('long entry: a\nlong exit: b\nshort entry: c\nshort exit: d')
    expect(all.map((s) => (s.kind === 'signal' ? `${s.side} ${s.action} ${sexpr(s.condition)}` : s.kind))).toEqual(['long entry a', 'long exit b', 'short entry c', 'short exit d'])
  })

  it('reads protective exits as price distances or percentages', () => {
    const all = statements('stop loss: 2 * atr(14)\ntake profit: 3%\ntrailing stop: pct %')
    expect(all.map((s) => (s.kind === 'protective-exit' ? `${s.exit} ${sexpr(s.distance)} ${s.percent ? '%' : 'price'}` : s.kind))).toEqual([
      'stop loss (* 2 (atr 14)) price',
      'take profit 3 %',
      'trailing stop pct %',
    ])
  })

  it('reads a time exit, in bars or one bar', () => {
    expect(only('exit after: 20 bars')).toMatchObject({ kind: 'exit-after', bars: { kind: 'number', value: 20 } })
    expect(only('exit after: hold bar')).toMatchObject({ kind: 'exit-after', bars: { kind: 'name', name: 'hold' } })
  })

  it('reads the three sizings', () => {
    const all = statements('size: fixed 100\nsize: 10% of equity\nsize: risk 1% of equity\nsize: pct % of equity')
    expect(all.map((s) => (s.kind === 'size' ? `${s.sizing} ${sexpr(s.amount)}` : s.kind))).toEqual(['fixed 100', 'equity-percent 10', 'risk-percent 1', 'equity-percent pct'])
  })

  it('reads orders for both sides or one', () => {
    const all = statements('order: market\nlong order: limit close - 0.5 * atr(14)\nshort order: stop low[1]')
    expect(all.map((s) => (s.kind === 'order' ? `${s.side} ${s.type} ${s.price === null ? '-' : sexpr(s.price)}` : s.kind))).toEqual([
      'both market -',
      'long limit (- close (* 0.5 (atr 14)))',
      'short stop (lag low 1)',
    ])
  })

  it('skips comments and blank lines, and continues a statement inside parentheses', () => {
    const all = statements('# a comment\n\nstrategy "x"   # trailing comment\n\nlong entry: (close > open\n   and volume > 100)\n')
    expect(all.map((s) => s.kind)).toEqual(['strategy', 'signal'])
    const entry = all[1]!
    if (entry.kind === 'signal') expect(sexpr(entry.condition)).toBe('(and (> close open) (> volume 100))')
  })

  it('records source spans as offsets', () => {
    const source = 'strategy "x"\nlong entry: close > open'
    const entry = statements(source)[1]!
    if (entry.kind !== 'signal') throw new Error('not a signal')
    expect(source.slice(entry.span.start, entry.span.end)).toBe('long entry: close > open')
    expect(source.slice(entry.keywordSpan.start, entry.keywordSpan.end)).toBe('long entry')
    expect(source.slice(entry.condition.span.start, entry.condition.span.end)).toBe('close > open')
  })
})

describe('parser: expressions', () => {
  it('binds * and / tighter than + and -, both left to right', () => {
    expect(expression('1 + 2 * 3 - 4 / 5')).toBe('(- (+ 1 (* 2 3)) (/ 4 5))')
    expect(expression('a - b - c')).toBe('(- (- a b) c)')
    expect(expression('a / b * c')).toBe('(* (/ a b) c)')
  })

  it('binds arithmetic tighter than comparison, comparison tighter than not, not tighter than and, and tighter than or', () => {
    expect(expression('a + 1 > b * 2')).toBe('(> (+ a 1) (* b 2))')
    expect(expression('not a > b')).toBe('(not (> a b))')
    expect(expression('a > b and c < d or e == f and not g != h')).toBe('(or (and (> a b) (< c d)) (and (== e f) (not (!= g h))))')
  })

  it('reads every comparison operator', () => {
    for (const op of ['<', '<=', '>', '>=', '==', '!=']) expect(expression(`a ${op} b`)).toBe(`(${op} a b)`)
  })

  it('binds unary minus tighter than *, and a lag tighter than unary minus', () => {
    expect(expression('-a * b')).toBe('(* (- a) b)')
    expect(expression('-close[1]')).toBe('(- (lag close 1))')
    expect(expression('- -a')).toBe('(- (- a))')
  })

  it('lets parentheses override precedence', () => {
    expect(expression('(a + b) * c')).toBe('(* (+ a b) c)')
    expect(expression('a and (b or c)')).toBe('(and a (or b c))')
  })

  it('reads calls, outputs and lags in a chain', () => {
    expect(expression('macd(close, 12, 26, 9).macdHist[1]')).toBe('(lag (. (macd close 12 26 9) macdHist) 1)')
    expect(expression('crossover(sma(close, fast), sma(close, slow))')).toBe('(crossover (sma close fast) (sma close slow))')
    expect(expression('obv()')).toBe('(obv)')
    expect(expression('(close - open)[2]')).toBe('(lag (- close open) 2)')
  })

  it('reads numbers with decimals and exponents, and a leading dot', () => {
    expect(expression('1.5 + .25 + 2e3')).toBe('(+ (+ 1.5 0.25) 2000)')
  })
})

describe('parser: syntax errors', () => {
  it('reports one error per broken line and goes on with the next line', () => {
    const { syntax, diagnostics } = parseStrategy('strategy "x"\nlong entry: close >\nlong exit: close <\nstop loss: 2%')
    expect(diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['2:20', '3:19'])
    expect(syntax.statements.map((s) => s.kind)).toEqual(['strategy', 'signal', 'protective-exit'])
  })

  it('ends an unclosed parenthesis at a line that starts a statement', () => {
    const { diagnostics } = parseStrategy('strategy "x"\nlong entry: (close > open\nstop loss: 2%')
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ line: 2, column: 26, message: 'expected ")" to close the "(", got the end of the line' })
  })
})
