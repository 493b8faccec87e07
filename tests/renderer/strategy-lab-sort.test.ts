import { describe, expect, it } from 'vitest'
import { nextSort, pageBounds, sortedRows } from '../../src/renderer/features/strategy-lab/table-sort'

describe('table sorting', () => {
  it('orders rows by a numeric column either way, keeping ties in their order', () => {
    const values = [3, 1, 2, 1]
    expect(Array.from(sortedRows(4, (i) => values[i]!, 'asc'))).toEqual([1, 3, 2, 0])
    expect(Array.from(sortedRows(4, (i) => values[i]!, 'desc'))).toEqual([0, 2, 1, 3])
  })

  it('puts missing values last in both directions', () => {
    const values = [NaN, 2, NaN, 1]
    expect(Array.from(sortedRows(4, (i) => values[i]!, 'asc'))).toEqual([3, 1, 0, 2])
    expect(Array.from(sortedRows(4, (i) => values[i]!, 'desc'))).toEqual([1, 3, 0, 2])
  })

  it('sorts text columns alphabetically', () => {
    const names = ['short', 'long', 'long']
    expect(Array.from(sortedRows(3, (i) => names[i]!, 'asc'))).toEqual([1, 2, 0])
  })

  it('flips the direction when the same column is clicked again', () => {
    expect(nextSort(null, 'pnl')).toEqual({ key: 'pnl', direction: 'desc' })
    expect(nextSort({ key: 'pnl', direction: 'desc' }, 'pnl')).toEqual({ key: 'pnl', direction: 'asc' })
    expect(nextSort({ key: 'pnl', direction: 'asc' }, 'side', 'asc')).toEqual({ key: 'side', direction: 'asc' })
  })

  it('pages thousands of rows and clamps the page to what exists', () => {
    expect(pageBounds(2500, 1, 1000)).toEqual({ page: 1, pages: 3, from: 1000, to: 2000 })
    expect(pageBounds(2500, 9, 1000)).toEqual({ page: 2, pages: 3, from: 2000, to: 2500 })
    expect(pageBounds(0, 0, 1000)).toEqual({ page: 0, pages: 1, from: 0, to: 0 })
  })
})
