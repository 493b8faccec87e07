import type { IndicatorInfo, IndicatorParamSpec } from '../../shared/domain'
import { FIELD_CLOSE, FIELD_HIGH, FIELD_LOW, FIELD_OPEN, FIELD_VOLUME, Op, type OpCode, type ProgramParam, type ProgramValue } from '../native'
import type { CheckedDistance, CheckedOrder, CheckedStrategy, IndicatorUse, Term } from './checked-strategy'
import type { DiagnosticSink, LineMap, Span } from './diagnostics'
import { closestMatch, didYouMean } from './did-you-mean'
import { callableIndicatorNames, describeRange, INDICATOR_ALIASES, indicatorNamed, listWords, MA_TYPE_NAMES, signature, takesSeries } from './indicator-catalog'
import type { Expression, NumberLiteral, Statement, StrategySyntax } from './syntax-tree'

/** Sizing when a strategy has no `size:` statement. See docs/strategy-language.md for why. */
export const DEFAULT_SIZING = { kind: 'equity-percent', percent: 100 } as const

/** The deepest lag: the VM keeps that much history per lagged register (the library's longest period, too). */
const MAX_LAG = 100_000

const FIELDS: Readonly<Record<string, number>> = { open: FIELD_OPEN, high: FIELD_HIGH, low: FIELD_LOW, close: FIELD_CLOSE, volume: FIELD_VOLUME }
const FUNCTIONS = ['crossover', 'crossunder', 'abs', 'min', 'max'] as const
const RESERVED = new Set([...Object.keys(FIELDS), ...FUNCTIONS, 'highest', 'lowest', 'and', 'or', 'not'])

const ARITHMETIC: Readonly<Record<string, OpCode>> = { '+': Op.Add, '-': Op.Sub, '*': Op.Mul, '/': Op.Div }
const ORDERING: Readonly<Record<string, OpCode>> = { '<': Op.Lt, '<=': Op.Le, '>': Op.Gt, '>=': Op.Ge }
const EQUALITY: Readonly<Record<string, OpCode>> = { '==': Op.Eq, '!=': Op.Ne }

/** A checked expression: a series of numbers or of truth values, an indicator's outputs not yet picked, or an error already reported. */
type Value =
  | { readonly type: 'number' | 'bool'; readonly term: Term }
  | { readonly type: 'outputs'; readonly info: IndicatorInfo; readonly use: IndicatorUse }
  | { readonly type: 'invalid' }

type Binding =
  | { readonly kind: 'param'; readonly index: number; readonly param: ProgramParam; readonly span: Span; used: boolean }
  | { readonly kind: 'let'; readonly value: Value; readonly span: Span; used: boolean }

const INVALID: Value = { type: 'invalid' }

function op(code: OpCode, ...args: Term[]): Term {
  return { t: 'op', op: code, args }
}

function outputChoices(info: IndicatorInfo): string {
  return listWords(
    info.outputs.map((o) => `.${o}`),
    'or',
  )
}

/** The literal a number or a negated number stands for, or undefined for anything else. */
function literalValue(e: Expression): { value: number; integer: boolean } | undefined {
  if (e.kind === 'number') return { value: e.value, integer: e.integer }
  if (e.kind === 'unary' && e.operator === '-' && e.operand.kind === 'number') return { value: -e.operand.value, integer: e.operand.integer }
  return undefined
}

/**
 * Resolves names, types and indicator calls, and reports every problem it finds; the statements
 * are checked top to bottom, so a name is usable after the line that defines it.
 */
class Checker {
  private readonly scope = new Map<string, Binding>()
  /** Every name the strategy defines, to tell "defined later" from "unknown". */
  private readonly declared = new Map<string, Span>()
  private readonly params: ProgramParam[] = []
  private readonly rules = new Map<string, Span>()
  /** The let whose value is being checked, to catch a let that uses itself. */
  private defining: string | null = null

