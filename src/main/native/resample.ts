import { types } from 'node:util'
import { allocateBars, BAR_FIELDS, type BarColumns, type BarField } from '../../shared/domain'
import { type ResampleOutcome } from './addon-binding'
import { nativeBinding } from './addon-loader'
import { NativeCancelledError } from './native-cancelled-error'
import { JobControl, ProgressReporter } from './native-job'

/**
 * Buckets are [start, start + period) with start = floor((t - anchor) / period) * period + anchor.
 * Daily bars by UTC day: { periodSeconds: 86400 }. Weekly bars starting Monday 00:00 UTC:
 * { periodSeconds: 604800, anchorSeconds: 345600 } (epoch 0 was a Thursday).
 */
export interface ResampleSpec {
  /** Bucket length in whole seconds, greater than zero. */
  readonly periodSeconds: number
  /** Shifts bucket boundaries by this many whole seconds; defaults to 0. */
  readonly anchorSeconds?: number
}

export interface ResampleAsyncOptions {
  /**
   * Called on the JS thread with input bars done, strictly increasing, ending with done === total
   * (total is the input bar count). It tracks the fill pass; the counting scan before it is about
   * a fifth of the work and unreported. Throwing from it cancels the job and rejects with that error.
   */
  readonly onProgress?: (done: number, total: number) => void
  /** Aborting before the Promise settles rejects it with NativeCancelledError. */
  readonly signal?: AbortSignal
}

interface ValidSpec {
  readonly period: number
  readonly anchor: number
}

/**
 * One output bar per non-empty bucket: open first, high max, low min, close last, volume summed.
 * `bars.time` must be finite and strictly ascending; NaN prices propagate into their bucket.
 * Runs on the calling thread: use resampleBarsAsync for anything over ~100k bars.
 */
export function resampleBars(bars: BarColumns, spec: ResampleSpec): BarColumns {
  const input = validatedColumns(bars)
  const { period, anchor } = validatedSpec(spec)
  const binding = nativeBinding()
  const counted = binding.resampleCount(input.time, period, anchor)
  if (counted.status !== 'ok') throw outcomeError(counted, input)
  const output = allocateBars(counted.buckets)
  checkFilled(binding.resampleFill(input, output, period, anchor), counted.buckets, input)
  return output
}

/**
 * resampleBars on the addon's worker pool. The input columns are read while the Promise is
 * pending: do not write to them or transfer their buffers until it settles.
 */
export async function resampleBarsAsync(bars: BarColumns, spec: ResampleSpec, options: ResampleAsyncOptions = {}): Promise<BarColumns> {
  const input = validatedColumns(bars)
  const { period, anchor } = validatedSpec(spec)
  const { onProgress, signal } = options
  if (signal?.aborted) throw new NativeCancelledError({ cause: signal.reason })
  const binding = nativeBinding()
  const control = new JobControl<ResampleOutcome>(signal)
  try {
    // Count on the worker too (5M bars ≈ 5 ms is too long for the JS thread), then allocate exactly in JS.
    const counted = await control.run(() => binding.resampleCountAsync(input.time, period, anchor, undefined))
    if (counted.status !== 'ok') throw outcomeError(counted, input)
    const output = allocateBars(counted.buckets)
    const progress = onProgress && new ProgressReporter(input.time.length, onProgress, (error) => control.fail(error))
    const reportFill = progress && ((done: number) => progress.report(done))
    const filled = await control.run(() => binding.resampleFillAsync(input, output, period, anchor, reportFill))
    checkFilled(filled, counted.buckets, input)
    progress?.report(input.time.length)
    control.throwIfStopped()
    return output
  } finally {
    control.dispose()
  }
}

/** A plain copy of the six columns, so what C++ receives is exactly what was checked. */
function validatedColumns(bars: BarColumns): BarColumns {
  if (typeof bars !== 'object' || bars === null) {
    throw new TypeError(`bars must be a BarColumns object of Float64Arrays (got ${describe(bars)})`)
  }
  const columns = {} as Record<BarField, Float64Array>
  for (const field of BAR_FIELDS) {
    const column: unknown = bars[field]
    if (!types.isFloat64Array(column)) throw new TypeError(`bars.${field} must be a Float64Array (got ${describe(column)})`)
    columns[field] = column
  }
  for (const field of BAR_FIELDS) {
    if (columns[field].length !== columns.time.length) {
      throw new RangeError(
        `bars.${field} has ${columns[field].length} values but bars.time has ${columns.time.length}: every column needs one value per bar`,
      )
    }
  }
  return columns
}

function validatedSpec(spec: ResampleSpec): ValidSpec {
  if (typeof spec !== 'object' || spec === null) throw new TypeError(`spec must be a ResampleSpec object (got ${describe(spec)})`)
  const { periodSeconds, anchorSeconds = 0 } = spec
  if (typeof periodSeconds !== 'number') throw new TypeError(`spec.periodSeconds must be a number (got ${describe(periodSeconds)})`)
  if (!Number.isSafeInteger(periodSeconds) || periodSeconds <= 0) {
    throw new RangeError(`spec.periodSeconds must be a positive whole number of seconds (got ${periodSeconds})`)
  }
  if (typeof anchorSeconds !== 'number') throw new TypeError(`spec.anchorSeconds must be a number (got ${describe(anchorSeconds)})`)
  if (!Number.isSafeInteger(anchorSeconds)) {
    throw new RangeError(`spec.anchorSeconds must be a whole number of seconds (got ${anchorSeconds})`)
  }
  return { period: periodSeconds, anchor: anchorSeconds }
}

function checkFilled(filled: ResampleOutcome, expectedBuckets: number, input: BarColumns): void {
  if (filled.status !== 'ok') throw outcomeError(filled, input)
  if (filled.buckets !== expectedBuckets) throw inputChangedError()
}

function outcomeError(outcome: ResampleOutcome, input: BarColumns): Error {
  const { time } = input
  const i = outcome.index
  switch (outcome.status) {
    case 'invalid-time':
      return new RangeError(`bars.time[${i}] is ${time[i]}: bar times must be finite epoch seconds no larger than 2^53 in magnitude`)
    case 'not-ascending':
      return new RangeError(
        `bars.time must be strictly ascending, but bars.time[${i}] = ${describeTime(time[i])} ` +
          `is not after bars.time[${i - 1}] = ${describeTime(time[i - 1])}`,
      )
    case 'output-too-small':
      return inputChangedError()
    case 'cancelled':
    case 'ok':
      return new Error(`The native resampler stopped unexpectedly (${outcome.status})`)
  }
}

function inputChangedError(): Error {
  return new Error('bars changed while they were being resampled: leave the input columns untouched until the call returns')
}

const MAX_DATE_SECONDS = 8.64e12

function describeTime(seconds: number | undefined): string {
  if (seconds === undefined || !(Math.abs(seconds) <= MAX_DATE_SECONDS)) return String(seconds)
  return `${seconds} (${new Date(seconds * 1000).toISOString()})`
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an Array'
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`
  return typeof value
}
