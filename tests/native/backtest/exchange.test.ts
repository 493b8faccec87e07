import { describe, expect, it } from 'vitest'
import { barsFrom, closesOnly, ProgramBuilder, scriptedSignals } from './program-builder'
import { day, rounded, run, tradeRows } from './run-helpers'

// Rule numbers refer to docs/design/strategy-program.md, "The exchange".

/** A gentle up-move: the entry bar, two bars held, the exit bar and one more. */
const UP = barsFrom([
  [100, 101, 99, 100],
  [102, 105, 101, 104],
  [106, 108, 104, 107],
  [110, 111, 109, 110],
  [111, 112, 110, 111],
])

describe('market orders (rules 1, 3, 4, 6)', () => {
  it('fills a signal on the close at the next open, all in, and marks to market on each close', async () => {
    const out = await run(UP, scriptedSignals(UP, { longEntry: [1, 0, 0, 0, 0], longExit: [0, 0, 1, 0, 0] }))
    // floor(100000 / 102) = 980 shares, 40 left in cash; sold at 110.
    expect(tradeRows(out)).toEqual([
      {
        instrument: 0,
        side: 1,
        entryTime: day(1),
        entryPrice: 102,
        exitTime: day(3),
        exitPrice: 110,
        quantity: 980,
        pnl: 7840,
        commission: 0,
        mae: -980, // bar 1's low 101: 980 × (101 − 102)
        mfe: 7840, // the exit at 110
        barsHeld: 2,
        exitReason: 'signal',
      },
    ])
    expect(Array.from(out.equity.time)).toEqual([0, 1, 2, 3, 4].map(day))
    expect(Array.from(out.equity.equity)).toEqual([100000, 40 + 980 * 104, 40 + 980 * 107, 107840, 107840])
    expect(Array.from(out.equity.cash)).toEqual([100000, 40, 40, 107840, 107840])
    expect(Array.from(out.equity.drawdown)).toEqual([0, 0, 0, 0, 0])
  })

  it('fills at the same bar’s close with fill: close', async () => {
    const out = await run(UP, scriptedSignals(UP, { longEntry: [1, 0, 0, 0, 0], longExit: [0, 0, 1, 0, 0] }), { fill: 'close' })
    const [trade] = tradeRows(out)
    // 1000 shares at 100 (bar 0's close), sold at 107 (bar 2's close). Entered at a close, the
    // trade never shows a loss; its best is bar 2's high 108.
    expect(trade).toMatchObject({ entryTime: day(0), entryPrice: 100, exitTime: day(2), exitPrice: 107, quantity: 1000, pnl: 7000 })
    expect(trade).toMatchObject({ mae: 0, mfe: 8000, barsHeld: 2 })
    expect(Array.from(out.equity.equity)).toEqual([100000, 104000, 107000, 107000, 107000])
  })

  it('ignores an entry in the direction already held (no pyramiding)', async () => {
    const out = await run(UP, scriptedSignals(UP, { longEntry: [1, 1, 1, 0, 0], longExit: [0, 0, 0, 1, 0] }))
    expect(tradeRows(out).map((t) => [t.entryTime, t.quantity])).toEqual([[day(1), 980]])
  })

  it('acts on neither entry when long and short signal on the same bar', async () => {
    const out = await run(UP, scriptedSignals(UP, { longEntry: [1, 0, 0, 0, 0], shortEntry: [1, 0, 0, 0, 0] }))
    expect(tradeRows(out)).toEqual([])
    expect(out.stats.finalEquity).toBe(100000)
  })

  it('closes what is open at the last close with reason end, and opens nothing on the last bar', async () => {
    const out = await run(UP, scriptedSignals(UP, { longEntry: [0, 0, 1, 0, 1] }))
    // Entered at bar 3's open (110); still open on bar 4, the last: sold at its close 111.
    expect(tradeRows(out)).toEqual([expect.objectContaining({ entryPrice: 110, exitTime: day(4), exitPrice: 111, barsHeld: 1, exitReason: 'end' })])
    const lastBarOnly = await run(UP, scriptedSignals(UP, { longEntry: [0, 0, 0, 0, 1] }), { fill: 'close' })
    expect(tradeRows(lastBarOnly)).toEqual([])
  })
})

