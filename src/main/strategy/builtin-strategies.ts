/** A strategy that ships with Quorum: a starting point in the Strategy Lab and a test input. */
export interface BuiltinStrategy {
  readonly id: string
  /** The name its source declares. */
  readonly name: string
  readonly description: string
  readonly source: string
}

const maCrossover = `strategy "MA crossover"
# Long while the fast average is above the slow one: in on the cross up, out on the cross down.
param fast = 10 in 5..50 step 5
param slow = 30 in 20..200 step 10

let fastMa = sma(close, fast)
let slowMa = sma(close, slow)

long entry: crossover(fastMa, slowMa)
long exit:  crossunder(fastMa, slowMa)
`

const emaTrend = `strategy "EMA trend with ATR trailing stop"
# Trade pullbacks in the direction of a long EMA; let an ATR trailing stop take the exit.
param trend = 100 in 50..200 step 25
param fastLen = 20 in 10..40 step 5
param atrLen = 14 in 7..28 step 7
param atrMult = 3.0 in 2.0..5.0 step 0.5

let trendMa = ema(close, trend)
let fastMa = ema(close, fastLen)
let range = atr(atrLen)

long entry:  close > trendMa and crossover(close, fastMa)
long exit:   crossunder(close, trendMa)
short entry: close < trendMa and crossunder(close, fastMa)
short exit:  crossover(close, trendMa)

stop loss:     2 * range
trailing stop: atrMult * range
size: risk 1% of equity
`

const rsiReversion = `strategy "RSI mean reversion"
# Buy when RSI climbs back out of oversold; take a small profit, or give up after a few bars.
param len = 14 in 2..30 step 2
param oversold = 30 in 10..40 step 5
param overbought = 70 in 60..90 step 5
param hold = 10 in 5..30 step 5

let r = rsi(close, len)

long entry: crossover(r, oversold)
long exit:  r > overbought

take profit: 3%
stop loss:   5%
exit after:  hold bars
size: 25% of equity
`

const bollingerReversion = `strategy "Bollinger band reversion"
# Fade a close outside the bands back toward the middle band; enter with a limit at the signal close.
param len = 20 in 10..50 step 5
param width = 2.0 in 1.5..3.0 step 0.25

let bands = bbands(close, len, width, width)

long entry:  crossover(close, bands.lowerBand)
long exit:   close > bands.middleBand
short entry: crossunder(close, bands.upperBand)
short exit:  close < bands.middleBand

order: limit close
stop loss:  2 * atr(14)
exit after: 15 bars
`

const macdMomentum = `strategy "MACD momentum"
# Follow MACD signal-line crosses when the rate of change agrees.
param fast = 12 in 6..20 step 2
param slow = 26 in 20..40 step 2
param signal = 9 in 5..15 step 2
param rocLen = 20 in 10..60 step 10

let m = macd(close, fast, slow, signal)
let momentum = roc(close, rocLen)

long entry:  crossover(m.macd, m.macdSignal) and momentum > 0
long exit:   crossunder(m.macd, m.macdSignal)
short entry: crossunder(m.macd, m.macdSignal) and momentum < 0
short exit:  crossover(m.macd, m.macdSignal)

stop loss: 3%
`

const donchianBreakout = `strategy "Donchian breakout"
# Turtle-style: enter on a close beyond the last N bars' channel, exit on the shorter channel.
param entryLen = 20 in 10..60 step 5
param exitLen = 10 in 5..30 step 5

# [1]: the channel of the bars before this one, so today's high cannot raise its own bar.
let upper = highest(high, entryLen)[1]
let lower = lowest(low, entryLen)[1]

long entry:  close > upper
long exit:   close < lowest(low, exitLen)[1]
short entry: close < lower
short exit:  close > highest(high, exitLen)[1]

stop loss: 2 * atr(20)
size: risk 1% of equity
`

export const BUILTIN_STRATEGIES: readonly BuiltinStrategy[] = [
  { id: 'ma-crossover', name: 'MA crossover', description: 'Long on a fast SMA crossing above a slow one, out on the cross back.', source: maCrossover },
  {
    id: 'ema-trend',
    name: 'EMA trend with ATR trailing stop',
    description: 'Long above a long EMA, short below it, entering as price crosses a faster EMA; ATR stop and trailing stop, risk-based size.',
    source: emaTrend,
  },
  {
    id: 'rsi-reversion',
    name: 'RSI mean reversion',
    description: 'Long when RSI rises back above the oversold level; 3% target, 5% stop, out after a set number of bars.',
    source: rsiReversion,
  },
  {
    id: 'bollinger-reversion',
    name: 'Bollinger band reversion',
    description: 'Fades closes outside the Bollinger bands back to the middle band, entering with a limit order; ATR stop and a time exit.',
    source: bollingerReversion,
  },
  { id: 'macd-momentum', name: 'MACD momentum', description: 'Trades MACD signal-line crosses in the direction of the rate of change, with a 3% stop.', source: macdMomentum },
  {
    id: 'donchian-breakout',
    name: 'Donchian breakout',
    description: 'Enters on a close beyond the prior N-bar high or low, exits on the shorter opposite channel; ATR stop, 1% risk per trade.',
    source: donchianBreakout,
  },
]
