import type { DiagnosticSink, Span } from './diagnostics'
import { didYouMean } from './did-you-mean'
import { type Punctuation, type Token, tokenize } from './lexer'
import type { BinaryOperator, Expression, NumberLiteral, OrderType, ProtectiveExit, Side, SizingKind, Statement, StrategySyntax } from './syntax-tree'

/** A syntax error: abandons the statement it is in; the parser goes on at the next line. */
class SyntaxError extends Error {
  constructor(
    readonly span: Span,
    message: string,
  ) {
    super(message)
  }
}

const STATEMENT_HEADS = ['strategy', 'param', 'let', 'long', 'short', 'stop', 'take', 'trailing', 'exit', 'size', 'order'] as const
const COMPARISONS: readonly Punctuation[] = ['<', '<=', '>', '>=', '==', '!=']

function join(a: Span, b: Span): Span {
  return { start: a.start, end: b.end }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'newline':
      return 'the end of the line'
    case 'end':
      return 'the end of the file'
    case 'string':
      return `the string ${token.text}`
    default:
      return `"${token.text}"`
  }
}

/**
 * The hand-written recursive-descent parser. One statement per line; a statement with a syntax
 * error is reported and skipped, so every line's errors are found in one pass.
 */
class Parser {
  private pos = 0

  constructor(
    private readonly tokens: readonly Token[],
    private readonly sink: DiagnosticSink,
  ) {}

  parseStrategy(): StrategySyntax {
    const statements: Statement[] = []
    for (;;) {
      while (this.peek().kind === 'newline') this.pos++
      if (this.peek().kind === 'end') break
      const start = this.pos
      try {
        const statement = this.statement()
        this.endOfStatement()
        statements.push(statement)
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e
        this.sink.error(e.span, e.message)
        while (this.peek().kind !== 'newline' && this.peek().kind !== 'end') this.pos++
        const placeholder = this.placeholder(start)
        if (placeholder !== null) statements.push(placeholder)
      }
    }
    return { statements }
  }

