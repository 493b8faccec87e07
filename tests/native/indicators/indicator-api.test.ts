import { describe, expect, it } from 'vitest'
import { computeIndicator, computeIndicatorAsync, findIndicator, NativeCancelledError } from '../../../src/main/native'
import { allocateBars } from '../../../src/shared/domain'
import { seededRandomWalk } from '../../support/seeded-bars'

describe('indicator API', () => {
  it('computes a simple moving average a trader can check by hand', () => {
    const bars = allocateBars(5)
    bars.close.set([1, 2, 3, 4, 5])
    const result = computeIndicator('SMA', bars, { period: 3 })
    expect(result.lookback).toBe(2)
    expect(Array.from(result.outputs.real!)).toEqual([NaN, NaN, 2, 3, 4])
    expect(result.params).toEqual({ period: 3 })
  })

  it('fills in default parameters and accepts lower-case names', () => {
    expect(computeIndicator('sma', seededRandomWalk(1, 50)).params).toEqual({ period: 30 })
    expect(findIndicator('sma')?.title).toBe('Simple Moving Average')
  })

  it('names the parameter and its range when a value is wrong, before any native call', () => {
    const bars = seededRandomWalk(1, 10)
    expect(() => computeIndicator('SMA', bars, { period: 1 })).toThrow('SMA period must be in 2–100000, got 1')
    expect(() => computeIndicator('SMA', bars, { period: 2.5 })).toThrow('whole number')
    expect(() => computeIndicator('SMA', bars, { length: 5 })).toThrow('SMA has no parameter "length"; its parameters are period')
    expect(() => computeIndicator('NOPE', bars)).toThrow('Unknown indicator "NOPE"')
  })

  it('refuses columns of different lengths', () => {
    const bars = { ...seededRandomWalk(1, 10), volume: new Float64Array(3) }
    expect(() => computeIndicator('SMA', bars)).toThrow('bars.volume has 3 values but bars.time has 10')
  })

  it('gives the same values off the JS thread', async () => {
    const bars = seededRandomWalk(3, 200_000)
    const sync = computeIndicator('SMA', bars, { period: 50 })
    const async = await computeIndicatorAsync('SMA', bars, { period: 50 })
    expect(async.outputs.real).toEqual(sync.outputs.real)
  })

  it('rejects with NativeCancelledError when aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(computeIndicatorAsync('SMA', seededRandomWalk(3, 1000), {}, { signal: controller.signal })).rejects.toBeInstanceOf(NativeCancelledError)
  })
})
