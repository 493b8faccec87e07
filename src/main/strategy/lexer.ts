import type { DiagnosticSink, Span } from './diagnostics'

export type Punctuation = '(' | ')' | '[' | ']' | ',' | '.' | '..' | ':' | '%' | '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '='

export type Token =
  | { readonly kind: 'number'; readonly span: Span; readonly text: string; readonly value: number; readonly integer: boolean }
  | { readonly kind: 'identifier'; readonly span: Span; readonly text: string }
  | { readonly kind: 'string'; readonly span: Span; readonly text: string; readonly value: string }
  | { readonly kind: 'punctuation'; readonly span: Span; readonly text: Punctuation }
  | { readonly kind: 'newline'; readonly span: Span; readonly text: string }
  | { readonly kind: 'end'; readonly span: Span; readonly text: string }

const TWO_CHAR: readonly Punctuation[] = ['..', '<=', '>=', '==', '!=']
const ONE_CHAR: readonly Punctuation[] = ['(', ')', '[', ']', ',', '.', ':', '%', '+', '-', '*', '/', '<', '>', '=']

const STATEMENT_START = /^[ \t]*(strategy|param|let|long|short|stop|take|trailing|exit|size|order)\b/

/** Characters from other languages, with what to write instead. */
const FOREIGN: Readonly<Record<string, string>> = {
  '&': 'write `and` to combine conditions',
  '|': 'write `or` to combine conditions',
  '!': 'write `not` to negate a condition, or `!=` for "not equal"',
  ';': 'write one statement per line',
  "'": 'strings use double quotes: strategy "Name"',
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

function isIdentifierStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_')
}

function isIdentifierPart(c: string | undefined): boolean {
  return isIdentifierStart(c) || isDigit(c)
}

/**
 * Splits the source into tokens. A line break ends a statement except inside parentheses or
 * brackets, so a long expression may be wrapped inside `( … )`. `#` starts a comment to the end
 * of the line. Bad characters are reported and skipped, so the parser still sees the rest.
 */
export function tokenize(source: string, sink: DiagnosticSink): Token[] {
  const tokens: Token[] = []
  let depth = 0
  let i = 0
  const n = source.length
  while (i < n) {
    const c = source[i] as string
    if (c === '#') {
      while (i < n && source[i] !== '\n') i++
      continue
    }
    if (c === '\n') {
      // An unclosed bracket would swallow the rest of the file: a line that starts a statement ends it.
      if (depth > 0 && STATEMENT_START.test(source.slice(i + 1, i + 40))) depth = 0
      // Empty, so a message about a missing token marks the end of the line, not the next line.
      if (depth === 0) tokens.push({ kind: 'newline', span: { start: i, end: i }, text: '\n' })
      i++
      continue
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++
      continue
    }
    const start = i
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
      let integer = true
      while (isDigit(source[i])) i++
      if (source[i] === '.' && isDigit(source[i + 1])) {
        integer = false
        i++
        while (isDigit(source[i])) i++
      }
      if ((source[i] === 'e' || source[i] === 'E') && (isDigit(source[i + 1]) || ((source[i + 1] === '+' || source[i + 1] === '-') && isDigit(source[i + 2])))) {
        integer = false
        i += 2
        while (isDigit(source[i])) i++
      }
      const text = source.slice(start, i)
      if (isIdentifierStart(source[i])) {
        while (isIdentifierPart(source[i])) i++
        sink.error({ start, end: i }, `"${source.slice(start, i)}" is not a number or a name: a name starts with a letter`)
        continue
      }
      tokens.push({ kind: 'number', span: { start, end: i }, text, value: Number(text), integer })
      continue
    }
    if (isIdentifierStart(c)) {
      while (isIdentifierPart(source[i])) i++
      tokens.push({ kind: 'identifier', span: { start, end: i }, text: source.slice(start, i) })
      continue
    }
    if (c === '"') {
      i++
      let value = ''
      while (i < n && source[i] !== '"' && source[i] !== '\n') {
        if (source[i] === '\\' && (source[i + 1] === '"' || source[i + 1] === '\\')) i++
        value += source[i] as string
        i++
      }
      if (source[i] !== '"') {
        sink.error({ start, end: i }, 'this string has no closing quote (")')
        tokens.push({ kind: 'string', span: { start, end: i }, text: source.slice(start, i), value })
        continue
      }
      i++
      tokens.push({ kind: 'string', span: { start, end: i }, text: source.slice(start, i), value })
      continue
    }
    const two = source.slice(i, i + 2)
    const punctuation = TWO_CHAR.find((p) => p === two) ?? ONE_CHAR.find((p) => p === c)
    if (punctuation !== undefined) {
      i += punctuation.length
      if (punctuation === '(' || punctuation === '[') depth++
      if ((punctuation === ')' || punctuation === ']') && depth > 0) depth--
      tokens.push({ kind: 'punctuation', span: { start, end: i }, text: punctuation })
      continue
    }
    const doubled = (c === '&' || c === '|') && source[i + 1] === c
    i += doubled ? 2 : 1
    const hint = FOREIGN[c]
    sink.error({ start, end: i }, `unexpected "${source.slice(start, i)}"${hint === undefined ? '' : `: ${hint}`}`)
  }
  tokens.push({ kind: 'end', span: { start: n, end: n }, text: '' })
  return tokens
}