describe('trade prices', () => {
  it('reports the fill price itself when an entry or exit took one fill, not Σ(q·p)/Σq', async () => {
    // 55 × 186.31 / 55 is 186.30999999999997 in binary: a single fill must give 186.31 back.
    const bars = barsFrom([
      [180, 181, 179, 180],
      [180.36, 181, 180, 180.5],
      [185, 187, 184, 186],
      [186.31, 187, 186, 186.5],
      [186.5, 187, 186, 186.5],
    ])
    const program = scriptedSignals(bars, { shortEntry: [1, 0, 0, 0, 0], shortExit: [0, 0, 1, 0, 0] }, (b) => ({
      sizing: { kind: 'fixed', register: b.constant(55) },
    }))
    const [trade] = tradeRows(await run(bars, program))
    expect(trade).toMatchObject({ side: -1, quantity: 55, entryPrice: 180.36, exitPrice: 186.31, exitReason: 'signal' })
  })
})

describe('opposite entries (rule 3)', () => {
  // Flat bars: the open is the close, so the hand numbers stay simple.
  const bars = closesOnly([100, 100, 110, 120, 100, 100])
  const signals = { longEntry: [1, 0, 0, 0, 0, 0], shortEntry: [0, 0, 1, 0, 0, 0] }

  it('reverses: closes the long and opens a short sized on the equity after the close', async () => {
    const out = await run(bars, scriptedSignals(bars, signals))
    // Long 1000 at 100, sold at bar 3's open 120 (cash 120000), then short floor(120000/120) = 1000
    // (cash 240000), bought back at the end at 100.
    expect(tradeRows(out).map((t) => [t.side, t.entryPrice, t.exitPrice, t.quantity, t.pnl, t.exitReason])).toEqual([
      [1, 100, 120, 1000, 20000, 'reverse'],
      [-1, 120, 100, 1000, 20000, 'end'],
    ])
    expect(Array.from(out.equity.equity)).toEqual([100000, 100000, 110000, 120000, 140000, 140000])
    expect(Array.from(out.equity.cash)).toEqual([100000, 0, 0, 240000, 240000, 140000])
  })

  it('only flattens with onOpposite: flatten', async () => {
    const out = await run(bars, scriptedSignals(bars, signals), { onOpposite: 'flatten' })
    expect(tradeRows(out).map((t) => [t.side, t.exitPrice, t.exitReason])).toEqual([[1, 120, 'signal']])
    expect(out.stats.finalEquity).toBe(120000)
  })

  it('ignores short entries when shorting is off', async () => {
    const out = await run(bars, scriptedSignals(bars, signals), { allowShort: false })
    expect(tradeRows(out).map((t) => [t.side, t.exitPrice, t.exitReason])).toEqual([[1, 100, 'end']])
  })

  it('sells short and buys back, with MAE from the highs and MFE from the lows', async () => {
    const short = barsFrom([
      [100, 100, 100, 100],
      [100, 103, 99, 101],
      [101, 102, 95, 96],
      [96, 97, 94, 95],
      [95, 95, 95, 95],
    ])
    const out = await run(short, scriptedSignals(short, { shortEntry: [1, 0, 0, 0, 0], shortExit: [0, 0, 1, 0, 0] }))
    // Short 1000 at 100; worst the high 103 (−3000), best the low 95 (+5000); covered at 96.
    expect(tradeRows(out)).toEqual([expect.objectContaining({ side: -1, entryPrice: 100, exitPrice: 96, pnl: 4000, mae: -3000, mfe: 5000 })])
    expect(Array.from(out.equity.equity)).toEqual([100000, 99000, 104000, 104000, 104000])
  })
})

