import { types } from 'node:util'
import {
  allocateBars,
  type AggregationSpec,
  type Bar,
  type BarColumns,
  type SessionCalendar,
  type TickColumns,
} from '../../shared/domain'
import { type NativeTickBarBuilder, type TickPushOutcome } from './addon-binding'
import { nativeBinding } from './addon-loader'
import { NativeCancelledError } from './native-cancelled-error'
import { JobControl, ProgressReporter } from './native-job'

/** What one push changed: the bars it completed (oldest first) and the bar still being filled. */
export interface BarUpdate {
  readonly closed: BarColumns | null
  readonly partial: Bar | null
}

/** Ticks a builder took but left out of every bar. */
export interface IgnoredTicks {
  /** Matched the spec's excludedConditions. */
  readonly byCondition: number
  /** Session bars only: outside every session, or outside regular hours when regularHoursOnly. */
  readonly outsideSessions: number
}

/**
 * Builds bars from ticks one at a time, with the same native code as aggregateTicks: pushing the
 * same ticks gives bit-identical bars.
 */
export interface BarBuilder {
  readonly spec: AggregationSpec
  /** Adds one tick; times must not decrease, sizes must be positive. */
  push(time: number, price: number, size: number, conditions?: number): BarUpdate
  /** The bar still being filled, if any. */
  partial(): Bar | null
  /** Closes the bar being filled and returns it (no bars if none was open); the builder then takes no more ticks. */
  flush(): BarColumns
  ignoredTicks(): IgnoredTicks
}

export interface AggregateTicksAsyncOptions {
  /**
   * Called on the JS thread with ticks done, strictly increasing, ending with done === total.
   * Throwing from it cancels the job and rejects with that error.
   */
  readonly onProgress?: (done: number, total: number) => void
  /** Aborting before the Promise settles rejects it with NativeCancelledError. */
  readonly signal?: AbortSignal
}

const MAX_UINT32 = 0xffff_ffff
const MAX_EXACT_SECONDS = 2 ** 53
/** Indexes into the builder's state array (native/napi/tick_aggregation_binding.cpp). */
const STATE_LENGTH = 7

/**
 * Bars from ticks, in one native pass on the calling thread: use aggregateTicksAsync for more than
 * ~100k ticks. Ticks are checked as they are read (times finite and never decreasing, prices
 * finite, sizes positive); the first bad one is named in a RangeError.
 */
export function aggregateTicks(ticks: TickColumns, spec: AggregationSpec): BarColumns {
  const input = validatedTicks(ticks)
  const builder = new (nativeBinding().TickBarBuilder)(validatedSpec(spec), new Float64Array(STATE_LENGTH))
  const outcome = builder.pushMany(input)
  if (outcome.status !== 'ok') throw tickError(outcome, input, spec)
  return drainAll(builder, builder.flush())
}

/**
 * aggregateTicks on the addon's worker pool. The tick columns are read while the Promise is
 * pending: do not write to them or transfer their buffers until it settles.
 */
export async function aggregateTicksAsync(ticks: TickColumns, spec: AggregationSpec, options: AggregateTicksAsyncOptions = {}): Promise<BarColumns> {
  const input = validatedTicks(ticks)
  const nativeSpec = validatedSpec(spec)
  const { onProgress, signal } = options
  if (signal?.aborted) throw new NativeCancelledError({ cause: signal.reason })
  const builder = new (nativeBinding().TickBarBuilder)(nativeSpec, new Float64Array(STATE_LENGTH))
  const control = new JobControl<TickPushOutcome>(signal)
  try {
    const total = input.time.length
    const progress = onProgress && new ProgressReporter(total, onProgress, (error) => control.fail(error))
    const report = progress && ((done: number) => progress.report(done))
    const outcome = await control.run(() => builder.pushManyAsync(input, report))
    if (outcome.status !== 'ok') throw tickError(outcome, input, spec)
    progress?.report(total)
    control.throwIfStopped()
    return drainAll(builder, builder.flush())
  } finally {
    control.dispose()
  }
}

/** A streaming builder for `spec` (checked now, so a bad spec fails here rather than at the first tick). */
export function createBarBuilder(spec: AggregationSpec): BarBuilder {
  const frozen = Object.freeze({ ...spec })
  const state = new Float64Array(STATE_LENGTH)
  const native = new (nativeBinding().TickBarBuilder)(validatedSpec(spec), state)
  let lastTime = Number.NEGATIVE_INFINITY
  let flushed = false
  const partial = (): Bar | null =>
    state[0] === 1
      ? { time: state[1] as number, open: state[2] as number, high: state[3] as number, low: state[4] as number, close: state[5] as number, volume: state[6] as number }
      : null
  return {
    spec: frozen,
    push(time, price, size, conditions = 0) {
      if (flushed) throw new Error('This bar builder was flushed and takes no more ticks: create a new one')
      checkTick(time, price, size, conditions, lastTime)
      const waiting = native.push(time, price, size, conditions)
      lastTime = time
      return { closed: waiting > 0 ? drainAll(native, waiting) : null, partial: partial() }
    },
    partial,
    flush() {
      if (flushed) return allocateBars(0)
      flushed = true
      return drainAll(native, native.flush())
    },
    ignoredTicks() {
      const counts = native.counts()
      return { byCondition: counts.excluded, outsideSessions: counts.outsideSessions }
    },
  }
}

