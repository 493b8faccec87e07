import { describe, expect, it } from 'vitest'
import { resampleBarsReference } from '../../bench/reference/resample-ts'
import { NativeCancelledError, resampleBars, resampleBarsAsync, type ResampleSpec } from '../../src/main/native'
import { allocateBars, BAR_FIELDS, type BarColumns, sliceBars } from '../../src/shared/domain'
import { seededRandomWalk } from '../support/seeded-bars'

const MINUTE = 60
const HOUR = 3600
const DAY = 86400
const WEEK = 7 * DAY
/** Epoch 0 was a Thursday; four days later is Monday 00:00 UTC. */
const MONDAY_ANCHOR = 4 * DAY
/** 2024-01-03T09:30:00Z, a Wednesday mid-session, so the first buckets are partial. */
const START = 1704274200

/** A random walk sampled every `step` seconds, with occasional gaps so some buckets are empty. */
function randomBars(seed: number, count: number, step: number, options: { start?: number; gapChance?: number } = {}): BarColumns {
  return seededRandomWalk(seed, count, { start: options.start ?? START, step, gapChance: options.gapChance ?? 0.02 })
}

/** Daily bars on weekdays only, as an exchange calendar would give them, from Monday 2024-01-01. */
function weekdayDailyBars(seed: number, weeks: number): BarColumns {
  const all = randomBars(seed, weeks * 7, DAY, { start: 1704067200, gapChance: 0 })
  const keep = Array.from(all.time.keys()).filter((i) => {
    const weekday = new Date((all.time[i] as number) * 1000).getUTCDay()
    return weekday !== 0 && weekday !== 6
  })
  const bars = allocateBars(keep.length)
  for (const field of BAR_FIELDS) keep.forEach((from, to) => (bars[field][to] = all[field][from] as number))
  return bars
}

function barsOf(rows: ReadonlyArray<readonly [number, number, number, number, number, number]>): BarColumns {
  const bars = allocateBars(rows.length)
  rows.forEach((row, i) => BAR_FIELDS.forEach((field, f) => (bars[field][i] = row[f] as number)))
  return bars
}

/** Regular minute bars with flat prices: cheap to build in the millions. */
function bigBars(count: number): BarColumns {
  const bars = allocateBars(count)
  for (let i = 0; i < count; i++) bars.time[i] = START + i * MINUTE
  bars.open.fill(1)
  bars.high.fill(1)
  bars.low.fill(1)
  bars.close.fill(1)
  bars.volume.fill(1)
  return bars
}

function expectSameBars(actual: BarColumns, expected: BarColumns): void {
  for (const field of BAR_FIELDS) {
    expect(actual[field], field).toBeInstanceOf(Float64Array)
    expect(actual[field], field).toEqual(expected[field])
  }
}