describe('limit and stop entries (rule 1)', () => {
  const limitTwoBelowClose = (b: ProgramBuilder) => ({
    longOrder: { type: 'limit' as const, price: b.sub(b.field('close'), b.constant(2)) },
  })

  it('fills a buy limit at the limit when the low reaches it, without slippage', async () => {
    const bars = barsFrom([
      [100, 101, 99, 100],
      [100, 101, 97, 99],
      [99, 99, 99, 99],
    ])
    const slippage = { kind: 'ticks' as const, ticks: 10, tickSize: 0.01 }
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0] }, limitTwoBelowClose), { slippage })
    // Limit 98: floor(100000 / 98) = 1020 shares.
    expect(tradeRows(out)).toEqual([expect.objectContaining({ entryTime: day(1), entryPrice: 98, quantity: 1020 })])
  })

  it('fills a buy limit at the open when the bar opens below it', async () => {
    const bars = barsFrom([
      [100, 101, 99, 100],
      [97, 99, 96, 98],
      [99, 99, 99, 99],
    ])
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0] }, limitTwoBelowClose))
    expect(tradeRows(out)[0]).toMatchObject({ entryPrice: 97 })
  })

  it('lets a limit lapse after its one bar', async () => {
    const bars = barsFrom([
      [100, 101, 99, 100],
      [100, 101, 98.5, 99],
      [95, 96, 90, 95],
      [95, 95, 95, 95],
    ])
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0, 0] }, limitTwoBelowClose))
    expect(tradeRows(out)).toEqual([])
  })

  it('fills a buy stop at the stop when the high reaches it, slipped, or at the open on a gap', async () => {
    const stopAtHigh = (b: ProgramBuilder) => ({ longOrder: { type: 'stop' as const, price: b.field('high') } })
    const slippage = { kind: 'ticks' as const, ticks: 2, tickSize: 0.05 }
    const through = barsFrom([
      [100, 101, 99, 100],
      [100, 103, 99.5, 102],
      [102, 102, 102, 102],
    ])
    const a = await run(through, scriptedSignals(through, { longEntry: [1, 0, 0] }, stopAtHigh), { slippage })
    expect(rounded([tradeRows(a)[0]?.entryPrice ?? NaN])).toEqual([101.1])
    const gap = barsFrom([
      [100, 101, 99, 100],
      [102, 104, 101.5, 103],
      [103, 103, 103, 103],
    ])
    const b = await run(gap, scriptedSignals(gap, { longEntry: [1, 0, 0] }, stopAtHigh))
    expect(tradeRows(b)[0]?.entryPrice).toBe(102)
    const never = barsFrom([
      [100, 101, 99, 100],
      [100, 100.5, 99, 100],
      [100, 100, 100, 100],
    ])
    expect(tradeRows(await run(never, scriptedSignals(never, { longEntry: [1, 0, 0] }, stopAtHigh)))).toEqual([])
  })

  it('mirrors limits and stops for short entries', async () => {
    const bars = barsFrom([
      [100, 101, 99, 100],
      [100, 103, 99, 101],
      [101, 101, 101, 101],
    ])
    // A sell limit 2 above the close fills when the high reaches 102; a sell stop at the low 99 when the low does.
    const sellLimit = scriptedSignals(bars, { shortEntry: [1, 0, 0] }, (b) => ({
      shortOrder: { type: 'limit', price: b.add(b.field('close'), b.constant(2)) },
    }))
    expect(tradeRows(await run(bars, sellLimit))[0]).toMatchObject({ side: -1, entryPrice: 102 })
    const sellStop = scriptedSignals(bars, { shortEntry: [1, 0, 0] }, (b) => ({ shortOrder: { type: 'stop', price: b.field('low') } }))
    expect(tradeRows(await run(bars, sellStop))[0]).toMatchObject({ side: -1, entryPrice: 99 })
  })
})