  private name = ''
  private longEntry: Term | null = null
  private longExit: Term | null = null
  private shortEntry: Term | null = null
  private shortExit: Term | null = null
  private bothOrders: CheckedOrder | null = null
  private longOrder: CheckedOrder | null = null
  private shortOrder: CheckedOrder | null = null
  private stopLoss: CheckedDistance | null = null
  private takeProfit: CheckedDistance | null = null
  private trailingStop: CheckedDistance | null = null
  private exitAfterBars: Term | null = null
  private sizing: CheckedStrategy['sizing'] = { kind: DEFAULT_SIZING.kind, amount: { t: 'const', value: DEFAULT_SIZING.percent } }

  constructor(
    private readonly source: string,
    private readonly sink: DiagnosticSink,
    private readonly lines: LineMap,
  ) {}

  check(syntax: StrategySyntax): CheckedStrategy {
    const { statements } = syntax
    for (const s of statements) {
      if ((s.kind === 'param' || s.kind === 'let') && !this.declared.has(s.name)) this.declared.set(s.name, s.nameSpan)
    }
    const first = statements[0]
    const strategies = statements.filter((s) => s.kind === 'strategy')
    if (strategies.length === 0) {
      this.sink.error(first?.span ?? { start: 0, end: 0 }, 'a strategy starts with its name: strategy "My strategy"')
    } else if (first !== undefined && first.kind !== 'strategy') {
      this.sink.error((strategies[0] as Statement).span, 'strategy "…" must be the first statement')
    }
    for (const s of statements) this.statement(s)

    const anchor = strategies[0]?.span ?? first?.span ?? { start: 0, end: 0 }
    if (this.longEntry === null && this.shortEntry === null && !this.rules.has('long entry') && !this.rules.has('short entry')) {
      this.sink.error(anchor, 'no entry rule: add long entry: <condition> or short entry: <condition>')
    }
    for (const side of ['long', 'short'] as const) {
      const exit = this.rules.get(`${side} exit`)
      if (exit !== undefined && !this.rules.has(`${side} entry`)) this.sink.warning(exit, `${side} exit without a ${side} entry never fires`)
    }
    const size = this.rules.get('size')
    if (size !== undefined && this.sizing.kind === 'risk-percent' && !this.rules.has('stop loss')) {
      this.sink.error(size, 'risk sizing needs a stop loss: the size is the risk divided by the stop-loss distance; add stop loss: …')
    }
    // While there are errors, a name's one use may be in a statement that was dropped or refused.
    const reportUnused = !this.sink.hasErrors
    for (const [name, binding] of this.scope) {
      if (!reportUnused || binding.used || (binding.kind === 'let' && binding.value.type === 'invalid')) continue
      if (binding.kind === 'param') this.sink.warning(binding.span, `parameter ${name} is never used`)
      else this.sink.warning(binding.span, `${name} is never used`)
    }
    const order = (side: CheckedOrder | null): CheckedOrder => side ?? this.bothOrders ?? { type: 'market', price: null }
    return {
      name: this.name,
      params: this.params,
      longEntry: this.longEntry,
      longExit: this.longExit,
      shortEntry: this.shortEntry,
      shortExit: this.shortExit,
      longOrder: order(this.longOrder),
      shortOrder: order(this.shortOrder),
      stopLoss: this.stopLoss,
      takeProfit: this.takeProfit,
      trailingStop: this.trailingStop,
      exitAfterBars: this.exitAfterBars,
      sizing: this.sizing,
    }
  }

  private lineOf(span: Span): number {
    return this.lines.position(span.start).line
  }

  /** The source of a span in quotes, or "this expression" when it is long. */
  private quote(span: Span): string {
    const text = this.source.slice(span.start, span.end)
    return text.length <= 40 && !text.includes('\n') ? `"${text}"` : 'this expression'
  }

  /** Records a rule statement; false (and an error) when the strategy already has it. */
  private claim(rule: string, span: Span, hint = ''): boolean {
    const earlier = this.rules.get(rule)
    if (earlier !== undefined) {
      this.sink.error(span, `${rule} is already set on line ${this.lineOf(earlier)}; a strategy has one${hint}`)
      return false
    }
    this.rules.set(rule, span)
    return true
  }

