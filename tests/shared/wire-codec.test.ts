import { describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame, FrameError } from '../../src/shared/wire'

describe('wire codec', () => {
  it('round-trips typed arrays as aligned views with their exact values', () => {
    const time = Float64Array.from([1, 2, 3.5])
    const flags = Uint8Array.from([1, 0, 1])
    const decoded = decodeFrame(encodeFrame({ type: 'reply', id: 7, result: { ok: true, value: { time, flags, name: 'x' } } })) as {
      id: number
      result: { value: { time: Float64Array; flags: Uint8Array; name: string } }
    }
    expect(decoded.id).toBe(7)
    expect(decoded.result.value.time).toBeInstanceOf(Float64Array)
    expect(Array.from(decoded.result.value.time)).toEqual([1, 2, 3.5])
    expect(Array.from(decoded.result.value.flags)).toEqual([1, 0, 1])
    expect(decoded.result.value.time.byteOffset % 8).toBe(0)
    expect(decoded.result.value.name).toBe('x')
  })

  it('keeps subarrays to their own range, not the whole buffer', () => {
    const big = Float64Array.from({ length: 100 }, (_, i) => i)
    const decoded = decodeFrame(encodeFrame({ part: big.subarray(10, 13) })) as { part: Float64Array }
    expect(Array.from(decoded.part)).toEqual([10, 11, 12])
  })

  it('decodes a frame that arrives at an unaligned offset', () => {
    const frame = encodeFrame({ a: Float64Array.from([42]) })
    const shifted = new Uint8Array(frame.byteLength + 3)
    shifted.set(frame, 3)
    const decoded = decodeFrame(shifted.subarray(3)) as { a: Float64Array }
    expect(decoded.a[0]).toBe(42)
  })

  it('rejects a frame whose array reference points past its end', () => {
    const json = new TextEncoder().encode(JSON.stringify({ a: { $ta: 'f64', o: 0, n: 1000 } }))
    const frame = new Uint8Array(8 + json.byteLength)
    new DataView(frame.buffer).setUint32(0, json.byteLength, true)
    frame.set(json, 4)
    expect(() => decodeFrame(frame)).toThrow(FrameError)
  })

  it('rejects a truncated header', () => {
    expect(() => decodeFrame(new Uint8Array(2))).toThrow(FrameError)
  })
})