describe('protective exits (rule 2)', () => {
  const withStops = (stop?: number, target?: number, trailing?: number, unit: 'price' | 'percent' = 'price') =>
    (b: ProgramBuilder) => ({
      ...(stop !== undefined && { stopLoss: { register: b.constant(stop), unit } }),
      ...(target !== undefined && { takeProfit: { register: b.constant(target), unit } }),
      ...(trailing !== undefined && { trailingStop: { register: b.constant(trailing), unit } }),
    })

  it('stops out at the stop level inside the bar, slipped as a stop order', async () => {
    const bars = barsFrom([
      [100, 100, 100, 100],
      [102, 103, 100, 101],
      [100, 101, 98, 99],
      [99, 99, 99, 99],
    ])
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0, 0] }, withStops(3)), {
      slippage: { kind: 'ticks', ticks: 1, tickSize: 0.01 },
    })
    // In at 102.01 (slipped); stop 3 below: 99.01; bar 2 trades down to 98, out at 99.01 − 0.01.
    const [trade] = tradeRows(out)
    expect(rounded([trade?.entryPrice ?? NaN, trade?.exitPrice ?? NaN])).toEqual([102.01, 99])
    expect(trade).toMatchObject({ exitTime: day(2), exitReason: 'stop-loss', barsHeld: 1 })
  })

  it('fills a stop at the open when the bar gaps through it', async () => {
    const bars = barsFrom([
      [100, 100, 100, 100],
      [102, 103, 100, 101],
      [97, 98, 96, 97],
      [97, 97, 97, 97],
    ])
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0, 0] }, withStops(3)))
    expect(tradeRows(out)[0]).toMatchObject({ exitPrice: 97, exitReason: 'stop-loss' })
  })

  it('protects a position filled at the open inside that same bar', async () => {
    const bars = barsFrom([
      [100, 100, 100, 100],
      [100, 101, 94, 96],
      [96, 96, 96, 96],
    ])
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0] }, withStops(5)))
    expect(tradeRows(out)[0]).toMatchObject({ entryTime: day(1), exitTime: day(1), exitPrice: 95, barsHeld: 0, mae: -5000, mfe: 1000 })
  })

  it('takes the target or the stop by the intrabar rule: open, the nearer extreme, then the other', async () => {
    const make = (second: readonly [number, number, number, number]) =>
      barsFrom([[100, 100, 100, 100], [100, 100, 100, 100], second, [100, 100, 100, 100]])
    // Stop 95, target 105 from the entry at 100.
    const highFirst = make([101, 106, 94, 100]) // the high is 5 from the open, the low 7
    const lowFirst = make([99, 106, 94, 100]) // the low is 5 away, the high 7
    const a = await run(highFirst, scriptedSignals(highFirst, { longEntry: [1, 0, 0, 0] }, withStops(5, 5)))
    expect(tradeRows(a)[0]).toMatchObject({ exitPrice: 105, exitReason: 'take-profit', exitTime: day(2) })
    const b = await run(lowFirst, scriptedSignals(lowFirst, { longEntry: [1, 0, 0, 0] }, withStops(5, 5)))
    expect(tradeRows(b)[0]).toMatchObject({ exitPrice: 95, exitReason: 'stop-loss', exitTime: day(2) })
  })

  it('takes profit at the open on a gap above the target, unslipped', async () => {
    const bars = barsFrom([
      [100, 100, 100, 100],
      [100, 101, 99, 100],
      [108, 109, 107, 108],
      [108, 108, 108, 108],
    ])
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0, 0] }, withStops(undefined, 5)), {
      slippage: { kind: 'bps', bps: 100 },
    })
    // The entry is slipped by 1% (101); the target 5 above it is 106; the bar opens at 108.
    expect(tradeRows(out)[0]).toMatchObject({ entryPrice: 101, exitPrice: 108, exitReason: 'take-profit' })
  })

  it('measures percent distances from the entry price', async () => {
    const bars = barsFrom([
      [100, 100, 100, 100],
      [200, 201, 199, 200],
      [200, 200, 195, 197],
      [197, 197, 197, 197],
    ])
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0, 0] }, withStops(2, undefined, undefined, 'percent')))
    expect(tradeRows(out)[0]).toMatchObject({ entryPrice: 200, exitPrice: 196, exitReason: 'stop-loss' })
  })

  it('ratchets the trailing stop on each bar’s extreme only after that bar’s own checks', async () => {
    const bars = barsFrom([
      [100, 100, 100, 100],
      [100, 104, 99, 103], // trail 95 → 99 after the bar
      [103, 110, 100, 108], // low first (3 away) to 100, above 99; then the high 110: trail 105 after the bar
      [107, 108, 104, 105], // high first, then down through 105
      [105, 105, 105, 105],
    ])
    const out = await run(bars, scriptedSignals(bars, { longEntry: [1, 0, 0, 0, 0] }, withStops(undefined, undefined, 5)))
    expect(tradeRows(out)).toEqual([expect.objectContaining({ exitTime: day(3), exitPrice: 105, exitReason: 'trailing-stop', barsHeld: 2 })])
  })

  it('trails a short from its lows', async () => {
    const bars = barsFrom([
      [100, 100, 100, 100],
      [100, 101, 96, 97], // trail 105 → 101
      [97, 102, 96.5, 101], // the high 102 crosses 101
      [101, 101, 101, 101],
    ])
    const out = await run(bars, scriptedSignals(bars, { shortEntry: [1, 0, 0, 0] }, withStops(undefined, undefined, 5)))
    expect(tradeRows(out)[0]).toMatchObject({ side: -1, exitTime: day(2), exitPrice: 101, exitReason: 'trailing-stop' })
  })

  it('exits on time after the given number of bars held', async () => {
    const bars = closesOnly([100, 101, 102, 103, 104, 105, 106])
    const timed = scriptedSignals(bars, { longEntry: [1, 0, 0, 0, 0, 0, 0] }, (b) => ({ exitAfterBars: b.constant(3) }))
    // next-open: in at bar 1's open, held over bars 1–3, the exit signal on bar 3's close fills at bar 4.
    expect(tradeRows(await run(bars, timed))[0]).toMatchObject({ entryTime: day(1), exitTime: day(4), barsHeld: 3, exitReason: 'time' })
    // close: in at bar 0's close, held over bars 1–3, out at bar 3's close.
    expect(tradeRows(await run(bars, timed, { fill: 'close' }))[0]).toMatchObject({ entryTime: day(0), exitTime: day(3), barsHeld: 3, exitReason: 'time' })
  })
})

