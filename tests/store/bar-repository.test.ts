import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InstrumentId } from '../../src/shared/domain'
import { allocateBars, BAR_FIELDS, sliceBars } from '../../src/shared/domain'
import type { Store } from '../../src/main/store'
import { BarValidationError, CHUNK_SIZE, StoreDamagedError } from '../../src/main/store'
import { ACME, makeBars, makeTempDir, openTempStore, toArrays } from './store-fixture'

const T0 = 1_700_000_000
const MINUTE = 60

let dir: string
let cleanup: () => void
let store: Store
let acme: InstrumentId
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir())
  store = openTempStore(dir)
  acme = store.instruments.upsert(ACME).id
})
afterEach(() => {
  store.close()
  cleanup()
})

/** Chunk rows as stored, read through a second connection (WAL lets it see committed data). */
function chunksOf(id: InstrumentId, timeframe: string): Array<{ startTime: number; endTime: number; count: number }> {
  const raw = new Database(store.file, { readonly: true })
  try {
    return raw
      .prepare('SELECT start_time AS startTime, end_time AS endTime, count FROM bar_chunks WHERE instrument_id = ? AND timeframe = ? ORDER BY start_time')
      .all(id, timeframe) as Array<{ startTime: number; endTime: number; count: number }>
  } finally {
    raw.close()
  }
}

function everything(): ReturnType<typeof toArrays> {
  return toArrays(store.bars.loadRange(acme, '1m'))
}

describe('BarRepository.writeBars and loadRange', () => {
  it('reads back what was written, exactly', () => {
    const bars = makeBars(100, T0)
    store.bars.writeBars(acme, '1m', bars)
    expect(everything()).toEqual(toArrays(bars))
  })

  it('writes and reads back a million bars exactly', () => {
    const n = 1_000_000
    const bars = allocateBars(n)
    let price = 100
    for (let i = 0; i < n; i++) {
      price *= 1 + Math.sin(i * 0.37) * 0.001
      bars.time[i] = T0 + i * MINUTE
      bars.open[i] = price
      bars.high[i] = price * 1.001
      bars.low[i] = price * 0.999
      bars.close[i] = price + Math.cos(i) * 0.01
      bars.volume[i] = i % 977
    }
    store.bars.writeBars(acme, '1m', bars)
    const loaded = store.bars.loadRange(acme, '1m')
    expect(loaded.time.length).toBe(n)
    for (const field of BAR_FIELDS) {
      expect(Buffer.from(loaded[field].buffer).equals(Buffer.from(bars[field].buffer)), field).toBe(true)
    }
    expect(chunksOf(acme, '1m')).toHaveLength(Math.ceil(n / CHUNK_SIZE))
  })

  it('returns arrays of their own exact size', () => {
    store.bars.writeBars(acme, '1m', makeBars(3 * CHUNK_SIZE, T0))
    const part = store.bars.loadRange(acme, '1m', { from: T0 + 10 * MINUTE, to: T0 + 19 * MINUTE })
    expect(part.time.length).toBe(10)
    expect(part.time.buffer.byteLength).toBe(80)
  })

  it('includes both ends of a range and crosses chunk boundaries', () => {
    const bars = makeBars(3 * CHUNK_SIZE, T0)
    store.bars.writeBars(acme, '1m', bars)
    const from = T0 + (CHUNK_SIZE - 5) * MINUTE
    const to = T0 + (2 * CHUNK_SIZE + 5) * MINUTE
    const loaded = store.bars.loadRange(acme, '1m', { from, to })
    expect(toArrays(loaded)).toEqual(toArrays(sliceBars(bars, CHUNK_SIZE - 5, 2 * CHUNK_SIZE + 6)))
  })

  it('returns nothing for a range with no bars, before, between or after them', () => {
    store.bars.writeBars(acme, '1m', makeBars(10, T0))
    store.bars.writeBars(acme, '1m', makeBars(10, T0 + 100 * MINUTE))
    expect(store.bars.loadRange(acme, '1m', { to: T0 - 1 }).time.length).toBe(0)
    expect(store.bars.loadRange(acme, '1m', { from: T0 + 20 * MINUTE, to: T0 + 99 * MINUTE }).time.length).toBe(0)
    expect(store.bars.loadRange(acme, '1m', { from: T0 + 1000 * MINUTE }).time.length).toBe(0)
    expect(store.bars.loadRange(acme, '1m', { from: T0 + 5, to: T0 }).time.length).toBe(0)
  })

  it('keeps timeframes and instruments apart', () => {
    const other = store.instruments.upsert({ ...ACME, symbol: 'OTHER' }).id
    store.bars.writeBars(acme, '1m', makeBars(10, T0, MINUTE, 1))
    store.bars.writeBars(acme, '5m', makeBars(10, T0, 300, 2))
    store.bars.writeBars(other, '1m', makeBars(10, T0, MINUTE, 3))
    expect(everything()).toEqual(toArrays(makeBars(10, T0, MINUTE, 1)))
    expect(toArrays(store.bars.loadRange(acme, '5m'))).toEqual(toArrays(makeBars(10, T0, 300, 2)))
    expect(toArrays(store.bars.loadRange(other, '1m'))).toEqual(toArrays(makeBars(10, T0, MINUTE, 3)))
  })

  it('refuses bars for an instrument that does not exist and stores nothing', () => {
    expect(() => store.bars.writeBars(9999 as InstrumentId, '1m', makeBars(10, T0))).toThrow(/FOREIGN KEY/)
    expect(store.bars.count(9999 as InstrumentId)).toBe(0)
  })

  it('treats an empty batch as nothing to do', () => {
    store.bars.writeBars(acme, '1m', makeBars(10, T0))
    store.bars.writeBars(acme, '1m', allocateBars(0))
    expect(store.bars.count(acme, '1m')).toBe(10)
  })
})

