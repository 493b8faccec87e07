import type { BarColumns, IndicatorInfo } from '../../shared/domain'
import { BAR_FIELDS, MA_TYPES } from '../../shared/domain'
import { nativeBinding } from './addon-loader'
import { NativeCancelledError } from './native-cancelled-error'

export type IndicatorParams = Readonly<Record<string, number>>

export interface IndicatorResult {
  readonly name: string
  /** Every parameter, defaults filled in. */
  readonly params: IndicatorParams
  /** Bars before the first value: TA-Lib's lookback. Outputs are NaN there. */
  readonly lookback: number
  /** One column per output, as long as the input bars. */
  readonly outputs: Readonly<Record<string, Float64Array>>
}

/** A live instance: feed it one bar at a time; it returns that bar's outputs (NaN while warming up). */
export interface IndicatorStream {
  readonly name: string
  readonly lookback: number
  readonly outputNames: readonly string[]
  update(bar: { time: number; open: number; high: number; low: number; close: number; volume: number }): Float64Array
}

let cached: readonly IndicatorInfo[] | undefined

/** Every indicator of the native library, sorted by name. */
export function listIndicators(): readonly IndicatorInfo[] {
  cached ??= Object.freeze(nativeBinding().indicatorList())
  return cached
}

export function findIndicator(name: string): IndicatorInfo | undefined {
  return listIndicators().find((i) => i.name === name.toUpperCase())
}

function requireIndicator(name: string): IndicatorInfo {
  const info = findIndicator(name)
  if (!info) throw new RangeError(`Unknown indicator "${name}". Known: ${listIndicators().map((i) => i.name).join(', ')}.`)
  return info
}

/**
 * Checks parameters against the indicator's specs and returns them in the native order, with
 * defaults for the ones not given. Errors name the indicator, the parameter and the allowed range.
 */
export function resolveIndicatorParams(info: IndicatorInfo, given: IndicatorParams = {}): { values: Float64Array; params: IndicatorParams } {
  const known = new Set(info.params.map((p) => p.name))
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      throw new RangeError(`${info.name} has no parameter "${key}"; its parameters are ${info.params.map((p) => p.name).join(', ') || 'none'}.`)
    }
  }
  const values = new Float64Array(info.params.length)
  const params: Record<string, number> = {}
  info.params.forEach((spec, i) => {
    const value = given[spec.name] ?? spec.default
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${info.name} ${spec.name} must be a finite number.`)
    if (spec.kind !== 'real' && !Number.isInteger(value)) throw new RangeError(`${info.name} ${spec.name} must be a whole number, got ${value}.`)
    if (value < spec.min || value > spec.max) {
      const range = spec.kind === 'ma-type' ? `0–${MA_TYPES.length - 1} (${MA_TYPES.map((t, n) => `${n} ${t}`).join(', ')})` : `${spec.min}–${spec.max}`
      throw new RangeError(`${info.name} ${spec.name} must be in ${range}, got ${value}.`)
    }
    values[i] = value
    params[spec.name] = value
  })
  return { values, params }
}

function checkBars(bars: BarColumns): number {
  const n = bars.time.length
  for (const field of BAR_FIELDS) {
    const column = bars[field]
    if (!(column instanceof Float64Array)) throw new TypeError(`bars.${field} must be a Float64Array`)
    if (column.length !== n) throw new RangeError(`bars.${field} has ${column.length} values but bars.time has ${n}`)
  }
  return n
}

function allocateOutputs(info: IndicatorInfo, n: number): Float64Array[] {
  return info.outputs.map(() => new Float64Array(n))
}

function toResult(info: IndicatorInfo, params: IndicatorParams, values: Float64Array, outputs: Float64Array[]): IndicatorResult {
  return {
    name: info.name,
    params,
    lookback: nativeBinding().indicatorLookback(info.name, values),
    outputs: Object.fromEntries(info.outputs.map((name, k) => [name, outputs[k] as Float64Array])),
  }
}

/** Computes an indicator over bars on the calling thread (fine for the sizes a chart shows). */
export function computeIndicator(name: string, bars: BarColumns, given?: IndicatorParams): IndicatorResult {
  const info = requireIndicator(name)
  const { values, params } = resolveIndicatorParams(info, given)
  const outputs = allocateOutputs(info, checkBars(bars))
  nativeBinding().indicatorBatch(info.name, values, bars, outputs)
  return toResult(info, params, values, outputs)
}

/** Computes an indicator on the addon's worker pool; rejects with NativeCancelledError on abort. */
export async function computeIndicatorAsync(name: string, bars: BarColumns, given?: IndicatorParams, options: { signal?: AbortSignal } = {}): Promise<IndicatorResult> {
  const info = requireIndicator(name)
  const { values, params } = resolveIndicatorParams(info, given)
  const outputs = allocateOutputs(info, checkBars(bars))
  const { signal } = options
  if (signal?.aborted) throw new NativeCancelledError({ cause: signal.reason })
  const job = nativeBinding().indicatorBatchAsync(info.name, values, bars, outputs)
  const onAbort = (): void => job.cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const finished = await job.promise
    if (!finished || signal?.aborted) throw new NativeCancelledError({ cause: signal?.reason })
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
  return toResult(info, params, values, outputs)
}

/** The streaming form: the same native implementation as the batch, one bar at a time. */
export function createIndicatorStream(name: string, given?: IndicatorParams): IndicatorStream {
  const info = requireIndicator(name)
  const { values } = resolveIndicatorParams(info, given)
  const binding = nativeBinding()
  const stream = new binding.IndicatorStream(info.name, values)
  return {
    name: info.name,
    lookback: binding.indicatorLookback(info.name, values),
    outputNames: info.outputs,
    update(bar) {
      const out = new Float64Array(info.outputs.length)
      stream.update(bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume, out)
      return out
    },
  }
}