describe('sizing (rule 4)', () => {
  const bars = barsFrom([
    [100, 100, 100, 100],
    [102, 102, 102, 102],
    [102, 102, 102, 102],
  ])
  const sized = (kind: 'fixed' | 'equity-percent' | 'risk-percent', amount: number, stop?: number, side: 'long' | 'short' = 'long') =>
    scriptedSignals(bars, side === 'long' ? { longEntry: [1, 0, 0] } : { shortEntry: [1, 0, 0] }, (b) => ({
      sizing: { kind, register: b.constant(amount) },
      ...(stop !== undefined && { stopLoss: { register: b.constant(stop), unit: 'price' as const } }),
    }))
  const quantity = async (program: ReturnType<typeof sized>, conventions = {}) => tradeRows(await run(bars, program, conventions))[0]?.quantity

  it('buys a fixed quantity', async () => {
    expect(await quantity(sized('fixed', 10))).toBe(10)
  })

  it('buys a share of equity, rounded down to whole shares unless fractional', async () => {
    expect(await quantity(sized('equity-percent', 50))).toBe(490) // 50000 / 102 = 490.2
    expect(await quantity(sized('equity-percent', 100), { fractional: true })).toBe(100000 / 102)
  })

  it('risks a share of equity against the stop distance', async () => {
    expect(await quantity(sized('risk-percent', 1, 2))).toBe(500) // 1000 at risk / 2 a share
  })

  it('caps a long at the cash there is (no leverage), commission included', async () => {
    expect(await quantity(sized('risk-percent', 1, 0.5))).toBe(980) // 2000 wanted, floor(100000 / 102) affordable
    expect(await quantity(sized('equity-percent', 200))).toBe(980)
    const atHundred = closesOnly([100, 100, 100])
    const all = scriptedSignals(atHundred, { longEntry: [1, 0, 0] })
    // 1000 shares would cost all the cash and leave nothing for the 5 commission: 999.
    expect(tradeRows(await run(atHundred, all, { commission: { kind: 'per-order', amount: 5 } }))[0]?.quantity).toBe(999)
  })

  it('sizes shorts on equity without the cash cap', async () => {
    expect(await quantity(sized('equity-percent', 150, undefined, 'short'))).toBe(1470) // 150000 / 102 = 1470.6
  })

  it('skips an order that rounds to zero shares', async () => {
    expect(await quantity(sized('fixed', 0.5))).toBeUndefined()
    expect(await quantity(sized('fixed', 0.5), { fractional: true })).toBe(0.5)
  })
})