describe('BarRepository.writeBars over stored bars', () => {
  it('replaces a rewritten range instead of duplicating it', () => {
    store.bars.writeBars(acme, '1m', makeBars(1000, T0, MINUTE, 0))
    store.bars.writeBars(acme, '1m', makeBars(1000, T0, MINUTE, 1))
    expect(everything()).toEqual(toArrays(makeBars(1000, T0, MINUTE, 1)))
  })

  it('replaces a partial overlap across chunk boundaries and keeps the bars on both sides', () => {
    const n = 3 * CHUNK_SIZE + 100
    store.bars.writeBars(acme, '1m', makeBars(n, T0, MINUTE, 0))
    const start = CHUNK_SIZE - 50
    const length = CHUNK_SIZE + 100
    store.bars.writeBars(acme, '1m', makeBars(length, T0 + start * MINUTE, MINUTE, 1))

    const expected = makeBars(n, T0, MINUTE, 0)
    const patch = makeBars(length, T0 + start * MINUTE, MINUTE, 1)
    for (const field of BAR_FIELDS) expected[field].set(patch[field], start)
    expect(everything()).toEqual(toArrays(expected))
    expect(store.bars.count(acme, '1m')).toBe(n)
    const chunks = chunksOf(acme, '1m')
    chunks.slice(1).forEach((chunk, i) => expect(chunk.startTime).toBeGreaterThan((chunks[i] as { endTime: number }).endTime))
  })

  it('drops stored bars inside the rewritten range that the new batch does not have', () => {
    store.bars.writeBars(acme, '1m', makeBars(100, T0, MINUTE, 0))
    store.bars.writeBars(acme, '1m', makeBars(10, T0 + 20 * MINUTE, 2 * MINUTE, 1))
    const times = everything().time
    expect(times).toHaveLength(100 - 19 + 10)
    expect(times.filter((t) => t > T0 + 20 * MINUTE && t < T0 + 38 * MINUTE).every((t) => (t - T0) % (2 * MINUTE) === 0)).toBe(true)
    expect(new Set(times).size).toBe(times.length)
  })

  it('inserts a batch into a gap between stored bars', () => {
    store.bars.writeBars(acme, '1m', makeBars(10, T0, MINUTE, 0))
    store.bars.writeBars(acme, '1m', makeBars(10, T0 + 20 * MINUTE, MINUTE, 0))
    store.bars.writeBars(acme, '1m', makeBars(10, T0 + 10 * MINUTE, MINUTE, 0))
    expect(everything()).toEqual(toArrays(makeBars(30, T0, MINUTE, 0)))
  })

  it('fills the last chunk when bars are appended in small batches instead of making tiny chunks', () => {
    for (let b = 0; b < 25; b++) store.bars.writeBars(acme, '1m', makeBars(400, T0 + b * 400 * MINUTE))
    expect(everything()).toEqual(toArrays(makeBars(10_000, T0)))
    expect(chunksOf(acme, '1m').map((c) => c.count)).toEqual([CHUNK_SIZE, CHUNK_SIZE, 10_000 - 2 * CHUNK_SIZE])
  })

  it('fills the first chunk when older bars are prepended in small batches', () => {
    for (let b = 9; b >= 0; b--) store.bars.writeBars(acme, '1m', makeBars(100, T0 + b * 100 * MINUTE))
    expect(everything()).toEqual(toArrays(makeBars(1000, T0)))
    expect(chunksOf(acme, '1m')).toHaveLength(1)
  })
})

