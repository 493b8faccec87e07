import { describe, expect, it } from 'vitest'
import { checkStrategy, compileStrategy, formatDiagnostic } from '../../src/main/strategy'

/** Every diagnostic as `line:col-endLine:endCol severity message`. */
function problems(...lines: string[]): string[] {
  return checkStrategy(lines.join('\n')).map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.message}`)
}

/** The same for a strategy that is valid apart from the lines given (after a header and an entry). */
function inBody(...lines: string[]): string[] {
  return problems('strategy "t"', 'long entry: close > open', ...lines)
}

describe('diagnostics: characters and syntax', () => {
  it('reports a stray character, with a hint for other languages\' operators', () => {
    expect(problems('strategy "t"', 'long entry: close > open && close > 1 $')).toEqual([
      '2:26-2:28 error unexpected "&&": write `and` to combine conditions',
      '2:29-2:34 error unexpected "close" after the end of the statement',
      '2:39-2:40 error unexpected "$"',
    ])
  })

  it('reports a string with no closing quote', () => {
    expect(problems('strategy "t', 'long entry: close > open')).toEqual(['1:10-1:12 error this string has no closing quote (")'])
  })

  it('reports a number run into a name', () => {
    expect(inBody('let x = 2x')).toContain('3:9-3:11 error "2x" is not a number or a name: a name starts with a letter')
  })

  it('suggests the statement meant by a misspelt first word', () => {
    expect(inBody('lnog exit: close < open')).toEqual(['3:1-3:5 error "lnog" does not start a statement; did you mean long?'])
  })

  it('suggests let for an assignment', () => {
    expect(inBody('fast = sma(close, 10)')).toEqual(['3:1-3:5 error to name an expression, write let fast = …'])
  })

  it('reports a missing colon after a rule', () => {
    expect(inBody('long exit close < open')).toEqual(['3:11-3:16 error expected ":" after long exit, got "close"'])
  })

  it('asks for quotes around the strategy name', () => {
    expect(problems('strategy Trend', 'long entry: close > open')).toEqual(['1:10-1:15 error the strategy\'s name goes in double quotes: strategy "Trend"'])
  })

  it('refuses chained comparisons', () => {
    expect(inBody('long exit: 1 < close < 2')).toEqual(['3:22-3:23 error comparisons do not chain: write a < b and b < c'])
  })

  it('points = to ==', () => {
    expect(inBody('long exit: close = open')).toEqual(['3:18-3:19 error unexpected "=" after the end of the statement: to compare, write =='])
  })

  it('allows % only after the value of an exit or a size', () => {
    expect(inBody('long exit: close > open * 1%')).toEqual([
      '3:28-3:29 error unexpected "%" after the end of the statement: % only follows the value of stop loss, take profit, trailing stop and size',
    ])
  })

  it('asks for "bars" after a time exit and "after" after exit', () => {
    expect(inBody('exit after: 10')).toEqual(['3:15-3:15 error expected "bars" after the count (exit after: 20 bars), got the end of the file'])
    expect(inBody('exit: 10 bars')).toEqual(['3:5-3:6 error expected "after" after exit (exit after: 20 bars); for an exit signal write long exit: or short exit:'])
  })

  it('shows the sizing forms when a size is malformed', () => {
    expect(inBody('size: 10 of equity')).toEqual([
      '3:10-3:12 error expected "%" after the amount: write size: fixed 100, size: 10% of equity or size: risk 1% of equity',
    ])
  })

  it('names the order types when an order is malformed', () => {
    expect(inBody('order: limt close')).toEqual(['3:8-3:12 error expected market, limit <price> or stop <price>, got "limt"'])
  })

  it('reports an unclosed call and a missing value', () => {
    expect(inBody('long exit: sma(close, 20 < close', 'stop loss: 2 *')).toEqual([
      '3:33-3:33 error expected ")" to close the call of sma, got the end of the line',
      '4:15-4:15 error expected a value (a number, a name such as close, a call such as sma(close, 20), or "("), got the end of the file',
    ])
  })
})

describe('diagnostics: the strategy statement', () => {
  it('requires a strategy statement', () => {
    expect(problems('long entry: close > open')).toEqual(['1:1-1:25 error a strategy starts with its name: strategy "My strategy"'])
    expect(problems('')).toEqual([
      '1:1-1:1 error a strategy starts with its name: strategy "My strategy"',
      '1:1-1:1 error no entry rule: add long entry: <condition> or short entry: <condition>',
    ])
  })

  it('requires it first, once, with a name', () => {
    expect(problems('long entry: close > open', 'strategy "t"')).toEqual(['2:1-2:13 error strategy "…" must be the first statement'])
    expect(problems('strategy "t"', 'strategy "u"', 'long entry: close > open')).toEqual(['2:1-2:13 error strategy is already set on line 1; a strategy has one'])
    expect(problems('strategy "  "', 'long entry: close > open')).toEqual(['1:10-1:14 error the strategy needs a name: strategy "My strategy"'])
  })
})

describe('diagnostics: parameters', () => {
  it('reports a default outside its range', () => {
    expect(inBody('param fast = 60 in 5..50', 'long exit: sma(close, fast) > close')).toEqual(['3:14-3:16 error fast = 60 is outside its range 5..50'])
  })

  it('reports a backwards range', () => {
    expect(inBody('param fast = 10 in 50..5', 'long exit: sma(close, fast) > close')).toEqual(['3:20-3:25 error the range 50..5 is backwards: write 5..50'])
  })

  it('reports a step of 0 or less, and a step without a range', () => {
    expect(inBody('param a = 10 in 5..50 step 0', 'param b = 1.5 in 1..2 step -0.5', 'param c = 10 step 2')).toEqual([
      '3:28-3:29 error step must be more than 0, got 0',
      '4:28-4:32 error step must be more than 0, got -0.5',
      '5:19-5:20 error a step needs a range: param c = 10 in 10..20 step 2',
    ])
  })

  it('warns when the steps do not land on the end of the range', () => {
    expect(inBody('param fast = 5 in 5..50 step 7', 'long exit: sma(close, fast) > close')).toEqual(['3:30-3:31 warning steps of 7 from 5 do not reach 50; a sweep stops at 47'])
  })

  it('reports a duplicate name and a built-in name', () => {
    expect(inBody('param fast = 10', 'let fast = close', 'param close = 3', 'long exit: sma(close, fast) > close')).toEqual([
      '4:5-4:9 error fast is already defined on line 3',
      '5:7-5:12 error close is a built-in name; choose another',
    ])
  })

  it('warns about a parameter that is never used, unless there are errors', () => {
    expect(inBody('param unused = 3 in 1..5')).toEqual(['3:7-3:13 warning parameter unused is never used'])
    expect(inBody('param unused = 3 in 1..5', 'long exit: foo')).toEqual(['4:12-4:15 error unknown name "foo"'])
  })
})

describe('diagnostics: names', () => {
  it('suggests the closest known name for an unknown one', () => {
    expect(inBody('param fast = 10', 'long exit: clsoe < sma(close, fast) and fsat > 1 and Close > 1 and zzz > 1')).toEqual([
      '4:12-4:17 error unknown name "clsoe"; did you mean close?',
      '4:41-4:45 error unknown name "fsat"; did you mean fast?',
      '4:54-4:59 error unknown name "Close"; did you mean close?',
      '4:68-4:71 error unknown name "zzz"',
    ])
  })

  it('reports a let used before its definition, and one that uses itself', () => {
    expect(inBody('long exit: spread > 1', 'let spread = high - low', 'let loop = loop + 1', 'short entry: loop > 0')).toEqual([
      '3:12-3:18 error spread is defined on line 4, after this line; move its definition up',
      '5:12-5:16 error loop uses itself; a let can only use names defined before it',
    ])
  })

  it('warns about a let that is never used', () => {
    expect(inBody('let spread = high - low')).toEqual(['3:5-3:11 warning spread is never used'])
  })

  it('tells an indicator name used without a call', () => {
    expect(inBody('long exit: close < sma')).toEqual(['3:20-3:23 error sma is an indicator: call it, e.g. sma(series, period = 30)'])
  })
})

describe('diagnostics: indicator calls', () => {
  it('suggests the closest indicator for an unknown one', () => {
    expect(inBody('long exit: smaa(close, 20) > close')).toEqual(['3:12-3:16 error unknown indicator "smaa"; did you mean SMA?'])
  })

  it('refuses a call of something that is not a function', () => {
    expect(inBody('long exit: close(1) > 0')).toEqual(['3:12-3:17 error close is not a function'])
  })

  it('says what a single-series indicator takes when the count is wrong', () => {
    expect(inBody('long exit: sma(close, 20, 3) > close', 'short entry: sma() > close')).toEqual([
      '3:12-3:29 error SMA takes (series, period = 30); got 3 arguments',
      '4:14-4:19 error SMA takes (series, period = 30); got 0 arguments',
    ])
  })

  it('says that a bar indicator reads its own fields when given a series', () => {
    expect(inBody('long exit: atr(close, 14) > 1', 'short entry: obv(1) > 0')).toEqual([
      '3:12-3:26 error ATR reads high, low and close itself and takes only its settings: ATR(period = 14); got 2 arguments',
      '4:14-4:20 error OBV reads close and volume itself and takes no arguments; got 1 argument',
    ])
  })

  it('says the first argument is the series when a setting comes first', () => {
    expect(inBody('param n = 14', 'long exit: rsi(20) > 70 or rsi(n) > 70')).toEqual([
      '4:16-4:18 error the first argument of RSI is the series it runs on: RSI(series, period = 14), e.g. rsi(close, 20)',
      '4:32-4:33 error the first argument of RSI is the series it runs on: RSI(series, period = 14), e.g. rsi(close, n)',
    ])
  })

  it('checks a written setting against the library\'s range and kind', () => {
    expect(inBody('long exit: sma(close, 1) > close and sma(close, 2.5) > close and stddev(close, 5, -1.5) > 0 and sar(-1) > 0')).toEqual([
      '3:23-3:24 error SMA period must be between 2 and 100000, got 1',
      '3:49-3:52 error SMA period must be a whole number, got 2.5',
      '3:101-3:103 error SAR acceleration must be at least 0, got -1',
    ])
  })

  it('checks a parameter setting\'s kind and whole range against the library\'s', () => {
    expect(inBody('param a = 10 in 1..50', 'param b = 10.0 in 5..50', 'param c = 200000', 'long exit: sma(close, a) > sma(close, b) and ema(close, c) > 0')).toEqual([
      '6:23-6:24 error SMA period must be between 2 and 100000, but parameter a goes down to 1',
      '6:39-6:40 error SMA period must be a whole number, but parameter b can be fractional',
      '6:57-6:58 error EMA period must be between 2 and 100000, but parameter c is 200000',
    ])
  })

  it('refuses an expression or a let as a setting', () => {
    expect(inBody('param fast = 10', 'let n = 5', 'long exit: sma(close, fast * 2) > close and sma(close, n) > close')).toEqual([
      '5:23-5:31 error SMA period must be a number or a parameter, not "fast * 2": an indicator\'s settings are fixed for a run; declare param period = 30 to vary it',
      '5:56-5:57 error SMA period must be a number or a parameter, not "n": an indicator\'s settings are fixed for a run; declare param period = 30 to vary it',
    ])
  })

  it('takes MA types by name and suggests one for a misspelt name', () => {
    expect(inBody('long exit: ma(close, 10, ema) > close and ma(close, 10, emaa) > close and ma(close, 10, 9) > close')).toEqual([
      '3:57-3:61 error unknown MA type "emaa"; did you mean ema?',
      '3:89-3:90 error MA maType must be an MA type (sma, ema, wma, dema, tema, trima, kama, mama, t3) or its number 0–8, got 9',
    ])
  })

  it('requires an output of a multi-output indicator, and a known one', () => {
    expect(inBody('long exit: macd(close) > 0', 'short entry: macd(close).hist > 0', 'short exit: sma(close).real > close and sma(close).avg > 0')).toEqual([
      '3:12-3:23 error MACD has 3 outputs; pick one with .macd, .macdSignal or .macdHist',
      '4:26-4:30 error MACD has no output "hist"; its outputs are .macd, .macdSignal or .macdHist',
      '5:52-5:55 error SMA has a single output; remove .avg',
    ])
  })

  it('matches output names without regard to case and suggests a near one', () => {
    expect(inBody('long exit: macd(close).MACDHIST > 0 and macd(close).macdhst > 0')).toEqual(['3:53-3:60 error MACD has no output "macdhst"; did you mean .macdHist?'])
  })

  it('lets a let hold an indicator with several outputs until one is picked', () => {
    expect(inBody('let m = macd(close, 12, 26, 9)', 'long exit: m.macdHist < 0 and m.MACD > m.macdSignal')).toEqual([])
    expect(inBody('let m = macd(close, 12, 26, 9)', 'long exit: m < 0')).toEqual(['4:12-4:13 error MACD has 3 outputs; pick one with .macd, .macdSignal or .macdHist'])
  })

  it('names the aliases of the library\'s MAX and MIN in their messages', () => {
    expect(inBody('long exit: close > highest(high, 20, 3)')).toEqual(['3:20-3:40 error highest takes (series, period = 30); got 3 arguments'])
  })

  it('refuses an output of something that is not an indicator', () => {
    expect(inBody('long exit: close.real > 0')).toEqual(['3:18-3:22 error only an indicator with several outputs has named outputs (such as macd(close).macdHist); "close" has none'])
  })

  it('checks the arity of the built-in functions', () => {
    expect(inBody('long exit: crossover(close) or abs(close, open) > 0 or min(close) > 0')).toEqual([
      '3:12-3:28 error crossover takes two series: crossover(a, b); got 1 argument',
      '3:32-3:48 error abs takes one series: abs(x); got 2 arguments',
      '3:56-3:66 error min takes two series: min(a, b), the smaller on each bar; got 1 argument',
    ])
  })

  it('warns that max(high, 20) is not the highest high of 20 bars', () => {
    expect(inBody('long exit: close > max(high, 20)[1]')).toEqual([
      '3:20-3:33 warning max(high, 20) is the larger of high and 20 on each bar; for the highest high of the last 20 bars write highest(high, 20)',
    ])
    expect(inBody('param n = 10 in 5..20', 'long exit: min(low, n) < close')).toEqual([
      '4:12-4:23 warning min(low, n) is the smaller of low and n on each bar; for the lowest low of the last n bars write lowest(low, n)',
    ])
    expect(inBody('param x = 0.5', 'long exit: max(close - open, 0) > x and max(close, x) > 1')).toEqual([])
  })
})

describe('diagnostics: lags', () => {
  it('refuses a look-ahead', () => {
    expect(inBody('long exit: close[-1] > close')).toEqual(['3:18-3:20 error looks ahead: a lag must be 0 or more bars back'])
  })

  it('refuses a lag deeper than the history the VM keeps', () => {
    expect(inBody('long exit: close[100001] > close[100000]')).toEqual(['3:18-3:24 error a lag reaches at most 100000 bars back, got 100001'])
  })

  it('refuses a fractional lag and a lag set by a parameter', () => {
    expect(inBody('param n = 2', 'long exit: close[1.5] > close[n]')).toEqual([
      '4:18-4:21 error a lag is a whole number of bars, got 1.5',
      '4:31-4:32 error a lag must be a number written out, such as close[1]: the history a lag keeps is fixed before the run, so a parameter cannot set it',
    ])
  })
})

describe('diagnostics: types', () => {
  it('requires a condition for a signal rule', () => {
    expect(inBody('long exit: sma(close, 20)')).toEqual([
      '3:12-3:26 error long exit must be a condition (true or false), but "sma(close, 20)" is a number; compare it, e.g. sma(close, 20) > 0',
    ])
  })

  it('requires numbers for arithmetic and comparison, and conditions for logic', () => {
    expect(inBody('long exit: (close > open) + 1 > 0 or close and open > 0 or not close or (close > 1) < 2')).toEqual([
      '3:12-3:26 error + works on numbers, but "(close > open)" is a condition (true or false)',
      '3:38-3:43 error and works on conditions (true or false), but "close" is a number; compare it, e.g. close > 0',
      '3:64-3:69 error not works on conditions (true or false), but "close" is a number; compare it, e.g. close > 0',
      '3:73-3:84 error < works on numbers, but "(close > 1)" is a condition (true or false)',
    ])
  })

  it('requires both sides of == to be the same type', () => {
    expect(inBody('long exit: (close > open) == close')).toEqual([
      '3:12-3:35 error == compares two numbers or two conditions, but "(close > open)" is a condition and "close" is a number',
    ])
  })

  it('requires numbers for distances, sizes and prices', () => {
    expect(inBody('stop loss: close > open', 'size: fixed close > 1', 'order: limit close > 3')).toEqual([
      '3:12-3:24 error stop loss must be a number, but "close > open" is a condition (true or false)',
      '4:13-4:22 error a fixed size must be a number, but "close > 1" is a condition (true or false)',
      '5:14-5:23 error a limit order\'s price must be a number, but "close > 3" is a condition (true or false)',
    ])
  })
})

describe('diagnostics: rules', () => {
  it('refuses a rule set twice', () => {
    expect(inBody('long entry: close < open', 'stop loss: 2%', 'stop loss: 3%')).toEqual([
      '3:1-3:11 error long entry is already set on line 2; a strategy has one; combine conditions with or',
      '5:1-5:10 error stop loss is already set on line 4; a strategy has one',
    ])
  })

  it('requires an entry rule', () => {
    expect(problems('strategy "t"', 'long exit: close > open')).toEqual([
      '1:1-1:13 error no entry rule: add long entry: <condition> or short entry: <condition>',
      '2:1-2:10 warning long exit without a long entry never fires',
    ])
  })

  it('requires a stop loss for risk sizing', () => {
    expect(inBody('size: risk 1% of equity')).toEqual(['3:1-3:5 error risk sizing needs a stop loss: the size is the risk divided by the stop-loss distance; add stop loss: …'])
    expect(inBody('size: risk 1% of equity', 'stop loss: 2%')).toEqual([])
  })

  it('requires positive distances and sizes, and warns above 100% of equity', () => {
    expect(inBody('stop loss: 0%', 'take profit: -2', 'size: 150% of equity')).toEqual([
      '3:12-3:13 error stop loss is a distance from the entry price and must be more than 0%',
      '4:14-4:16 error take profit is a distance from the entry price and must be more than 0',
      '5:7-5:10 warning 150% of equity is more than all of it; a long is capped at the cash available',
    ])
    expect(inBody('size: fixed 0')).toEqual(['3:13-3:14 error the size must be more than 0, got 0'])
  })

  it('requires a whole number of bars, at least 1, for a time exit', () => {
    const usage = 'exit after needs a whole number of bars, at least 1: a number or an integer parameter'
    expect(inBody('exit after: 2.5 bars')).toEqual([`3:13-3:16 error ${usage}, got 2.5`])
    expect(inBody('exit after: 0 bars')).toEqual([`3:13-3:14 error ${usage}, got 0`])
    expect(inBody('param h = 2.5 in 1..5', 'exit after: h bars')).toEqual([`4:13-4:14 error ${usage}; parameter h can be fractional`])
    expect(inBody('param h = 5 in 0..10', 'exit after: h bars')).toEqual([`4:13-4:14 error ${usage}; parameter h goes down to 0`])
    expect(inBody('exit after: close bars')).toEqual([`3:13-3:18 error ${usage}`])
  })
})

describe('diagnostics: reporting', () => {
  it('reports every error in one pass, in source order', () => {
    const found = problems('strategy "t"', 'param fast = 0 in 1..10', 'long entry: smaa(close, fast) > 0', 'long exit: close[-2] > 0', 'stop loss: open > 1')
    expect(found.map((p) => p.slice(0, p.indexOf(' ')))).toEqual(['2:14-2:15', '3:13-3:17', '4:18-4:20', '5:12-5:20'])
  })

  it('formats a diagnostic with its line and column', () => {
    const [first] = checkStrategy('strategy "t"\nlong entry: smaa(close, 20) > close')
    expect(formatDiagnostic(first!)).toBe('line 2, col 13: error: unknown indicator "smaa"; did you mean SMA?')
  })

  it('returns the errors and warnings from compileStrategy when there is an error', () => {
    const result = compileStrategy('strategy "t"\nlong entry: close > max(high, 20)\nlong exit: close > opn')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning', 'error'])
  })

  it('returns the warnings with a program that compiled', () => {
    const result = compileStrategy('strategy "t"\nparam unused = 1\nlong entry: close > open')
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.info.diagnostics.map((d) => d.message)).toEqual(['parameter unused is never used'])
  })
})
