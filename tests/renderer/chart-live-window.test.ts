import { describe, expect, it } from 'vitest'
import { appendBars, capBars, indexOfTime, LiveBarBuffer, mergeLiveBars } from '../../src/renderer/features/chart/bar-window'
import type { BarColumns } from '../../src/shared/domain'

function bars(times: number[], close = (t: number) => t / 10): BarColumns {
  const f = (g: (t: number) => number) => new Float64Array(times.map(g))
  return { time: new Float64Array(times), open: f(close), high: f((t) => close(t) + 1), low: f((t) => close(t) - 1), close: f(close), volume: f(() => 5) }
}

describe('live bars merged into the window', () => {
  it('updates the last bar in place, in the same arrays', () => {
    const window = bars([60, 120, 180])
    const merge = mergeLiveBars(window, bars([180], () => 99))
    expect(merge).toMatchObject({ firstChanged: 2, appended: 0, needsReload: false })
    expect(merge.bars).toBe(window)
    expect(Array.from(window.close)).toEqual([6, 12, 99])
  })

  it('closes the last bar and appends the forming one', () => {
    const merge = mergeLiveBars(bars([60, 120, 180]), bars([180, 240], (t) => t))
    expect(merge).toMatchObject({ firstChanged: 2, appended: 1 })
    expect(Array.from(merge.bars.time)).toEqual([60, 120, 180, 240])
    expect(Array.from(merge.bars.close)).toEqual([6, 12, 180, 240])
  })

  it('ignores bars older than the window and reports nothing changed for an empty batch', () => {
    const merge = mergeLiveBars(bars([60, 120]), bars([0]))
    expect(merge.firstChanged).toBe(-1)
    expect(mergeLiveBars(bars([60]), bars([])).firstChanged).toBe(-1)
  })

  it('asks for a reload when a bar falls between two loaded ones', () => {
    expect(mergeLiveBars(bars([60, 180]), bars([120])).needsReload).toBe(true)
  })

  it('appends to an empty window', () => {
    const merge = mergeLiveBars(bars([]), bars([60, 120]))
    expect(merge).toMatchObject({ firstChanged: 0, appended: 2 })
  })

  it('keeps appended bars strictly ascending when a batch repeats a time', () => {
    const merge = mergeLiveBars(bars([60]), bars([120, 120, 180], (t) => t))
    expect(Array.from(merge.bars.time)).toEqual([60, 120, 180])
  })
})

describe('the bounded window', () => {
  it('drops the newest bars when paging back past the cap, the oldest when paging forward', () => {
    const all = bars([1, 2, 3, 4, 5])
    expect(Array.from(capBars(all, 3, 'newest').bars.time)).toEqual([1, 2, 3])
    expect(Array.from(capBars(all, 3, 'oldest').bars.time)).toEqual([3, 4, 5])
    expect(capBars(all, 3, 'oldest').dropped).toBe(2)
    expect(capBars(all, 9, 'oldest').bars).toBe(all)
  })

  it('appends newer bars after the window, skipping any it already holds', () => {
    expect(Array.from(appendBars(bars([1, 2, 3]), bars([2, 3, 4, 5])).time)).toEqual([1, 2, 3, 4, 5])
  })

  it('finds a bar by its time', () => {
    const times = new Float64Array([10, 20, 30, 40])
    expect(indexOfTime(times, 30)).toBe(2)
    expect(indexOfTime(times, 35)).toBe(-1)
  })
})

describe('live bars held back', () => {
  it('keeps the latest version of each bar, ascending, and empties on drain', () => {
    const buffer = new LiveBarBuffer()
    buffer.add(bars([120], () => 1))
    buffer.add(bars([120, 180], (t) => t))
    buffer.add(bars([60], () => 7))
    expect(buffer.size).toBe(3)
    const drained = buffer.drain()
    expect(Array.from(drained.time)).toEqual([60, 120, 180])
    expect(Array.from(drained.close)).toEqual([7, 120, 180])
    expect(buffer.size).toBe(0)
  })
})