describe('BarRepository refusing a write', () => {
  const before = (): ReturnType<typeof toArrays> => {
    store.bars.writeBars(acme, '1m', makeBars(2 * CHUNK_SIZE, T0))
    return everything()
  }

  it('names the index of a time that does not ascend and leaves the store as it was', () => {
    const stored = before()
    const bad = makeBars(100, T0 + 10 * MINUTE, MINUTE, 1)
    bad.time[57] = bad.time[56] as number
    expect(() => store.bars.writeBars(acme, '1m', bad)).toThrow(/index 57/)
    expect(() => store.bars.writeBars(acme, '1m', bad)).toThrow(BarValidationError)
    expect(everything()).toEqual(stored)
  })

  it('names the index of a time that is not finite', () => {
    const stored = before()
    const bad = makeBars(10, T0, MINUTE, 1)
    bad.time[3] = Number.NaN
    expect(() => store.bars.writeBars(acme, '1m', bad)).toThrow(/time at index 3 is NaN/)
    expect(everything()).toEqual(stored)
  })

  it('refuses columns of unequal lengths', () => {
    const stored = before()
    const bad = { ...makeBars(10, T0, MINUTE, 1), volume: new Float64Array(9) }
    expect(() => store.bars.writeBars(acme, '1m', bad)).toThrow(/volume has 9 values but time has 10/)
    expect(everything()).toEqual(stored)
  })

  it('undoes an overlapping write when the surrounding transaction fails', () => {
    const stored = before()
    expect(() =>
      store.transaction(() => {
        store.bars.writeBars(acme, '1m', makeBars(CHUNK_SIZE, T0 + 100 * MINUTE, MINUTE, 1))
        throw new Error('failed after the write')
      }),
    ).toThrow('failed after the write')
    expect(everything()).toEqual(stored)
    expect(chunksOf(acme, '1m').map((c) => c.count)).toEqual([CHUNK_SIZE, CHUNK_SIZE])
  })
})

describe('BarRepository.loadLatest', () => {
  const n = 3 * CHUNK_SIZE + 123
  beforeEach(() => store.bars.writeBars(acme, '1m', makeBars(n, T0)))

  it('returns the most recent bars and says older ones exist', () => {
    const page = store.bars.loadLatest(acme, '1m', { limit: 500 })
    expect(toArrays(page.bars)).toEqual(toArrays(sliceBars(makeBars(n, T0), n - 500, n)))
    expect(page.hasMore).toBe(true)
  })

  it('pages back through every bar across chunk boundaries with before and hasMore', () => {
    const pages: number[][] = []
    let before: number | undefined
    for (;;) {
      const page = store.bars.loadLatest(acme, '1m', { limit: 1000, before })
      pages.unshift(Array.from(page.bars.time))
      if (!page.hasMore) break
      before = page.bars.time[0]
    }
    expect(pages.flat()).toEqual(Array.from(makeBars(n, T0).time))
    expect(pages).toHaveLength(Math.ceil(n / 1000))
    expect(pages[0]).toHaveLength(n % 1000)
  })

  it('says there is nothing more when the page reaches the first bar exactly', () => {
    const before = T0 + CHUNK_SIZE * MINUTE
    const page = store.bars.loadLatest(acme, '1m', { limit: CHUNK_SIZE, before })
    expect(page.bars.time.length).toBe(CHUNK_SIZE)
    expect(page.bars.time[0]).toBe(T0)
    expect(page.hasMore).toBe(false)
  })

  it('says there is more when one older bar remains in the previous chunk', () => {
    const before = T0 + (CHUNK_SIZE + 1) * MINUTE
    const page = store.bars.loadLatest(acme, '1m', { limit: CHUNK_SIZE, before })
    expect(page.bars.time[0]).toBe(T0 + MINUTE)
    expect(page.bars.time[CHUNK_SIZE - 1]).toBe(T0 + CHUNK_SIZE * MINUTE)
    expect(page.hasMore).toBe(true)
  })

  it('returns everything when the limit exceeds what is stored', () => {
    const page = store.bars.loadLatest(acme, '1m', { limit: 5_000_000 })
    expect(page.bars.time.length).toBe(n)
    expect(page.hasMore).toBe(false)
  })

  it('returns nothing before the first bar', () => {
    const page = store.bars.loadLatest(acme, '1m', { limit: 10, before: T0 })
    expect(page.bars.time.length).toBe(0)
    expect(page.hasMore).toBe(false)
  })

  it('pages across a gap between stored ranges', () => {
    const later = T0 + (n + 10_000) * MINUTE
    store.bars.writeBars(acme, '1m', makeBars(50, later))
    const page = store.bars.loadLatest(acme, '1m', { limit: 60, before: later + 5 * MINUTE })
    expect(Array.from(page.bars.time.subarray(55))).toEqual([0, 1, 2, 3, 4].map((i) => later + i * MINUTE))
    expect(page.bars.time[54]).toBe(T0 + (n - 1) * MINUTE)
    expect(page.hasMore).toBe(true)
  })

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => store.bars.loadLatest(acme, '1m', { limit: 0 })).toThrow(RangeError)
    expect(() => store.bars.loadLatest(acme, '1m', { limit: 1.5 })).toThrow(RangeError)
  })
})