/**
 * Sums the three tick columns natively: one read of the same 24 bytes per tick that aggregation
 * reads, so the two can be compared as a share of memory bandwidth. For benchmarks.
 */
export function readBandwidthProbe(ticks: TickColumns): number {
  return nativeBinding().readBandwidthProbe(validatedTicks(ticks))
}

function drainAll(builder: NativeTickBarBuilder, waiting: number): BarColumns {
  const bars = allocateBars(waiting)
  builder.drain(bars)
  return bars
}

/** Checks one streamed tick with the rules aggregateTicks applies natively, naming the bad value. */
function checkTick(time: number, price: number, size: number, conditions: number, lastTime: number): void {
  if (typeof time !== 'number' || !(Math.abs(time) <= MAX_EXACT_SECONDS)) {
    throw new RangeError(`tick time is ${describeValue(time)}: tick times must be finite epoch seconds no larger than 2^53 in magnitude`)
  }
  if (time < lastTime) {
    throw new RangeError(`tick time ${describeTime(time)} is before the previous tick's ${describeTime(lastTime)}: push ticks in time order`)
  }
  if (typeof price !== 'number' || !Number.isFinite(price)) throw new RangeError(`tick price is ${describeValue(price)}: every price must be a finite number`)
  if (typeof size !== 'number' || !Number.isFinite(size) || !(size > 0)) {
    throw new RangeError(`tick size is ${describeValue(size)}: every size must be a finite number greater than zero`)
  }
  if (!Number.isInteger(conditions) || conditions < 0 || conditions > MAX_UINT32) {
    throw new RangeError(`tick conditions are ${describeValue(conditions)}: condition flags must be a whole number from 0 to 2^32 - 1`)
  }
}

/** A plain copy of the columns, so what C++ receives is exactly what was checked. */
function validatedTicks(ticks: TickColumns): TickColumns {
  if (typeof ticks !== 'object' || ticks === null) throw new TypeError(`ticks must be a TickColumns object of Float64Arrays (got ${describe(ticks)})`)
  const columns: Record<'time' | 'price' | 'size', Float64Array> = {} as Record<'time' | 'price' | 'size', Float64Array>
  for (const field of ['time', 'price', 'size'] as const) {
    const column: unknown = ticks[field]
    if (!types.isFloat64Array(column)) throw new TypeError(`ticks.${field} must be a Float64Array (got ${describe(column)})`)
    columns[field] = column
  }
  const n = columns.time.length
  for (const field of ['price', 'size'] as const) {
    if (columns[field].length !== n) {
      throw new RangeError(`ticks.${field} has ${columns[field].length} values but ticks.time has ${n}: every column needs one value per tick`)
    }
  }
  const conditions: unknown = ticks.conditions
  if (conditions === undefined) return columns
  if (!types.isUint32Array(conditions)) throw new TypeError(`ticks.conditions must be a Uint32Array or absent (got ${describe(conditions)})`)
  if (conditions.length !== n) {
    throw new RangeError(`ticks.conditions has ${conditions.length} values but ticks.time has ${n}: every column needs one value per tick`)
  }
  return { ...columns, conditions }
}

/** A plain, checked copy of the spec, with the fields the native builder reads and nothing else. */
function validatedSpec(spec: AggregationSpec): AggregationSpec {
  if (typeof spec !== 'object' || spec === null) throw new TypeError(`spec must be an AggregationSpec object (got ${describe(spec)})`)
  const excludedConditions = spec.excludedConditions ?? 0
  if (!Number.isInteger(excludedConditions) || excludedConditions < 0 || excludedConditions > MAX_UINT32) {
    throw new RangeError(`spec.excludedConditions must be a whole number from 0 to 2^32 - 1 (got ${describeValue(excludedConditions)})`)
  }
  const type: unknown = spec.type
  switch (spec.type) {
    case 'time': {
      const { periodSeconds, anchorSeconds = 0 } = spec
      if (!Number.isSafeInteger(periodSeconds) || periodSeconds <= 0) {
        throw new RangeError(`spec.periodSeconds must be a positive whole number of seconds (got ${describeValue(periodSeconds)})`)
      }
      if (!Number.isSafeInteger(anchorSeconds)) throw new RangeError(`spec.anchorSeconds must be a whole number of seconds (got ${describeValue(anchorSeconds)})`)
      return { type: 'time', periodSeconds, anchorSeconds, excludedConditions }
    }
    case 'volume': {
      const { volumePerBar } = spec
      if (typeof volumePerBar !== 'number' || !Number.isFinite(volumePerBar) || volumePerBar <= 0) {
        throw new RangeError(`spec.volumePerBar must be a positive number (got ${describeValue(volumePerBar)})`)
      }
      return { type: 'volume', volumePerBar, excludedConditions }
    }
    case 'range': {
      const { range } = spec
      if (typeof range !== 'number' || !Number.isFinite(range) || range <= 0) {
        throw new RangeError(`spec.range must be a positive number of price units (got ${describeValue(range)})`)
      }
      return { type: 'range', range, excludedConditions }
    }
    case 'session': {
      const regularHoursOnly: unknown = spec.regularHoursOnly ?? false
      if (typeof regularHoursOnly !== 'boolean') throw new TypeError(`spec.regularHoursOnly must be a boolean (got ${describe(regularHoursOnly)})`)
      return { type: 'session', calendar: validatedCalendar(spec.calendar), regularHoursOnly, excludedConditions }
    }
    default:
      throw new TypeError(`spec.type must be 'time', 'volume', 'range' or 'session' (got ${describeValue(type)})`)
  }
}