describe('resampleBars', () => {
  const minuteBars = randomBars(42, 200_000, MINUTE)

  it.each<[string, ResampleSpec]>([
    ['5 minutes', { periodSeconds: 5 * MINUTE }],
    ['1 hour', { periodSeconds: HOUR }],
    ['4 hours anchored at 01:30', { periodSeconds: 4 * HOUR, anchorSeconds: 5400 }],
    ['1 UTC day', { periodSeconds: DAY }],
    ['1 week from Monday', { periodSeconds: WEEK, anchorSeconds: MONDAY_ANCHOR }],
  ])('matches the plain-TS reference on seeded minute bars for %s buckets', (_name, spec) => {
    const expected = resampleBarsReference(minuteBars, spec.periodSeconds, spec.anchorSeconds)
    expect(expected.time.length).toBeGreaterThan(1)
    expectSameBars(resampleBars(minuteBars, spec), expected)
  })

  it('buckets weekday daily bars into weeks that start on Monday', () => {
    const daily = weekdayDailyBars(7, 60)
    const weekly = resampleBars(daily, { periodSeconds: WEEK, anchorSeconds: MONDAY_ANCHOR })
    expectSameBars(weekly, resampleBarsReference(daily, WEEK, MONDAY_ANCHOR))
    expect(weekly.time.length).toBe(60)
    for (const t of weekly.time) expect(new Date(t * 1000).toISOString()).toMatch(/T00:00:00\.000Z$/)
    for (const t of weekly.time) expect(new Date(t * 1000).getUTCDay()).toBe(1)
  })

  it('combines five one-minute bars into one five-minute bar', () => {
    const bars = barsOf([
      [START, 10, 12, 9, 11, 100],
      [START + 60, 11, 15, 10, 14, 200],
      [START + 120, 14, 14, 8, 9, 300],
      [START + 180, 9, 10, 9, 10, 400],
      [START + 240, 10, 13, 10, 12, 500],
    ])
    expectSameBars(resampleBars(bars, { periodSeconds: 300 }), barsOf([[START, 10, 15, 8, 12, 1500]]))
  })

  it('places bucket boundaries at the anchor, including before it', () => {
    const bars = barsOf([
      [1700, 1, 1, 1, 1, 1],
      [1800, 2, 2, 2, 2, 1],
      [5399, 3, 3, 3, 3, 1],
      [5400, 4, 4, 4, 4, 1],
    ])
    const hourly = resampleBars(bars, { periodSeconds: 3600, anchorSeconds: 1800 })
    expectSameBars(hourly, barsOf([[-1800, 1, 1, 1, 1, 1], [1800, 2, 3, 2, 3, 2], [5400, 4, 4, 4, 4, 1]]))
  })

  it('reads subarray views from their own offset', () => {
    const view = sliceBars(minuteBars, 1000, 5000)
    expectSameBars(resampleBars(view, { periodSeconds: HOUR }), resampleBarsReference(view, HOUR))
  })

  it('lets a NaN price mark its bucket as Math.max and Math.min would', () => {
    const bars = barsOf([
      [0, 1, 2, 1, 1, 1],
      [60, 1, Number.NaN, Number.NaN, 1, 1],
      [120, 1, 3, 0, 1, 1],
      [300, 1, 2, 1, 1, 1],
    ])
    const resampled = resampleBars(bars, { periodSeconds: 300 })
    expectSameBars(resampled, resampleBarsReference(bars, 300))
    expect(resampled.high[0]).toBeNaN()
    expect(resampled.low[0]).toBeNaN()
    expect(resampled.high[1]).toBe(2)
  })

  it('returns empty columns for empty input', () => {
    expectSameBars(resampleBars(allocateBars(0), { periodSeconds: 60 }), allocateBars(0))
  })

  it('rejects out-of-order times naming the index and both times', () => {
    const bars = barsOf([
      [START, 1, 1, 1, 1, 1],
      [START + 60, 1, 1, 1, 1, 1],
      [START + 120, 1, 1, 1, 1, 1],
      [START + 120, 1, 1, 1, 1, 1],
    ])
    expect(() => resampleBars(bars, { periodSeconds: 300 })).toThrow(
      `bars.time[3] = ${START + 120} (2024-01-03T09:32:00.000Z) is not after bars.time[2] = ${START + 120}`,
    )
  })

  it('rejects a non-finite time naming its index', () => {
    const bars = barsOf([
      [0, 1, 1, 1, 1, 1],
      [Number.POSITIVE_INFINITY, 1, 1, 1, 1, 1],
    ])
    expect(() => resampleBars(bars, { periodSeconds: 300 })).toThrow('bars.time[1] is Infinity')
  })

  it('rejects columns of different lengths naming the short column', () => {
    const bars = { ...allocateBars(3), volume: new Float64Array(2) }
    expect(() => resampleBars(bars, { periodSeconds: 60 })).toThrow(RangeError)
    expect(() => resampleBars(bars, { periodSeconds: 60 })).toThrow('bars.volume has 2 values but bars.time has 3')
  })

  it('rejects a column that is not a Float64Array naming the column', () => {
    const asArray = { ...allocateBars(3), open: [1, 2, 3] } as unknown as BarColumns
    expect(() => resampleBars(asArray, { periodSeconds: 60 })).toThrow(new TypeError('bars.open must be a Float64Array (got an Array)'))
    const asFloat32 = { ...allocateBars(3), close: new Float32Array(3) } as unknown as BarColumns
    expect(() => resampleBars(asFloat32, { periodSeconds: 60 })).toThrow('bars.close must be a Float64Array (got a Float32Array)')
  })

  it.each([0, -60, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects periodSeconds %s', (periodSeconds) => {
    expect(() => resampleBars(allocateBars(1), { periodSeconds })).toThrow(RangeError)
    expect(() => resampleBars(allocateBars(1), { periodSeconds })).toThrow('spec.periodSeconds must be a positive whole number of seconds')
  })

  it('rejects a periodSeconds that is not a number', () => {
    const spec = { periodSeconds: '60' } as unknown as ResampleSpec
    expect(() => resampleBars(allocateBars(1), spec)).toThrow(new TypeError('spec.periodSeconds must be a number (got string)'))
  })

  it('rejects a fractional anchorSeconds', () => {
    expect(() => resampleBars(allocateBars(1), { periodSeconds: 60, anchorSeconds: 0.5 })).toThrow(
      new RangeError('spec.anchorSeconds must be a whole number of seconds (got 0.5)'),
    )
  })
})

