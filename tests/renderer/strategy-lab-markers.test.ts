import { describe, expect, it } from 'vitest'
import type { TradeColumns } from '../../src/shared/contract'
import { buildTradeMarkers } from '../../src/renderer/features/strategy-lab/trade-markers'

const COLORS = { long: 'L', short: 'S', win: 'W', loss: 'X' }

function trades(rows: readonly { instrument?: number; side: 1 | -1; entry: number; exit: number; pnl: number }[]): TradeColumns {
  const f = (pick: (r: (typeof rows)[number]) => number): Float64Array => Float64Array.from(rows.map(pick))
  return {
    instrument: Int32Array.from(rows.map((r) => r.instrument ?? 0)),
    side: Int8Array.from(rows.map((r) => r.side)),
    entryTime: f((r) => r.entry),
    entryPrice: f(() => 100),
    exitTime: f((r) => r.exit),
    exitPrice: f(() => 101),
    quantity: f(() => 10),
    pnl: f((r) => r.pnl),
    commission: f(() => 0),
    mae: f(() => 0),
    mfe: f(() => 0),
    barsHeld: Int32Array.from(rows.map(() => 1)),
    exitReason: Uint8Array.from(rows.map(() => 0)),
  }
}

describe('trade markers', () => {
  it('marks a long entry below the bar and its exit above it, coloured by the result', () => {
    const markers = buildTradeMarkers(trades([{ side: 1, entry: 100, exit: 200, pnl: 50 }]), 0, COLORS)
    expect(markers).toEqual([
      { id: 'e0', time: 100, position: 'belowBar', shape: 'arrowUp', color: 'L', text: 'L' },
      { id: 'x0', time: 200, position: 'aboveBar', shape: 'circle', color: 'W', text: '+50' },
    ])
  })

  it('marks a short entry above the bar, and a losing exit in the loss colour', () => {
    const [entry, exit] = buildTradeMarkers(trades([{ side: -1, entry: 100, exit: 200, pnl: -5 }]), 0, COLORS)
    expect(entry).toMatchObject({ position: 'aboveBar', shape: 'arrowDown', color: 'S' })
    expect(exit).toMatchObject({ position: 'belowBar', color: 'X', text: '\u22125' })
  })

  it('leaves the text off when there are too many trades to read', () => {
    const many = trades(Array.from({ length: 21 }, (_, i) => ({ side: 1 as const, entry: i * 10, exit: i * 10 + 5, pnl: 1 })))
    expect(buildTradeMarkers(many, 0, COLORS).every((m) => m.text === undefined)).toBe(true)
  })

  it('sorts by time, an exit before an entry on the same bar, and keeps only the instrument asked for', () => {
    const t = trades([
      { side: 1, entry: 300, exit: 400, pnl: 1 },
      { side: 1, entry: 100, exit: 300, pnl: 1 },
      { side: 1, instrument: 1, entry: 150, exit: 160, pnl: 1 },
    ])
    const markers = buildTradeMarkers(t, 0, COLORS)
    expect(markers.map((m) => `${m.id}@${m.time}`)).toEqual(['e1@100', 'x1@300', 'e0@300', 'x0@400'])
    expect(buildTradeMarkers(t, 1, COLORS).map((m) => m.id)).toEqual(['e2', 'x2'])
  })
})