  private statement(s: Statement): void {
    switch (s.kind) {
      case 'strategy':
        if (!this.claim('strategy', s.span)) return
        if (s.name.trim() === '') this.sink.error(s.nameSpan, 'the strategy needs a name: strategy "My strategy"')
        this.name = s.name
        return
      case 'param':
        return this.param(s)
      case 'let':
        return this.letStatement(s)
      case 'signal': {
        const rule = `${s.side} ${s.action}`
        const fresh = this.claim(rule, s.keywordSpan, '; combine conditions with or')
        const term = this.condition(s.condition, rule)
        if (!fresh || term === null) return
        if (rule === 'long entry') this.longEntry = term
        else if (rule === 'long exit') this.longExit = term
        else if (rule === 'short entry') this.shortEntry = term
        else this.shortExit = term
        return
      }
      case 'protective-exit': {
        const fresh = this.claim(s.exit, s.keywordSpan)
        const term = this.number(s.distance, s.exit)
        const literal = literalValue(s.distance)
        if (literal !== undefined && literal.value <= 0) {
          this.sink.error(s.distance.span, `${s.exit} is a distance from the entry price and must be more than 0${s.percent ? '%' : ''}`)
          return
        }
        if (!fresh || term === null) return
        const distance: CheckedDistance = { term, unit: s.percent ? 'percent' : 'price' }
        if (s.exit === 'stop loss') this.stopLoss = distance
        else if (s.exit === 'take profit') this.takeProfit = distance
        else this.trailingStop = distance
        return
      }
      case 'exit-after': {
        const fresh = this.claim('exit after', s.keywordSpan)
        const term = this.barCount(s.bars)
        if (fresh && term !== null) this.exitAfterBars = term
        return
      }
      case 'size':
        return this.size(s)
      case 'order': {
        const rule = s.side === 'both' ? 'order' : `${s.side} order`
        const fresh = this.claim(rule, s.keywordSpan)
        const price = s.price === null ? null : this.number(s.price, `a ${s.type} order's price`)
        if (!fresh || (s.price !== null && price === null)) return
        const order: CheckedOrder = { type: s.type, price }
        if (s.side === 'both') this.bothOrders = order
        else if (s.side === 'long') this.longOrder = order
        else this.shortOrder = order
        return
      }
    }
  }

  /** False (and an error) when `name` may not be defined here. */
  private definable(name: string, span: Span): boolean {
    if (RESERVED.has(name)) {
      this.sink.error(span, `${name} is a built-in name; choose another`)
      return false
    }
    const existing = this.scope.get(name)
    if (existing !== undefined) {
      this.sink.error(span, `${name} is already defined on line ${this.lineOf(existing.span)}`)
      return false
    }
    return true
  }

  private param(s: Statement & { kind: 'param' }): void {
    const finite = (n: NumberLiteral): boolean => {
      if (Number.isFinite(n.value)) return true
      this.sink.error(n.span, 'this number is too large')
      return false
    }
    let ok = this.definable(s.name, s.nameSpan)
    const value = s.default.value
    ok = finite(s.default) && ok
    let min = value
    let max = value
    if (s.range !== null) {
      const { min: lo, max: hi } = s.range
      if (finite(lo) && finite(hi)) {
        min = lo.value
        max = hi.value
        if (min > max) {
          this.sink.error({ start: lo.span.start, end: hi.span.end }, `the range ${min}..${max} is backwards: write ${max}..${min}`)
          ok = false
        } else if (value < min || value > max) {
          this.sink.error(s.default.span, `${s.name} = ${value} is outside its range ${min}..${max}`)
          ok = false
        }
      } else {
        ok = false
      }
    }
    const integer = s.default.integer && (s.range === null || (s.range.min.integer && s.range.max.integer)) && (s.step === null || s.step.integer)
    let step = integer ? 1 : max > min ? (max - min) / 10 : 1
    if (s.step !== null) {
      if (s.range === null) {
        this.sink.error(s.step.span, `a step needs a range: param ${s.name} = ${value} in ${value}..${value * 2} step ${s.step.value}`)
        ok = false
      } else if (s.step.value <= 0 || !finite(s.step)) {
        if (s.step.value <= 0) this.sink.error(s.step.span, `step must be more than 0, got ${s.step.value}`)
        ok = false
      } else {
        step = s.step.value
        const count = (max - min) / step
        const last = min + Math.floor(count + 1e-9) * step
        if (Math.abs(count - Math.round(count)) > 1e-9) {
          this.sink.warning(s.step.span, `steps of ${step} from ${min} do not reach ${max}; a sweep stops at ${Number(last.toPrecision(12))}`)
        }
      }
    }
    if (!ok) {
      // Still defined, so its uses and a second definition are reported as such, not as unknown names.
      if (!RESERVED.has(s.name) && !this.scope.has(s.name)) this.scope.set(s.name, { kind: 'let', value: INVALID, span: s.nameSpan, used: false })
      return
    }
    const param: ProgramParam = { name: s.name, default: value, min, max, step, integer }
    this.scope.set(s.name, { kind: 'param', index: this.params.length, param, span: s.nameSpan, used: false })
    this.params.push(param)
  }

