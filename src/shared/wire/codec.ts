/**
 * Binary frames for the WebSocket transport. A value is JSON except that every typed array in it
 * is lifted out into an 8-byte-aligned binary section, so columns of bars cross as raw memory
 * (decoded as views, not parsed). Electron IPC does not need this: structured clone keeps them.
 *
 * Frame: [u32 little-endian JSON byte length][JSON][zero padding to 8][section 0][pad]...
 * A lifted array appears in the JSON as {"$ta": kind, "o": byteOffset, "n": length}.
 */

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array

const KINDS = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
} as const
type Kind = keyof typeof KINDS

function kindOf(v: unknown): Kind | null {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return null
  for (const k of Object.keys(KINDS) as Kind[]) if (v instanceof KINDS[k]) return k
  return null
}

const align8 = (n: number): number => (n + 7) & ~7

export function encodeFrame(value: unknown): Uint8Array {
  const arrays: TypedArray[] = []
  let offset = 0
  const json = JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    const kind = kindOf(v)
    if (kind === null) return v
    const arr = v as TypedArray
    const ref = { $ta: kind, o: offset, n: arr.length }
    arrays.push(arr)
    offset += align8(arr.byteLength)
    return ref
  })
  const head = new TextEncoder().encode(json ?? 'null')
  const bodyStart = align8(4 + head.byteLength)
  const out = new Uint8Array(bodyStart + offset)
  new DataView(out.buffer).setUint32(0, head.byteLength, true)
  out.set(head, 4)
  let at = bodyStart
  for (const arr of arrays) {
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), at)
    at += align8(arr.byteLength)
  }
  return out
}

export class FrameError extends Error {}

export function decodeFrame(frame: Uint8Array): unknown {
  if (frame.byteLength < 4) throw new FrameError('frame shorter than its header')
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  const headLen = view.getUint32(0, true)
  if (4 + headLen > frame.byteLength) throw new FrameError('frame header longer than the frame')
  const json = new TextDecoder().decode(frame.subarray(4, 4 + headLen))
  const bodyStart = align8(4 + headLen)
  // Views need the body 8-byte aligned in its buffer; copy once if the transport handed us an
  // unaligned slice (rare: ws gives fresh buffers).
  const aligned = (frame.byteOffset + bodyStart) % 8 === 0 ? frame : frame.slice()
  const base = aligned.byteOffset + bodyStart
  return JSON.parse(json, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || !('$ta' in v)) return v
    const ref = v as { $ta: string; o: number; n: number }
    if (!Object.hasOwn(KINDS, ref.$ta)) throw new FrameError(`unknown typed array kind ${ref.$ta}`)
    const Ctor = KINDS[ref.$ta as Kind]
    const end = bodyStart + ref.o + ref.n * Ctor.BYTES_PER_ELEMENT
    if (!Number.isInteger(ref.o) || !Number.isInteger(ref.n) || ref.o < 0 || ref.n < 0 || end > aligned.byteLength) {
      throw new FrameError('typed array section out of bounds')
    }
    return new Ctor(aligned.buffer as ArrayBuffer, base + ref.o, ref.n)
  })
}