  /**
   * What a broken statement still tells: the name a `let` or `param` defines and the rule a
   * `long entry:` sets, so the checker does not add "unknown name" or "no entry rule" to the
   * syntax error already reported.
   */
  private placeholder(start: number): Statement | null {
    const [head, second] = [this.tokens[start], this.tokens[start + 1]]
    if (head?.kind !== 'identifier') return null
    const span = { start: head.span.start, end: this.previous().span.end }
    if (head.text === 'strategy') return { kind: 'strategy', span, name: '(unnamed)', nameSpan: span }
    if (second?.kind !== 'identifier') return null
    const invalid: Expression = { kind: 'invalid', span }
    if (head.text === 'let' || head.text === 'param') return { kind: 'let', span, name: second.text, nameSpan: second.span, value: invalid }
    if ((head.text === 'long' || head.text === 'short') && second.text === 'entry') {
      return { kind: 'signal', span, keywordSpan: join(head.span, second.span), side: head.text, action: 'entry', condition: invalid }
    }
    return null
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] as Token
  }

  private next(): Token {
    const token = this.peek()
    if (token.kind !== 'end') this.pos++
    return token
  }

  private previous(): Token {
    return this.tokens[Math.max(0, this.pos - 1)] as Token
  }

  private isPunctuation(p: Punctuation, ahead = 0): boolean {
    const token = this.peek(ahead)
    return token.kind === 'punctuation' && token.text === p
  }

  private isWord(word: string, ahead = 0): boolean {
    const token = this.peek(ahead)
    return token.kind === 'identifier' && token.text === word
  }

  private expectPunctuation(p: Punctuation, context: string): Token {
    if (!this.isPunctuation(p)) throw new SyntaxError(this.peek().span, `expected "${p}" ${context}, got ${describe(this.peek())}`)
    return this.next()
  }

  private expectWord(word: string, context: string): Token {
    if (!this.isWord(word)) throw new SyntaxError(this.peek().span, `expected "${word}" ${context}, got ${describe(this.peek())}`)
    return this.next()
  }

  private expectIdentifier(context: string): Token & { kind: 'identifier' } {
    const token = this.peek()
    if (token.kind !== 'identifier') throw new SyntaxError(token.span, `expected a name ${context}, got ${describe(token)}`)
    this.pos++
    return token
  }

  private endOfStatement(): void {
    const token = this.peek()
    if (token.kind === 'newline' || token.kind === 'end') return
    let hint = ''
    if (token.kind === 'punctuation' && token.text === '=') hint = ': to compare, write =='
    else if (token.kind === 'punctuation' && token.text === '%') hint = ': % only follows the value of stop loss, take profit, trailing stop and size'
    else if (token.kind === 'punctuation' && token.text === ')') hint = ': it closes no "("'
    throw new SyntaxError(token.span, `unexpected ${describe(token)} after the end of the statement${hint}`)
  }

  private statement(): Statement {
    const head = this.peek()
    if (head.kind !== 'identifier') {
      throw new SyntaxError(head.span, `expected a statement (strategy, param, let, long entry:, stop loss:, size:, …), got ${describe(head)}`)
    }
    switch (head.text) {
      case 'strategy':
        return this.strategyStatement()
      case 'param':
        return this.paramStatement()
      case 'let':
        return this.letStatement()
      case 'long':
      case 'short':
        return this.sideStatement(head.text)
      case 'stop':
        return this.protectiveExit('loss', 'stop loss')
      case 'take':
        return this.protectiveExit('profit', 'take profit')
      case 'trailing':
        return this.protectiveExit('stop', 'trailing stop')
      case 'exit':
        return this.exitAfter()
      case 'size':
        return this.sizeStatement()
      case 'order':
        return this.orderStatement('both', this.next().span)
    }
    if (this.isPunctuation('=', 1)) throw new SyntaxError(head.span, `to name an expression, write let ${head.text} = …`)
    const suggestion = didYouMean(head.text, STATEMENT_HEADS)
    throw new SyntaxError(head.span, `"${head.text}" does not start a statement${suggestion || ' (strategy, param, let, long entry:, stop loss:, size:, …)'}`)
  }

  private strategyStatement(): Statement {
    const keyword = this.next()
    const name = this.peek()
    if (name.kind === 'identifier') throw new SyntaxError(name.span, `the strategy's name goes in double quotes: strategy "${name.text}"`)
    if (name.kind !== 'string') throw new SyntaxError(name.span, `expected the strategy's name in double quotes, e.g. strategy "MA crossover", got ${describe(name)}`)
    this.pos++
    return { kind: 'strategy', span: join(keyword.span, name.span), name: name.value, nameSpan: name.span }
  }

  private signedNumber(context: string): NumberLiteral {
    const first = this.peek()
    const negative = this.isPunctuation('-')
    if (negative) this.pos++
    const token = this.peek()
    if (token.kind !== 'number') throw new SyntaxError(token.span, `expected a number ${context}, got ${describe(token)}`)
    this.pos++
    return { span: join(first.span, token.span), value: negative ? -token.value : token.value, integer: token.integer }
  }

  private paramStatement(): Statement {
    const keyword = this.next()
    const name = this.expectIdentifier('after param')
    this.expectPunctuation('=', `after the parameter's name (param ${name.text} = 10)`)
    const value = this.signedNumber(`as the value of ${name.text} (a parameter's value is a number, e.g. param ${name.text} = 10)`)
    let range: { min: NumberLiteral; max: NumberLiteral } | null = null
    let step: NumberLiteral | null = null
    if (this.isWord('in')) {
      this.pos++
      const min = this.signedNumber('for the start of the range (in 5..50)')
      this.expectPunctuation('..', 'between the ends of the range (in 5..50)')
      const max = this.signedNumber('for the end of the range (in 5..50)')
      range = { min, max }
    }
    if (this.isWord('step')) {
      this.pos++
      step = this.signedNumber('after step')
    }
    return { kind: 'param', span: join(keyword.span, this.previous().span), name: name.text, nameSpan: name.span, default: value, range, step }
  }

  private letStatement(): Statement {
    const keyword = this.next()
    const name = this.expectIdentifier('after let')
    this.expectPunctuation('=', `after the name (let ${name.text} = …)`)
    const value = this.expression()
    return { kind: 'let', span: join(keyword.span, value.span), name: name.text, nameSpan: name.span, value }
  }

  private sideStatement(side: Side): Statement {
    const first = this.next()
    const word = this.peek()
    if (word.kind !== 'identifier' || (word.text !== 'entry' && word.text !== 'exit' && word.text !== 'order')) {
      throw new SyntaxError(word.span, `expected entry, exit or order after ${side}, got ${describe(word)}`)
    }
    this.pos++
    const keywordSpan = join(first.span, word.span)
    if (word.text === 'order') return this.orderStatement(side, keywordSpan)
    this.expectPunctuation(':', `after ${side} ${word.text}`)
    const condition = this.expression()
    return { kind: 'signal', span: join(first.span, condition.span), keywordSpan, side, action: word.text, condition }
  }

  private protectiveExit(second: string, exit: ProtectiveExit): Statement {
    const first = this.next()
    const keywordSpan = join(first.span, this.expectWord(second, `after ${first.text}`).span)
    this.expectPunctuation(':', `after ${exit}`)
    const distance = this.expression()
    const percent = this.isPunctuation('%')
    if (percent) this.pos++
    return { kind: 'protective-exit', span: join(first.span, this.previous().span), keywordSpan, exit, distance, percent }
  }

  private exitAfter(): Statement {
    const first = this.next()
    if (!this.isWord('after')) {
      throw new SyntaxError(this.peek().span, `expected "after" after exit (exit after: 20 bars); for an exit signal write long exit: or short exit:`)
    }
    const keywordSpan = join(first.span, this.next().span)
    this.expectPunctuation(':', 'after exit after')
    const bars = this.expression()
    if (!this.isWord('bars') && !this.isWord('bar')) throw new SyntaxError(this.peek().span, `expected "bars" after the count (exit after: 20 bars), got ${describe(this.peek())}`)
    this.pos++
    return { kind: 'exit-after', span: join(first.span, this.previous().span), keywordSpan, bars }
  }

  private sizeStatement(): Statement {
    const keyword = this.next()
    this.expectPunctuation(':', 'after size')
    const usage = 'write size: fixed 100, size: 10% of equity or size: risk 1% of equity'
    let sizing: SizingKind
    if (this.isWord('fixed') && !this.isPunctuation('%', 1)) {
      this.pos++
      const amount = this.expression()
      return { kind: 'size', span: join(keyword.span, amount.span), keywordSpan: keyword.span, sizing: 'fixed', amount }
    }
    if (this.isWord('risk') && !this.isPunctuation('%', 1)) {
      this.pos++
      sizing = 'risk-percent'
    } else {
      sizing = 'equity-percent'
    }
    const amount = this.expression()
    if (!this.isPunctuation('%')) throw new SyntaxError(this.peek().span, `expected "%" after the amount: ${usage}`)
    this.pos++
    this.expectWord('of', `after % (${usage})`)
    this.expectWord('equity', `after of (${usage})`)
    return { kind: 'size', span: join(keyword.span, this.previous().span), keywordSpan: keyword.span, sizing, amount }
  }

  private orderStatement(side: Side | 'both', keywordSpan: Span): Statement {
    this.expectPunctuation(':', `after ${side === 'both' ? '' : `${side} `}order`)
    const word = this.peek()
    if (word.kind !== 'identifier' || (word.text !== 'market' && word.text !== 'limit' && word.text !== 'stop')) {
      throw new SyntaxError(word.span, `expected market, limit <price> or stop <price>, got ${describe(word)}`)
    }
    this.pos++
    const type: OrderType = word.text
    const price = type === 'market' ? null : this.expression()
    return { kind: 'order', span: join(keywordSpan, this.previous().span), keywordSpan, side, type, price }
  }

  expression(): Expression {
    return this.or()
  }

  private binaryLevel(operand: () => Expression, operators: readonly string[]): Expression {
    let left = operand()
    for (;;) {
      const token = this.peek()
      const isOperator = (token.kind === 'punctuation' || token.kind === 'identifier') && operators.includes(token.text)
      if (!isOperator) return left
      this.pos++
      const right = operand()
      left = { kind: 'binary', span: join(left.span, right.span), operator: token.text as BinaryOperator, left, right }
    }
  }

  private or(): Expression {
    return this.binaryLevel(() => this.and(), ['or'])
  }

  private and(): Expression {
    return this.binaryLevel(() => this.not(), ['and'])
  }

  private not(): Expression {
    if (this.isWord('not')) {
      const keyword = this.next()
      const operand = this.not()
      return { kind: 'unary', span: join(keyword.span, operand.span), operator: 'not', operand }
    }
    return this.comparison()
  }

  private comparison(): Expression {
    const left = this.additive()
    const token = this.peek()
    if (token.kind !== 'punctuation' || !COMPARISONS.includes(token.text)) return left
    this.pos++
    const right = this.additive()
    const after = this.peek()
    if (after.kind === 'punctuation' && COMPARISONS.includes(after.text)) {
      throw new SyntaxError(after.span, `comparisons do not chain: write a ${token.text} b and b ${after.text} c`)
    }
    return { kind: 'binary', span: join(left.span, right.span), operator: token.text as BinaryOperator, left, right }
  }

  private additive(): Expression {
    return this.binaryLevel(() => this.multiplicative(), ['+', '-'])
  }

  private multiplicative(): Expression {
    return this.binaryLevel(() => this.unary(), ['*', '/'])
  }

  private unary(): Expression {
    if (this.isPunctuation('-')) {
      const minus = this.next()
      const operand = this.unary()
      return { kind: 'unary', span: join(minus.span, operand.span), operator: '-', operand }
    }
    return this.postfix()
  }

  private postfix(): Expression {
    let target = this.primary()
    for (;;) {
      if (this.isPunctuation('[')) {
        this.pos++
        const bars = this.expression()
        const close = this.expectPunctuation(']', 'to close the lag (close[1])')
        target = { kind: 'lag', span: join(target.span, close.span), target, bars }
      } else if (this.isPunctuation('.')) {
        this.pos++
        const name = this.expectIdentifier('after "." (an output, e.g. .macdHist)')
        target = { kind: 'output', span: join(target.span, name.span), target, output: name.text, outputSpan: name.span }
      } else {
        return target
      }
    }
  }

  private primary(): Expression {
    const token = this.peek()
    if (token.kind === 'number') {
      this.pos++
      return { kind: 'number', span: token.span, value: token.value, integer: token.integer }
    }
    if (token.kind === 'identifier') {
      this.pos++
      if (!this.isPunctuation('(')) return { kind: 'name', span: token.span, name: token.text }
      this.pos++
      const args: Expression[] = []
      if (!this.isPunctuation(')')) {
        for (;;) {
          args.push(this.expression())
          if (!this.isPunctuation(',')) break
          this.pos++
        }
      }
      const close = this.expectPunctuation(')', `to close the call of ${token.text}`)
      return { kind: 'call', span: join(token.span, close.span), callee: token.text, calleeSpan: token.span, args }
    }
    if (token.kind === 'punctuation' && token.text === '(') {
      this.pos++
      const inner = this.expression()
      this.expectPunctuation(')', 'to close the "("')
      // The parentheses belong to the span, so a message about the group points at all of it.
      return { ...inner, span: join(token.span, this.previous().span) }
    }
    throw new SyntaxError(token.span, `expected a value (a number, a name such as close, a call such as sma(close, 20), or "("), got ${describe(token)}`)
  }
}

/** Parses a strategy's source into statements, reporting syntax errors into `sink`. */
export function parseSource(source: string, sink: DiagnosticSink): StrategySyntax {
  return new Parser(tokenize(source, sink), sink).parseStrategy()
}