  private letStatement(s: Statement & { kind: 'let' }): void {
    const ok = this.definable(s.name, s.nameSpan)
    this.defining = s.name
    const value = this.value(s.value, true)
    this.defining = null
    if (ok) this.scope.set(s.name, { kind: 'let', value, span: s.nameSpan, used: false })
  }

  private size(s: Statement & { kind: 'size' }): void {
    const fresh = this.claim('size', s.keywordSpan)
    const what = s.sizing === 'fixed' ? 'a fixed size' : 'a percentage of equity'
    const amount = this.number(s.amount, what)
    const literal = literalValue(s.amount)
    if (literal !== undefined && literal.value <= 0) {
      this.sink.error(s.amount.span, `the size must be more than 0, got ${literal.value}`)
      return
    }
    if (literal !== undefined && s.sizing !== 'fixed' && literal.value > 100) {
      const message =
        s.sizing === 'equity-percent' ? `${literal.value}% of equity is more than all of it; a long is capped at the cash available` : `risking ${literal.value}% of equity on one trade`
      this.sink.warning(s.amount.span, message)
    }
    if (fresh && amount !== null) this.sizing = { kind: s.sizing, amount }
  }

  /** `exit after: N bars`: a whole number of at least 1, written out or an integer parameter. */
  private barCount(e: Expression): Term | null {
    const usage = 'exit after needs a whole number of bars, at least 1: a number or an integer parameter'
    const literal = literalValue(e)
    if (literal !== undefined) {
      if (!Number.isInteger(literal.value) || literal.value < 1) {
        this.sink.error(e.span, `${usage}, got ${literal.value}`)
        return null
      }
      return { t: 'const', value: literal.value }
    }
    if (e.kind === 'name') {
      const binding = this.scope.get(e.name)
      if (binding?.kind === 'param') {
        binding.used = true
        const { param } = binding
        if (!param.integer) this.sink.error(e.span, `${usage}; parameter ${param.name} can be fractional`)
        else if (param.min < 1) this.sink.error(e.span, `${usage}; parameter ${param.name} goes down to ${param.min}`)
        else return { t: 'param', index: binding.index }
        return null
      }
    }
    const value = this.value(e)
    if (value.type !== 'invalid') this.sink.error(e.span, usage)
    return null
  }

  private condition(e: Expression, context: string): Term | null {
    const value = this.value(e)
    if (value.type === 'bool') return value.term
    if (value.type === 'number') {
      this.sink.error(e.span, `${context} must be a condition (true or false), but ${this.quote(e.span)} is a number; compare it, e.g. ${this.source.slice(e.span.start, e.span.end)} > 0`)
    } else if (value.type === 'outputs') {
      this.multipleOutputs(value.info, e.span)
    }
    return null
  }

  private number(e: Expression, context: string): Term | null {
    const value = this.value(e)
    if (value.type === 'number') return value.term
    if (value.type === 'bool') this.sink.error(e.span, `${context} must be a number, but ${this.quote(e.span)} is a condition (true or false)`)
    else if (value.type === 'outputs') this.multipleOutputs(value.info, e.span)
    return null
  }