describe('volume cap (rule 5)', () => {
  it('fills at most the cap’s share of each bar’s volume and carries the rest over as a market order', async () => {
    const opens = [100, 100, 101, 102, 105, 110, 111, 112, 113]
    const bars = barsFrom(
      opens.map((o) => [o, o, o, o] as const),
      { volume: 5000 },
    )
    const program = scriptedSignals(bars, { longEntry: [1, 0, 0, 0, 0, 0, 0, 0, 0], longExit: [0, 0, 0, 0, 1, 0, 0, 0, 0] }, (b) => ({
      sizing: { kind: 'fixed', register: b.constant(1200) },
    }))
    const out = await run(bars, program, { volumeCap: 0.1, startingCash: 200000 })
    // 500 a bar: bought 500 at 100, 500 at 101, 200 at 102; sold 500 at 110, 500 at 111, 200 at 112.
    const [trade] = tradeRows(out)
    expect(trade).toMatchObject({ entryTime: day(1), exitTime: day(7), quantity: 1200, exitReason: 'signal' })
    expect(rounded([trade?.entryPrice ?? NaN, trade?.exitPrice ?? NaN, trade?.pnl ?? NaN])).toEqual([100.75, 110.75, 12000])
    expect(Array.from(out.equity.cash).slice(0, 4)).toEqual([200000, 150000, 99500, 79100])
  })
})

