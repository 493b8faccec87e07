import { createRequire } from 'node:module'
import type { BarColumns, IndicatorInfo } from '../../src/shared/domain'

/** The parts of the `talib` npm package (TA-Lib's C library, built from source) the tests use. */
interface TalibInput {
  name: string
  type: 'real' | 'price' | 'integer'
  flags?: Record<string, string>
}
interface TalibExplain {
  name: string
  inputs: TalibInput[]
  optInputs: Array<{ name: string; defaultValue: number; type: string }>
  outputs: Array<{ name: string }>
}
interface TalibResult {
  begIndex: number
  nbElement: number
  result: Record<string, number[]>
  error?: string
}
interface Talib {
  version: string
  functions: Array<{ name: string }>
  explain(name: string): TalibExplain
  execute(args: Record<string, unknown>): TalibResult
}

const talib = createRequire(import.meta.url)('talib') as Talib

export interface ReferenceRun {
  readonly begIndex: number
  /** One column per output, in TA-Lib's order, each starting at begIndex. */
  readonly outputs: number[][]
}

export function talibExplain(name: string): TalibExplain {
  return talib.explain(name)
}

export function talibHas(name: string): boolean {
  return talib.functions.some((f) => f.name === name)
}

/**
 * Runs TA-Lib's function of the same name over the same bars: single-series inputs get the
 * closes, price inputs the named columns; parameters map by position (ours follow TA-Lib's order).
 */
export function runTalib(info: IndicatorInfo, bars: BarColumns, params: readonly number[]): ReferenceRun {
  const explain = talib.explain(info.name)
  const n = bars.time.length
  const args: Record<string, unknown> = { name: info.name, startIdx: 0, endIdx: n - 1 }
  for (const input of explain.inputs) {
    if (input.type === 'real') args[input.name] = Array.from(bars.close)
    else for (const field of Object.values(input.flags ?? {})) args[field] = Array.from(bars[field as keyof BarColumns])
  }
  explain.optInputs.forEach((opt, i) => (args[opt.name] = params[i]))
  const run = talib.execute(args)
  if (run.error) throw new Error(`TA-Lib ${info.name}: ${run.error}`)
  return { begIndex: run.begIndex, outputs: explain.outputs.map((o) => run.result[o.name] ?? []) }
}