const CALENDAR_FIELDS = ['barTime', 'sessionStart', 'sessionEnd', 'regularOpen', 'regularClose'] as const

function validatedCalendar(calendar: SessionCalendar): SessionCalendar {
  if (typeof calendar !== 'object' || calendar === null) throw new TypeError(`spec.calendar must be a SessionCalendar (got ${describe(calendar)})`)
  const columns = {} as Record<(typeof CALENDAR_FIELDS)[number], Float64Array>
  for (const field of CALENDAR_FIELDS) {
    const column: unknown = calendar[field]
    if (!types.isFloat64Array(column)) throw new TypeError(`spec.calendar.${field} must be a Float64Array (got ${describe(column)})`)
    columns[field] = column
  }
  const n = columns.barTime.length
  for (const field of CALENDAR_FIELDS) {
    if (columns[field].length !== n) throw new RangeError(`spec.calendar.${field} has ${columns[field].length} days but spec.calendar.barTime has ${n}`)
  }
  if (n === 0) throw new RangeError('spec.calendar has no trading days: build it to cover the ticks')
  const { barTime, sessionStart, sessionEnd, regularOpen, regularClose } = columns
  for (let i = 0; i < n; i++) {
    for (const field of CALENDAR_FIELDS) {
      const v = columns[field][i] as number
      if (!(Math.abs(v) <= MAX_EXACT_SECONDS)) throw new RangeError(`spec.calendar.${field}[${i}] is ${v}: calendar times must be finite epoch seconds`)
    }
    const start = sessionStart[i] as number
    const end = sessionEnd[i] as number
    const open = regularOpen[i] as number
    const close = regularClose[i] as number
    if (!(start < end)) throw new RangeError(`spec.calendar day ${i}: its session starts at ${describeTime(start)}, not before it ends at ${describeTime(end)}`)
    if (!(start <= open && open <= close && close <= end)) {
      throw new RangeError(`spec.calendar day ${i}: regular hours ${describeTime(open)}–${describeTime(close)} must lie inside its session ${describeTime(start)}–${describeTime(end)}`)
    }
    if (i > 0) {
      const previousEnd = sessionEnd[i - 1] as number
      if (previousEnd > start) {
        throw new RangeError(`spec.calendar day ${i} starts at ${describeTime(start)}, before day ${i - 1} ends at ${describeTime(previousEnd)}: days must be in order and not overlap`)
      }
      if ((barTime[i - 1] as number) > (barTime[i] as number)) throw new RangeError(`spec.calendar.barTime must not decrease, but day ${i} is before day ${i - 1}`)
    }
  }
  return columns
}

function tickError(outcome: TickPushOutcome, ticks: TickColumns, spec: AggregationSpec): Error {
  const i = outcome.index
  switch (outcome.status) {
    case 'invalid-time':
      return new RangeError(`ticks.time[${i}] is ${ticks.time[i]}: tick times must be finite epoch seconds no larger than 2^53 in magnitude`)
    case 'not-ascending':
      return new RangeError(
        `ticks.time must not decrease, but ticks.time[${i}] = ${describeTime(ticks.time[i])} is before ticks.time[${i - 1}] = ${describeTime(ticks.time[i - 1])}`,
      )
    case 'invalid-price':
      return new RangeError(`ticks.price[${i}] is ${ticks.price[i]}: every price must be a finite number`)
    case 'invalid-size':
      return new RangeError(`ticks.size[${i}] is ${ticks.size[i]}: every size must be a finite number greater than zero`)
    case 'too-many-bars':
      return new RangeError(
        `ticks.size[${i}] = ${ticks.size[i]} would fill more than 2^20 bars of ${spec.type === 'volume' ? spec.volumePerBar : '?'}: use a larger volumePerBar`,
      )
    case 'flushed':
    case 'cancelled':
    case 'ok':
      return new Error(`The native tick aggregator stopped unexpectedly (${outcome.status})`)
  }
}

const MAX_DATE_SECONDS = 8.64e12

function describeTime(seconds: number | undefined): string {
  if (seconds === undefined || !(Math.abs(seconds) <= MAX_DATE_SECONDS)) return String(seconds)
  return `${seconds} (${new Date(seconds * 1000).toISOString()})`
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  return describe(value)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an Array'
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`
  return typeof value
}