  private multipleOutputs(info: IndicatorInfo, span: Span): void {
    this.sink.error(span, `${info.name} has ${info.outputs.length} outputs; pick one with ${outputChoices(info)}`)
  }

  /** The value of an expression; an indicator with several outputs stays unpicked when `keepOutputs`. */
  private value(e: Expression, keepOutputs = false): Value {
    const value = this.resolve(e)
    if (value.type === 'outputs') {
      if (value.info.outputs.length === 1) return { type: 'number', term: { t: 'indicator', use: value.use, output: 0 } }
      if (!keepOutputs) {
        this.multipleOutputs(value.info, e.span)
        return INVALID
      }
    }
    return value
  }

  private operandOf(e: Expression, type: 'number' | 'bool', describeUse: string): Term | null {
    const value = this.value(e)
    if (value.type === 'invalid') return null
    if (value.type === type) return value.term
    const actual = value.type === 'number' ? 'a number' : 'a condition (true or false)'
    const wanted = type === 'number' ? 'numbers' : 'conditions (true or false)'
    let hint = ''
    if (type === 'bool') hint = `; compare it, e.g. ${this.source.slice(e.span.start, e.span.end)} > 0`
    this.sink.error(e.span, `${describeUse} works on ${wanted}, but ${this.quote(e.span)} is ${actual}${hint}`)
    return null
  }

  private resolve(e: Expression): Value {
    switch (e.kind) {
      case 'number':
        return { type: 'number', term: { t: 'const', value: e.value } }
      case 'name':
        return this.identifier(e)
      case 'unary': {
        if (e.operator === 'not') {
          const operand = this.operandOf(e.operand, 'bool', 'not')
          return operand === null ? INVALID : { type: 'bool', term: op(Op.Not, operand) }
        }
        const operand = this.operandOf(e.operand, 'number', 'unary -')
        if (operand === null) return INVALID
        if (operand.t === 'const' && operand.value !== 0) return { type: 'number', term: { t: 'const', value: -operand.value } }
        return { type: 'number', term: op(Op.Neg, operand) }
      }
      case 'binary':
        return this.binary(e)
      case 'call':
        return this.call(e)
      case 'output':
        return this.output(e)
      case 'lag':
        return this.lag(e)
      case 'invalid':
        return INVALID
    }
  }

  private binary(e: Expression & { kind: 'binary' }): Value {
    const { operator } = e
    const arithmetic = ARITHMETIC[operator]
    const ordering = ORDERING[operator]
    if (arithmetic !== undefined || ordering !== undefined) {
      const left = this.operandOf(e.left, 'number', operator)
      const right = this.operandOf(e.right, 'number', operator)
      if (left === null || right === null) return INVALID
      return arithmetic !== undefined ? { type: 'number', term: op(arithmetic, left, right) } : { type: 'bool', term: op(ordering as OpCode, left, right) }
    }
    const equality = EQUALITY[operator]
    if (equality !== undefined) {
      const left = this.value(e.left)
      const right = this.value(e.right)
      if (left.type === 'invalid' || right.type === 'invalid' || left.type === 'outputs' || right.type === 'outputs') return INVALID
      if (left.type !== right.type) {
        this.sink.error(e.span, `${operator} compares two numbers or two conditions, but ${this.quote(e.left.span)} is ${left.type === 'number' ? 'a number' : 'a condition'} and ${this.quote(e.right.span)} is ${right.type === 'number' ? 'a number' : 'a condition'}`)
        return INVALID
      }
      return { type: 'bool', term: op(equality, left.term, right.term) }
    }
    const left = this.operandOf(e.left, 'bool', operator)
    const right = this.operandOf(e.right, 'bool', operator)
    if (left === null || right === null) return INVALID
    return { type: 'bool', term: op(operator === 'and' ? Op.And : Op.Or, left, right) }
  }