describe('resampleBarsAsync', () => {
  const minuteBars = randomBars(1234, 300_000, MINUTE)

  it.each<ResampleSpec>([{ periodSeconds: 5 * MINUTE }, { periodSeconds: HOUR, anchorSeconds: 900 }, { periodSeconds: DAY }])(
    'gives the same arrays as resampleBars for %o',
    async (spec) => {
      expectSameBars(await resampleBarsAsync(minuteBars, spec), resampleBars(minuteBars, spec))
    },
  )

  it('returns empty columns for empty input', async () => {
    expectSameBars(await resampleBarsAsync(allocateBars(0), { periodSeconds: 60 }), allocateBars(0))
  })

  it('reports progress that increases and ends at the total', async () => {
    const calls: Array<[number, number]> = []
    await resampleBarsAsync(minuteBars, { periodSeconds: HOUR }, { onProgress: (done, total) => calls.push([done, total]) })
    expect(calls.length).toBeGreaterThan(0)
    const dones = calls.map(([done]) => done)
    expect(dones).toEqual([...new Set(dones)].sort((a, b) => a - b))
    for (const [, total] of calls) expect(total).toBe(minuteBars.time.length)
    expect(calls.at(-1)).toEqual([minuteBars.time.length, minuteBars.time.length])
  })

  it('rejects out-of-order times naming the index', async () => {
    const bars = barsOf([
      [120, 1, 1, 1, 1, 1],
      [60, 1, 1, 1, 1, 1],
    ])
    await expect(resampleBarsAsync(bars, { periodSeconds: 300 })).rejects.toThrow('bars.time[1] = 60 (1970-01-01T00:01:00.000Z) is not after bars.time[0] = 120')
  })

  it('rejects invalid arguments without starting', async () => {
    await expect(resampleBarsAsync(allocateBars(1), { periodSeconds: 0 })).rejects.toThrow(RangeError)
  })

  it('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('user closed the chart')
    const progress: number[] = []
    const result = resampleBarsAsync(minuteBars, { periodSeconds: HOUR }, { signal: AbortSignal.abort(reason), onProgress: (done) => progress.push(done) })
    await expect(result).rejects.toBeInstanceOf(NativeCancelledError)
    await expect(result).rejects.toMatchObject({ cause: reason })
    expect(progress).toEqual([])
  })

  describe('on five million bars', () => {
    const big = bigBars(5_000_000)

    it('rejects with NativeCancelledError when aborted right after starting', async () => {
      const controller = new AbortController()
      const result = resampleBarsAsync(big, { periodSeconds: 300 }, { signal: controller.signal })
      controller.abort()
      await expect(result).rejects.toBeInstanceOf(NativeCancelledError)
    })

    it('rejects with NativeCancelledError when aborted mid-fill from a progress report', async () => {
      const controller = new AbortController()
      const seen: number[] = []
      const result = resampleBarsAsync(
        big,
        { periodSeconds: 300 },
        {
          signal: controller.signal,
          onProgress: (done) => {
            seen.push(done)
            if (done > 0) controller.abort()
          },
        },
      )
      await expect(result).rejects.toBeInstanceOf(NativeCancelledError)
      expect(Math.max(...seen)).toBeLessThan(big.time.length)
    })

    it('rejects with the error onProgress throws', async () => {
      const failure = new Error('progress bar disposed')
      const result = resampleBarsAsync(
        big,
        { periodSeconds: 300 },
        {
          onProgress: () => {
            throw failure
          },
        },
      )
      await expect(result).rejects.toBe(failure)
    })
  })
})
