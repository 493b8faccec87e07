import { describe, expect, it } from 'vitest'
import { formatBarTime, formatBytes } from '../../src/renderer/features/data/data-format'
import { batchBySize, looksImportable, readFileForImport } from '../../src/renderer/features/data/file-bytes'

describe('data workspace helpers', () => {
  it('batches files so that no batch passes the byte limit, a too-large file going alone', () => {
    const sizes = [5, 4, 3, 9, 20, 1]
    expect(batchBySize(sizes, (n) => n, 10)).toEqual([[5, 4], [3], [9], [20], [1]])
    expect(batchBySize([], (n: number) => n, 10)).toEqual([])
  })

  it('recognises the file names a folder import takes', () => {
    expect(['a.csv', 'b.TXT', 'c.tsv.gz', 'aapl.us.txt.gz'].every(looksImportable)).toBe(true)
    expect(['notes.md', 'data.json', 'x.gz'].some(looksImportable)).toBe(false)
  })

  it('shows daily bars as session dates and intraday bars in the exchange zone', () => {
    const t = Date.parse('2024-01-02T14:30:00Z') / 1000
    expect(formatBarTime(Date.parse('2024-01-02T00:00:00Z') / 1000, '1D', 'America/New_York')).toBe('2024-01-02')
    expect(formatBarTime(t, '1m', 'America/New_York')).toBe('2024-01-02 09:30')
    expect(formatBytes(1536)).toBe('1.5 KiB')
  })

  it('gzips large picked files for the trip to the engine and leaves small ones alone', async () => {
    const text = 'Date,Open,High,Low,Close\n' + '2024-01-02,1,2,0.5,1.5\n'.repeat(20_000)
    const big = await readFileForImport(new File([text], 'big.csv'))
    expect([big[0], big[1]]).toEqual([0x1f, 0x8b])
    expect(big.byteLength).toBeLessThan(text.length / 4)
    const small = await readFileForImport(new File(['Date,Open\n'], 'small.csv'))
    expect(new TextDecoder().decode(small)).toBe('Date,Open\n')
  })
})