  private identifier(e: Expression & { kind: 'name' }): Value {
    const field = FIELDS[e.name]
    if (field !== undefined) return { type: 'number', term: { t: 'field', field } }
    const binding = this.scope.get(e.name)
    if (binding !== undefined) {
      binding.used = true
      return binding.kind === 'param' ? { type: 'number', term: { t: 'param', index: binding.index } } : binding.value
    }
    if (e.name === this.defining) {
      this.sink.error(e.span, `${e.name} uses itself; a let can only use names defined before it`)
      return INVALID
    }
    const later = this.declared.get(e.name)
    if (later !== undefined && later.start > e.span.start) {
      this.sink.error(e.span, `${e.name} is defined on line ${this.lineOf(later)}, after this line; move its definition up`)
      return INVALID
    }
    if (later !== undefined) return INVALID // its definition had an error of its own
    const indicator = indicatorNamed(e.name)
    if (indicator !== undefined) {
      this.sink.error(e.span, `${e.name} is an indicator: call it, e.g. ${signature(indicator, e.name)}`)
      return INVALID
    }
    const known = [...Object.keys(FIELDS), ...this.scope.keys()]
    this.sink.error(e.span, `unknown name "${e.name}"${didYouMean(e.name, known)}`)
    return INVALID
  }

  private output(e: Expression & { kind: 'output' }): Value {
    const target = this.resolve(e.target)
    if (target.type === 'invalid') return INVALID
    if (target.type !== 'outputs') {
      this.sink.error(e.outputSpan, `only an indicator with several outputs has named outputs (such as macd(close).macdHist); ${this.quote(e.target.span)} has none`)
      return INVALID
    }
    const { info } = target
    const index = info.outputs.findIndex((o) => o.toLowerCase() === e.output.toLowerCase())
    if (index < 0) {
      const suggestion = closestMatch(e.output, info.outputs)
      const message =
        info.outputs.length === 1
          ? `${info.name} has a single output; remove .${e.output}`
          : `${info.name} has no output "${e.output}"${suggestion === undefined ? `; its outputs are ${outputChoices(info)}` : `; did you mean .${suggestion}?`}`
      this.sink.error(e.outputSpan, message)
      return INVALID
    }
    return { type: 'number', term: { t: 'indicator', use: target.use, output: index } }
  }

  private lag(e: Expression & { kind: 'lag' }): Value {
    const target = this.value(e.target)
    const bars = e.bars
    const literal = literalValue(bars)
    let n: number | null = null
    if (literal !== undefined) {
      if (literal.value < 0) this.sink.error(bars.span, 'looks ahead: a lag must be 0 or more bars back')
      else if (!Number.isInteger(literal.value)) this.sink.error(bars.span, `a lag is a whole number of bars, got ${literal.value}`)
      else if (literal.value > MAX_LAG) this.sink.error(bars.span, `a lag reaches at most ${MAX_LAG} bars back, got ${literal.value}`)
      else n = literal.value
    } else {
      const binding = bars.kind === 'name' ? this.scope.get(bars.name) : undefined
      const isParam = binding?.kind === 'param'
      if (binding !== undefined) binding.used = true
      const broken = bars.kind === 'invalid' || (binding?.kind === 'let' && binding.value.type === 'invalid')
      if (!broken) this.sink.error(
        bars.span,
        isParam ? 'a lag must be a number written out, such as close[1]: the history a lag keeps is fixed before the run, so a parameter cannot set it' : 'a lag must be a number written out, such as close[1]',
      )
    }
    if (target.type === 'invalid' || target.type === 'outputs' || n === null) return INVALID
    if (n === 0) return target
    const term: Term = target.term.t === 'lag' ? { t: 'lag', target: target.term.target, bars: target.term.bars + n } : { t: 'lag', target: target.term, bars: n }
    return { type: target.type, term }
  }