describe('endOfData: the position still open on the last bar', () => {
  // Bar 4, the last, opens at 112 and closes at 113.
  const bars = barsFrom([
    [100, 101, 99, 100],
    [102, 105, 101, 104],
    [106, 108, 104, 107],
    [110, 111, 109, 110],
    [112, 114, 109, 113],
  ])
  // Bought at bar 3's open: floor(100000 / 110) = 909 shares (99990), 10 left in cash.
  const holdToEnd = scriptedSignals(bars, { longEntry: [0, 0, 1, 0, 0] })

  it('close (the default): sold at the last close, reason end', async () => {
    const out = await run(bars, holdToEnd)
    expect(tradeRows(out)).toEqual([expect.objectContaining({ entryPrice: 110, exitTime: day(4), exitPrice: 113, quantity: 909, pnl: 2727, exitReason: 'end' })])
    expect(Array.from(out.equity.cash)).toEqual([100000, 100000, 100000, 10, 102727])
    expect(Array.from(out.equity.exposed)).toEqual([0, 0, 0, 1, 0])
    expect(out.stats).toMatchObject({ finalEquity: 102727, trades: 1, exposure: 1 / 5 })
    expect(await run(bars, holdToEnd, { endOfData: 'close' })).toEqual(out)
  })

  it('close-at-open: sold at the last bar’s open, reason end, the commission charged', async () => {
    const out = await run(bars, holdToEnd, { endOfData: 'close-at-open' })
    expect(tradeRows(out)).toEqual([
      expect.objectContaining({ entryTime: day(3), entryPrice: 110, exitTime: day(4), exitPrice: 112, quantity: 909, pnl: 1818, barsHeld: 1, exitReason: 'end' }),
    ])
    expect(Array.from(out.equity.equity)).toEqual([100000, 100000, 100000, 100000, 101818])
    expect(Array.from(out.equity.cash)).toEqual([100000, 100000, 100000, 10, 101818])
    expect(out.stats).toMatchObject({ finalEquity: 101818, trades: 1, winRate: 1, expectancy: 1818, exposure: 1 / 5 })
    // With 5 an order: 909 shares still fit (99990 + 5); 5 + 909 × 112 − 5 at the end.
    const charged = await run(bars, holdToEnd, { endOfData: 'close-at-open', commission: { kind: 'per-order', amount: 5 } })
    expect(tradeRows(charged)).toEqual([expect.objectContaining({ exitPrice: 112, pnl: 1808, commission: 10, exitReason: 'end' })])
    expect(charged.stats).toMatchObject({ finalEquity: 101808, commissions: 10 })
  })

  it('close-at-open: an order from the bar before fills at that open first, then is closed there', async () => {
    const lastOpen = scriptedSignals(bars, { longEntry: [0, 0, 0, 1, 0] })
    const out = await run(bars, lastOpen, { endOfData: 'close-at-open', commission: { kind: 'per-order', amount: 5 } })
    // floor(100000 / 112) = 892 shares (99904 + 5), sold at the same 112: only the commissions lost.
    expect(tradeRows(out)).toEqual([
      expect.objectContaining({ entryTime: day(4), entryPrice: 112, exitTime: day(4), exitPrice: 112, quantity: 892, pnl: -10, barsHeld: 0, exitReason: 'end' }),
    ])
    expect(out.stats.finalEquity).toBe(99990)
    // An exit ordered on the bar before fills at the open as a signal exit, not an end.
    const exited = await run(bars, scriptedSignals(bars, { longEntry: [0, 0, 1, 0, 0], longExit: [0, 0, 0, 1, 0] }), { endOfData: 'close-at-open' })
    expect(tradeRows(exited).map((t) => [t.exitPrice, t.exitReason])).toEqual([[112, 'signal']])
  })

  it('close-at-open: a limit entry the last bar reaches only after its open lapses', async () => {
    const reached = barsFrom([
      [100, 101, 99, 100],
      [102, 105, 101, 104],
      [106, 108, 104, 107],
      [110, 111, 109, 110],
      [112, 114, 107, 113],
    ])
    // Limit 108 (two below bar 3's close), touched by bar 4's low 107.
    const limit = scriptedSignals(reached, { longEntry: [0, 0, 0, 1, 0] }, (b) => ({ longOrder: { type: 'limit', price: b.sub(b.field('close'), b.constant(2)) } }))
    expect(tradeRows(await run(reached, limit)).map((t) => [t.entryPrice, t.exitPrice])).toEqual([[108, 113]])
    expect(tradeRows(await run(reached, limit, { endOfData: 'close-at-open' }))).toEqual([])
  })

  it('close-at-open: a stop the last open gaps through still fills as a stop; one inside the bar does not', async () => {
    const path = (last: readonly [number, number, number, number]) =>
      barsFrom([[100, 101, 99, 100], [100, 101, 99, 100], [100, 101, 99, 100], [110, 111, 108, 109], last])
    const stopped = (b: ProgramBuilder) => ({ stopLoss: { register: b.constant(5), unit: 'price' as const } })
    // Stop at 105. Bar 4 goes 106 → 107 → 103 → 105: the stop is met after the open.
    const inside = path([106, 107, 103, 105])
    const program = scriptedSignals(inside, { longEntry: [0, 0, 1, 0, 0] }, stopped)
    expect(tradeRows(await run(inside, program)).map((t) => [t.exitPrice, t.exitReason])).toEqual([[105, 'stop-loss']])
    expect(tradeRows(await run(inside, program, { endOfData: 'mark' })).map((t) => [t.exitPrice, t.exitReason])).toEqual([[105, 'stop-loss']])
    expect(tradeRows(await run(inside, program, { endOfData: 'close-at-open' })).map((t) => [t.exitPrice, t.exitReason])).toEqual([[106, 'end']])
    const gap = path([104, 107, 103, 105])
    const gapped = scriptedSignals(gap, { longEntry: [0, 0, 1, 0, 0] }, stopped)
    expect(tradeRows(await run(gap, gapped, { endOfData: 'close-at-open' })).map((t) => [t.exitPrice, t.exitReason])).toEqual([[104, 'stop-loss']])
  })

  it('mark: left open and marked at the last close; not a trade, no closing commission, its bars exposed', async () => {
    const out = await run(bars, holdToEnd, { endOfData: 'mark', commission: { kind: 'per-order', amount: 5 } })
    expect(tradeRows(out)).toEqual([])
    // Cash 5 after the entry and its commission; 909 shares marked at 113.
    expect(Array.from(out.equity.equity)).toEqual([100000, 100000, 100000, 5 + 909 * 110, 5 + 909 * 113])
    expect(Array.from(out.equity.cash)).toEqual([100000, 100000, 100000, 5, 5])
    expect(Array.from(out.equity.exposed)).toEqual([0, 0, 0, 1, 1])
    expect(out.stats).toMatchObject({ finalEquity: 102722, trades: 0, commissions: 5, exposure: 2 / 5 })
    expect(out.stats.winRate).toBeNaN()
    expect(out.stats.expectancy).toBeNaN()
  })

  it('mark: the trades closed before still count, and only they', async () => {
    const program = scriptedSignals(bars, { longEntry: [1, 0, 1, 0, 0], longExit: [0, 1, 0, 0, 0] })
    const out = await run(bars, program, { endOfData: 'mark' })
    // 980 bought at 102, sold at 106 (cash 103920); 944 bought at 110 (cash 80), still open at 113.
    expect(tradeRows(out).map((t) => [t.entryPrice, t.exitPrice, t.quantity, t.pnl, t.exitReason])).toEqual([[102, 106, 980, 3920, 'signal']])
    expect(out.stats).toMatchObject({ finalEquity: 80 + 944 * 113, trades: 1, winRate: 1, expectancy: 3920, profitFactor: Infinity, exposure: 3 / 5 })
    // With the default the second trade is closed at the end and counted.
    const [closed] = tradeRows(await run(bars, program, { endOfData: 'close' })).slice(-1)
    expect(closed).toMatchObject({ entryPrice: 110, exitPrice: 113, exitReason: 'end' })
  })
})

