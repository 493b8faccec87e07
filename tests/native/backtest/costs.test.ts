import { describe, expect, it } from 'vitest'
import { type ConventionsInput } from '../../../src/shared/domain'
import { barsFrom, closesOnly, scriptedSignals } from './program-builder'
import { day, rounded, run, tradeRows } from './run-helpers'

// In at bar 1's open (102), out at bar 3's open (110): all in, 980 shares without costs.
const bars = closesOnly([100, 102, 106, 110, 110])
const allIn = scriptedSignals(bars, { longEntry: [1, 0, 0, 0, 0], longExit: [0, 0, 1, 0, 0] })
const fixed = (shares: number, on = bars) =>
  scriptedSignals(on, { longEntry: [1, 0, 0, 0, 0], longExit: [0, 0, 1, 0, 0] }, (b) => ({ sizing: { kind: 'fixed', register: b.constant(shares) } }))

async function firstTrade(conventions: ConventionsInput, program = allIn, on = bars) {
  const out = await run(on, program, conventions)
  return { trade: tradeRows(out)[0], out }
}

describe('commissions (rule 7)', () => {
  it('charges per share with a minimum an order, in cash at each fill, net of the trade’s P&L', async () => {
    const { trade, out } = await firstTrade({ commission: { kind: 'per-share', perShare: 0.01, minimum: 1 } })
    // 980 × 0.01 = 9.80 a fill.
    expect(rounded([trade?.commission ?? NaN, trade?.pnl ?? NaN, out.stats.commissions])).toEqual([19.6, 7840 - 19.6, 19.6])
    expect(rounded([out.equity.cash[1] as number])).toEqual([100000 - 99960 - 9.8])
    const small = await firstTrade({ commission: { kind: 'per-share', perShare: 0.01, minimum: 1 } }, fixed(50))
    expect(small.trade?.commission).toBe(2)
  })

  it('charges a fixed amount an order', async () => {
    const { trade } = await firstTrade({ commission: { kind: 'per-order', amount: 5 } })
    expect(trade).toMatchObject({ commission: 10, pnl: 7830 })
  })

  it('charges a percent of the traded value, and buys fewer shares to pay for it', async () => {
    const { trade } = await firstTrade({ commission: { kind: 'percent', percent: 0.1 } })
    // 980 shares would need 99960 + 99.96; floor((100000 − 99.96) / 102) = 979.
    const entry = (979 * 102 * 0.1) / 100
    const exit = (979 * 110 * 0.1) / 100
    expect(trade?.quantity).toBe(979)
    expect(rounded([trade?.commission ?? NaN, trade?.pnl ?? NaN])).toEqual(rounded([entry + exit, 979 * 8 - entry - exit]))
  })

  it('charges IB fixed: 0.005 a share, at least 1.00, at most 1% of the value', async () => {
    expect(rounded([(await firstTrade({ commission: { kind: 'ib-fixed' } })).trade?.commission ?? NaN])).toEqual([9.8]) // 4.90 a fill
    expect((await firstTrade({ commission: { kind: 'ib-fixed' } }, fixed(10))).trade?.commission).toBe(2) // the 1.00 minimum
    const cheap = closesOnly([50, 50, 50, 50, 50])
    // One share at 50: 1% of 50 is 0.50, below the minimum; the cap wins.
    expect((await firstTrade({ commission: { kind: 'ib-fixed' } }, fixed(1, cheap), cheap)).trade?.commission).toBe(1)
  })

  it('charges IB tiered by the month’s shares so far, starting afresh each UTC month', async () => {
    const program = (on: ReturnType<typeof closesOnly>) =>
      scriptedSignals(on, { longEntry: [1, 0, 0, 1, 0, 0], longExit: [0, 0, 1, 0, 0, 0] }, (b) => ({
        sizing: { kind: 'fixed', register: b.constant(200_000) },
      }))
    const conventions = { commission: { kind: 'ib-tiered' }, startingCash: 1e9 } as const
    const january = closesOnly([10, 10, 10, 10, 10, 10])
    // Fills of 200k shares at 10 (max 1% = 20000): 0 and 200k before → 0.0035 (700); 400k and 600k before → 0.002 (400).
    const sameMonth = tradeRows(await run(january, program(january), conventions))
    expect(rounded(sameMonth.map((t) => t.commission))).toEqual([1400, 800])
    const FEB1 = Date.UTC(2024, 1, 1) / 1000
    const acrossMonths = closesOnly([10, 10, 10, 10, 10, 10], { times: [day(0), day(1), day(2), day(3), FEB1, FEB1 + 86400] })
    expect(rounded(tradeRows(await run(acrossMonths, program(acrossMonths), conventions)).map((t) => t.commission))).toEqual([1400, 1400])
    const small = closesOnly([10, 10, 10, 10, 10])
    // 50 shares × 0.0035 = 0.175, raised to the 0.35 minimum a fill.
    expect((await firstTrade({ commission: { kind: 'ib-tiered' } }, fixed(50, small), small)).trade?.commission).toBe(0.7)
  })
})

describe('slippage', () => {
  it('moves market fills against the trader by ticks', async () => {
    const { trade } = await firstTrade({ slippage: { kind: 'ticks', ticks: 2, tickSize: 0.05 } })
    expect(rounded([trade?.entryPrice ?? NaN, trade?.exitPrice ?? NaN])).toEqual([102.1, 109.9])
  })

  it('moves them by basis points of the price', async () => {
    const { trade } = await firstTrade({ slippage: { kind: 'bps', bps: 10 } })
    expect(rounded([trade?.entryPrice ?? NaN, trade?.exitPrice ?? NaN])).toEqual([102.102, 109.89])
  })

  it('moves them by a fraction of the fill bar’s range', async () => {
    const ranged = barsFrom([
      [100, 100, 100, 100],
      [102, 104, 100, 103],
      [106, 106, 106, 106],
      [110, 111, 106, 108],
      [108, 108, 108, 108],
    ])
    const program = scriptedSignals(ranged, { longEntry: [1, 0, 0, 0, 0], longExit: [0, 0, 1, 0, 0] })
    const { trade } = await firstTrade({ slippage: { kind: 'range-fraction', fraction: 0.1 } }, program, ranged)
    expect(rounded([trade?.entryPrice ?? NaN, trade?.exitPrice ?? NaN])).toEqual([102.4, 109.5])
  })

  it('does not slip the close-out at the end', async () => {
    const open = scriptedSignals(bars, { longEntry: [1, 0, 0, 0, 0] })
    const { trade } = await firstTrade({ slippage: { kind: 'ticks', ticks: 1, tickSize: 1 } }, open)
    expect(trade).toMatchObject({ entryPrice: 103, exitPrice: 110, exitReason: 'end' })
  })
})