  private call(e: Expression & { kind: 'call' }): Value {
    const name = e.callee.toLowerCase()
    const arity = (count: number, usage: string): boolean => {
      if (e.args.length === count) return true
      this.sink.error(e.span, `${usage}; got ${e.args.length} argument${e.args.length === 1 ? '' : 's'}`)
      for (const arg of e.args) this.value(arg)
      return false
    }
    if (name === 'crossover' || name === 'crossunder') {
      if (!arity(2, `${name} takes two series: ${name}(a, b)`)) return INVALID
      const a = this.operandOf(e.args[0] as Expression, 'number', name)
      const b = this.operandOf(e.args[1] as Expression, 'number', name)
      if (a === null || b === null) return INVALID
      return { type: 'bool', term: op(name === 'crossover' ? Op.CrossOver : Op.CrossUnder, a, b) }
    }
    if (name === 'abs') {
      if (!arity(1, 'abs takes one series: abs(x)')) return INVALID
      const a = this.operandOf(e.args[0] as Expression, 'number', name)
      return a === null ? INVALID : { type: 'number', term: op(Op.Abs, a) }
    }
    if (name === 'min' || name === 'max') {
      if (!arity(2, `${name} takes two series: ${name}(a, b), the ${name === 'max' ? 'larger' : 'smaller'} on each bar`)) return INVALID
      const [first, second] = e.args as [Expression, Expression]
      const a = this.operandOf(first, 'number', name)
      const b = this.operandOf(second, 'number', name)
      if (a === null || b === null) return INVALID
      const asParam = second.kind === 'name' ? this.scope.get(second.name) : undefined
      const periodLike = literalValue(second) ?? (asParam?.kind === 'param' ? { value: asParam.param.min, integer: asParam.param.integer } : undefined)
      if (first.kind === 'name' && FIELDS[first.name] !== undefined && periodLike !== undefined && periodLike.integer && periodLike.value >= 2) {
        const rolling = name === 'max' ? 'highest' : 'lowest'
        const n = this.source.slice(second.span.start, second.span.end)
        this.sink.warning(
          e.span,
          `${name}(${first.name}, ${n}) is the ${name === 'max' ? 'larger' : 'smaller'} of ${first.name} and ${n} on each bar; for the ${rolling} ${first.name} of the last ${n} bars write ${rolling}(${first.name}, ${n})`,
        )
      }
      return { type: 'number', term: op(name === 'max' ? Op.Max : Op.Min, a, b) }
    }
    const info = indicatorNamed(e.callee)
    if (info === undefined) {
      for (const arg of e.args) this.value(arg)
      if (FIELDS[e.callee] !== undefined || this.scope.has(e.callee)) {
        this.sink.error(e.calleeSpan, `${e.callee} is not a function`)
        return INVALID
      }
      const candidates = [...callableIndicatorNames().map((n) => n.toUpperCase()), ...FUNCTIONS, 'highest', 'lowest']
      this.sink.error(e.calleeSpan, `unknown indicator "${e.callee}"${didYouMean(e.callee, candidates)}`)
      return INVALID
    }
    return this.indicatorCall(e, info, name)
  }

  private indicatorCall(e: Expression & { kind: 'call' }, info: IndicatorInfo, calledAs: string): Value {
    const display = INDICATOR_ALIASES[calledAs] === undefined ? info.name : calledAs
    const usage = signature(info, display)
    const series = takesSeries(info)
    const args = e.args
    let paramArgs: readonly Expression[]
    let seriesTerm: Term | null = null
    let ok = true
    if (series) {
      if (args.length === 0 || args.length > info.params.length + 1) {
        this.sink.error(e.span, `${display} takes ${usage.slice(display.length)}; got ${args.length} argument${args.length === 1 ? '' : 's'}`)
        for (const arg of args) this.value(arg)
        return INVALID
      }
      const first = args[0] as Expression
      const firstIsSetting = literalValue(first) !== undefined || (first.kind === 'name' && this.scope.get(first.name)?.kind === 'param')
      if (firstIsSetting) {
        this.sink.error(first.span, `the first argument of ${display} is the series it runs on: ${usage}, e.g. ${calledAs}(close, ${this.source.slice(first.span.start, first.span.end)})`)
        ok = false
      } else {
        seriesTerm = this.operandOf(first, 'number', `${display}'s series`)
        ok = seriesTerm !== null
      }
      paramArgs = args.slice(1)
    } else {
      if (args.length > info.params.length) {
        const reads = listWords(info.inputs.filter((f) => f !== 'time'))
        const takes = info.params.length === 0 ? 'takes no arguments' : `takes only its settings: ${usage}`
        this.sink.error(e.span, `${display} reads ${reads} itself and ${takes}; got ${args.length} argument${args.length === 1 ? '' : 's'}`)
        for (const arg of args) this.value(arg)
        return INVALID
      }
      paramArgs = args
    }
    const params: ProgramValue[] = []
    info.params.forEach((spec, i) => {
      const arg = paramArgs[i]
      if (arg === undefined) {
        params.push({ constant: spec.default })
        return
      }
      const value = this.indicatorParam(info, display, spec, arg)
      if (value === null) ok = false
      else params.push(value)
    })
    if (!ok) return INVALID
    return { type: 'outputs', info, use: { name: info.name, params, series: seriesTerm } }
  }

