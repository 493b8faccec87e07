import { describe, expect, it } from 'vitest'
import { allocateBars } from '../../src/shared/domain'
import { BYTES_PER_BAR, chunkLowerBound, chunkUpperBound, decodeChunkInto, encodeChunk } from '../../src/main/store/bar-chunk-codec'
import { makeBars, toArrays } from './store-fixture'

describe('bar chunk codec', () => {
  it('lays out six little-endian Float64 columns back to back', () => {
    const bars = makeBars(3, 600)
    const blob = encodeChunk(bars, 0, 3)
    expect(blob.byteLength).toBe(3 * BYTES_PER_BAR)
    expect(blob.readDoubleLE(0)).toBe(600)
    expect(blob.readDoubleLE(16)).toBe(720)
    expect(blob.readDoubleLE(3 * 8)).toBe(bars.open[0])
    expect(blob.readDoubleLE(5 * 3 * 8 + 16)).toBe(bars.volume[2])
  })

  it('encodes a slice of the columns, not the whole arrays', () => {
    const bars = makeBars(10, 0)
    const out = allocateBars(4)
    decodeChunkInto(encodeChunk(bars, 3, 7), 4, 0, 4, out, 0)
    expect(Array.from(out.time)).toEqual([180, 240, 300, 360])
  })

  it('decodes a blob that sits at an odd byte offset', () => {
    const bars = makeBars(5, 60)
    const blob = encodeChunk(bars, 0, 5)
    const backing = new Uint8Array(blob.byteLength + 3)
    backing.set(blob, 3)
    const unaligned = Buffer.from(backing.buffer, 3, blob.byteLength)
    const out = allocateBars(7)
    decodeChunkInto(unaligned, 5, 1, 4, out, 2)
    expect(Array.from(out.time)).toEqual([0, 0, 120, 180, 240, 0, 0])
    expect(Array.from(out.close.subarray(2, 5))).toEqual(Array.from(bars.close.subarray(1, 4)))
    expect(toArrays(out).volume.slice(2, 5)).toEqual(Array.from(bars.volume.subarray(1, 4)))
  })

  it('finds the bounds of a time within a chunk', () => {
    const blob = encodeChunk(makeBars(5, 60), 0, 5)
    expect(chunkLowerBound(blob, 5, 180)).toBe(2)
    expect(chunkUpperBound(blob, 5, 180)).toBe(3)
    expect(chunkLowerBound(blob, 5, 0)).toBe(0)
    expect(chunkUpperBound(blob, 5, 10_000)).toBe(5)
  })
})