describe('BarRepository coverage, count and delete', () => {
  it('reports first and last time and count per timeframe, in timeframe order', () => {
    store.bars.writeBars(acme, '1D', makeBars(30, T0, 86_400))
    store.bars.writeBars(acme, '1m', makeBars(CHUNK_SIZE + 7, T0))
    expect(store.bars.coverage(acme)).toEqual([
      { instrumentId: acme, timeframe: '1m', firstTime: T0, lastTime: T0 + (CHUNK_SIZE + 6) * MINUTE, count: CHUNK_SIZE + 7 },
      { instrumentId: acme, timeframe: '1D', firstTime: T0, lastTime: T0 + 29 * 86_400, count: 30 },
    ])
    expect(store.bars.count(acme)).toBe(CHUNK_SIZE + 37)
    expect(store.bars.count(acme, '1D')).toBe(30)
  })

  it('reports no coverage for an instrument without bars', () => {
    expect(store.bars.coverage(acme)).toEqual([])
    expect(store.bars.count(acme)).toBe(0)
  })

  it('deletes one timeframe and keeps the others', () => {
    store.bars.writeBars(acme, '1D', makeBars(30, T0, 86_400))
    store.bars.writeBars(acme, '1m', makeBars(100, T0))
    expect(store.bars.deleteBars(acme, '1m')).toBe(100)
    expect(store.bars.coverage(acme).map((c) => c.timeframe)).toEqual(['1D'])
  })

  it('deletes every timeframe when none is named', () => {
    store.bars.writeBars(acme, '1D', makeBars(30, T0, 86_400))
    store.bars.writeBars(acme, '1m', makeBars(100, T0))
    expect(store.bars.deleteBars(acme)).toBe(130)
    expect(store.bars.count(acme)).toBe(0)
  })

  it('deletes the bars of a deleted instrument', () => {
    store.bars.writeBars(acme, '1m', makeBars(100, T0))
    expect(store.instruments.delete(acme)).toBe(true)
    expect(chunksOf(acme, '1m')).toEqual([])
    expect(store.bars.count(acme)).toBe(0)
  })
})

describe('BarRepository reading only the chunks it needs', () => {
  /** Swaps one chunk's blob for bytes of the wrong size, bypassing the table's CHECK as damage would. */
  function damageChunk(startTime: number): void {
    const raw = new Database(store.file)
    raw.pragma('ignore_check_constraints = ON')
    raw.prepare("UPDATE bar_chunks SET data = x'00' WHERE instrument_id = ? AND timeframe = '1m' AND start_time = ?").run(acme, startTime)
    raw.close()
  }

  beforeEach(() => {
    store.bars.writeBars(acme, '1m', makeBars(3 * CHUNK_SIZE, T0))
    damageChunk(T0)
  })

  it('never decodes a chunk outside the requested range', () => {
    const loaded = store.bars.loadRange(acme, '1m', { from: T0 + CHUNK_SIZE * MINUTE })
    expect(loaded.time.length).toBe(2 * CHUNK_SIZE)
    expect(store.bars.loadLatest(acme, '1m', { limit: CHUNK_SIZE }).hasMore).toBe(true)
  })

  it('reports a chunk whose blob has the wrong size as damage, naming it', () => {
    expect(() => store.bars.loadRange(acme, '1m')).toThrow(StoreDamagedError)
    expect(() => store.bars.loadRange(acme, '1m')).toThrow(new RegExp(`1m bar chunk of instrument ${acme} starting at ${T0}`))
  })
})