  /** One setting of an indicator: a number written out, a strategy parameter, or an MA type's name. */
  private indicatorParam(info: IndicatorInfo, display: string, spec: IndicatorParamSpec, arg: Expression): ProgramValue | null {
    const what = `${display} ${spec.name}`
    const whole = spec.kind !== 'real'
    const literal = literalValue(arg)
    if (literal !== undefined) {
      if (whole && !Number.isInteger(literal.value)) {
        this.sink.error(arg.span, `${what} must be a whole number, got ${literal.value}`)
        return null
      }
      if (literal.value < spec.min || literal.value > spec.max) {
        this.sink.error(arg.span, `${what} must be ${describeRange(spec)}, got ${literal.value}`)
        return null
      }
      return { constant: literal.value }
    }
    if (arg.kind === 'name') {
      const binding = this.scope.get(arg.name)
      if (binding?.kind === 'let' && binding.value.type === 'invalid') return null
      if (binding?.kind === 'param') {
        binding.used = true
        const { param } = binding
        if (whole && !param.integer) {
          this.sink.error(arg.span, `${what} must be a whole number, but parameter ${param.name} can be fractional`)
          return null
        }
        if (param.min < spec.min || param.max > spec.max) {
          const bad = param.min < spec.min ? param.min : param.max
          const reach = param.min === param.max ? `is ${bad}` : param.min < spec.min ? `goes down to ${bad}` : `goes up to ${bad}`
          this.sink.error(arg.span, `${what} must be ${describeRange(spec)}, but parameter ${param.name} ${reach}`)
          return null
        }
        return { param: binding.index }
      }
      if (spec.kind === 'ma-type') {
        const index = MA_TYPE_NAMES.indexOf(arg.name.toLowerCase())
        if (index >= 0) return { constant: index }
        if (binding === undefined) {
          this.sink.error(arg.span, `unknown MA type "${arg.name}"${didYouMean(arg.name, MA_TYPE_NAMES) || `; the MA types are ${MA_TYPE_NAMES.join(', ')}`}`)
          return null
        }
      }
      if (binding === undefined && FIELDS[arg.name] === undefined) {
        const later = this.declared.get(arg.name)
        if (later !== undefined && later.start > arg.span.start) this.sink.error(arg.span, `${arg.name} is defined on line ${this.lineOf(later)}, after this line; move its definition up`)
        else if (later === undefined) this.sink.error(arg.span, `unknown name "${arg.name}"${didYouMean(arg.name, [...this.params.map((p) => p.name)])}`)
        return null
      }
    }
    this.sink.error(
      arg.span,
      `${what} must be a number or a parameter, not ${this.quote(arg.span)}: an indicator's settings are fixed for a run; declare param ${spec.name} = ${spec.default} to vary it`,
    )
    return null
  }
}

/** Checks a parsed strategy, reporting into `sink`; the result is complete only when `sink` has no errors. */
export function checkSyntax(syntax: StrategySyntax, source: string, sink: DiagnosticSink, lines: LineMap): CheckedStrategy {
  return new Checker(source, sink, lines).check(syntax)
}
