import type { BarColumns } from '../../shared/domain'
import { BAR_FIELDS } from '../../shared/domain'

/**
 * A chunk blob holds `count` bars as six Float64 columns back to back (time, open, high, low,
 * close, volume), each little-endian: 48 bytes a bar, no header (the row carries the count).
 */
export const BYTES_PER_BAR = 8 * BAR_FIELDS.length

/** Typed arrays use the platform's byte order; the blob format is little-endian everywhere. */
const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f

function bytesOf(column: Float64Array, start: number, end: number): Uint8Array {
  return new Uint8Array(column.buffer, column.byteOffset + start * 8, (end - start) * 8)
}

/** Encodes bars [start, end) of `bars` into one chunk blob. */
export function encodeChunk(bars: BarColumns, start: number, end: number): Buffer {
  const count = end - start
  const blob = Buffer.allocUnsafe(count * BYTES_PER_BAR)
  BAR_FIELDS.forEach((field, f) => {
    const column = bars[field]
    const base = f * count * 8
    if (PLATFORM_IS_LITTLE_ENDIAN) {
      blob.set(bytesOf(column, start, end), base)
    } else {
      for (let i = 0; i < count; i++) blob.writeDoubleLE(column[start + i] as number, base + i * 8)
    }
  })
  return blob
}

/** Index of the first bar of the chunk whose time is >= `time` (`count` if none). */
export function chunkLowerBound(blob: Uint8Array, count: number, time: number): number {
  const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  let lo = 0
  let hi = count
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (view.readDoubleLE(mid * 8) < time) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Index of the first bar of the chunk whose time is > `time` (`count` if none). */
export function chunkUpperBound(blob: Uint8Array, count: number, time: number): number {
  const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  let lo = 0
  let hi = count
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (view.readDoubleLE(mid * 8) <= time) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Copies bars [start, end) of a chunk blob of `count` bars into `out` at `offset`. The copy is
 * a byte copy into the typed arrays' own memory, so it works whatever the blob's alignment (Node
 * Buffers from SQLite need not be 8-byte aligned) and costs one memcpy per column.
 */
export function decodeChunkInto(blob: Uint8Array, count: number, start: number, end: number, out: BarColumns, offset: number): void {
  const n = end - start
  if (n <= 0) return
  BAR_FIELDS.forEach((field, f) => {
    const column = out[field]
    const from = f * count * 8 + start * 8
    if (PLATFORM_IS_LITTLE_ENDIAN) {
      bytesOf(column, offset, offset + n).set(blob.subarray(from, from + n * 8))
    } else {
      const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
      for (let i = 0; i < n; i++) column[offset + i] = view.readDoubleLE(from + i * 8)
    }
  })
}