describe('several instruments on one account', () => {
  it('walks the merged timeline, instruments in list order, sharing the cash', async () => {
    const a = closesOnly([100, 100, 110, 110, 120], { times: [0, 1, 2, 3, 4].map(day) })
    const b = closesOnly([50, 50, 60, 60], { times: [1, 2, 4, 5].map(day) })
    const program = scriptedSignals(closesOnly([0, 0], { times: [day(0), day(1)] }), { longEntry: [1, 1] }, (p) => ({
      sizing: { kind: 'equity-percent', register: p.constant(50) },
    }))
    const out = await run([a, b], program)
    // A buys 500 at 100 on day 1. B's entry fills on day 2 at 50, after A's day-2 bar marked A at
    // 110: 50% of 105000 is 1050 shares, capped by the 50000 of cash at 1000.
    expect(tradeRows(out).map((t) => [t.instrument, t.entryTime, t.quantity, t.exitTime, t.exitPrice, t.pnl, t.exitReason])).toEqual([
      [0, day(1), 500, day(4), 120, 10000, 'end'],
      [1, day(2), 1000, day(5), 60, 10000, 'end'],
    ])
    expect(Array.from(out.equity.time)).toEqual([0, 1, 2, 3, 4, 5].map(day))
    expect(Array.from(out.equity.equity)).toEqual([100000, 100000, 105000, 105000, 120000, 120000])
    expect(Array.from(out.equity.cash)).toEqual([100000, 50000, 0, 0, 60000, 120000])
  })
})

describe('tradeFrom', () => {
  it('acts on no signal before it and starts the curve at the first bar at or after it, with indicators warmed up', async () => {
    const bars = closesOnly([100, 101, 102, 103, 104, 105])
    const b = new ProgramBuilder()
    const close = b.field('close')
    // Rising over two bars: true from bar 2 on, which needs the bars before tradeFrom.
    const rising = b.gt(close, b.lag(close, 2))
    const program = b.build({ longEntry: rising })
    const out = await run(bars, program, {}, { tradeFrom: day(3) })
    expect(Array.from(out.equity.time)).toEqual([3, 4, 5].map(day))
    // The first signal acted on is bar 3's; it fills at bar 4's open.
    expect(tradeRows(out)).toEqual([expect.objectContaining({ entryTime: day(4), entryPrice: 104, exitReason: 'end' })])
  })
})
