import { createRequire } from 'node:module'
import { computeIndicator, listIndicators } from '../src/main/native'
import type { BarColumns, IndicatorInfo } from '../src/shared/domain'
import { seededRandomWalk } from '../tests/support/seeded-bars'
import { compare, printHeader } from './harness'

const require = createRequire(import.meta.url)

interface TalibReference {
  callTalib(name: string, params: Float64Array, bars: BarColumns, outputs: Float64Array[]): { begIndex: number; nbElement: number }
}
interface TalibNpm {
  execute(args: Record<string, unknown>): { result: Record<string, number[]> }
  explain(name: string): {
    inputs: Array<{ name: string; type: string; flags?: Record<string, string> }>
    optInputs: Array<{ name: string; defaultValue: number }>
  }
}
type PureJs = Record<string, { calculate(input: Record<string, unknown>): unknown[] }>

/** Built by `npm run bench` from bench/native (TA-Lib's C library, from the talib devDependency). */
const talibC = require('./native/build/Release/talib_reference.node') as TalibReference
const talibNpm = require('talib') as TalibNpm
const pureJs = require('technicalindicators') as PureJs

function pureJsIndicator(name: string): PureJs[string] {
  const indicator = pureJs[name]
  if (!indicator) throw new Error(`technicalindicators has no ${name}`)
  return indicator
}

const BAR_COUNT = 1_000_000
const SMALL_COUNT = 100_000

function defaults(info: IndicatorInfo): Float64Array {
  return Float64Array.from(info.params.map((p) => p.default))
}

/**
 * Each indicator against TA-Lib's C function on the same Float64Arrays (both allocate their
 * outputs per call); then common ones against the `talib` npm binding (JS arrays in and out) and
 * `technicalindicators` (pure JS), on fewer bars because those two are slow.
 */
export async function run(): Promise<void> {
  const bars = seededRandomWalk(424242, BAR_COUNT)
  const talibIndicators = listIndicators().filter((i) => i.talib)
  printHeader(`indicators: Quorum native vs TA-Lib C (-O2 as TA-Lib builds itself), ${BAR_COUNT / 1e6}M bars, default parameters`)
  for (const info of talibIndicators) {
    const params = defaults(info)
    await compare({
      name: info.name,
      contender: () => computeIndicator(info.name, bars),
      reference: () => talibC.callTalib(info.name, params, bars, info.outputs.map(() => new Float64Array(BAR_COUNT))),
      referenceName: 'TA-Lib C',
      items: BAR_COUNT,
      unit: 'bars',
      runs: 9,
      warmup: 2,
    })
  }

  const small = seededRandomWalk(4242, SMALL_COUNT)
  const closes = Array.from(small.close)
  const highs = Array.from(small.high)
  const lows = Array.from(small.low)
  const jsCases: ReadonlyArray<readonly [string, () => unknown]> = [
    ['SMA', () => pureJsIndicator('SMA').calculate({ period: 30, values: closes })],
    ['EMA', () => pureJsIndicator('EMA').calculate({ period: 30, values: closes })],
    ['RSI', () => pureJsIndicator('RSI').calculate({ period: 14, values: closes })],
    ['MACD', () => pureJsIndicator('MACD').calculate({ values: closes, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false })],
    ['BBANDS', () => pureJsIndicator('BollingerBands').calculate({ period: 5, stdDev: 2, values: closes })],
    ['ATR', () => pureJsIndicator('ATR').calculate({ period: 14, high: highs, low: lows, close: closes })],
  ]
  const known = new Set(listIndicators().map((i) => i.name))
  printHeader(`indicators: Quorum native vs the talib npm binding and a pure-JS library, ${SMALL_COUNT / 1e3}k bars`)
  for (const [name, pure] of jsCases) {
    if (!known.has(name)) continue
    const explain = talibNpm.explain(name)
    const args: Record<string, unknown> = { name, startIdx: 0, endIdx: SMALL_COUNT - 1 }
    for (const input of explain.inputs) {
      if (input.type === 'real') args[input.name] = closes
      else for (const field of Object.values(input.flags ?? {})) args[field] = Array.from(small[field as keyof BarColumns])
    }
    // Every optional input must be given: without one the binding reports the error through a
    // callback that a synchronous call does not have, and the process aborts.
    for (const opt of explain.optInputs) args[opt.name] = opt.defaultValue
    await compare({
      name: `${name} vs talib npm`,
      contender: () => computeIndicator(name, small),
      reference: () => talibNpm.execute({ ...args }),
      referenceName: 'talib (npm)',
      items: SMALL_COUNT,
      unit: 'bars',
      runs: 7,
      warmup: 1,
    })
    await compare({
      name: `${name} vs technicalindicators`,
      contender: () => computeIndicator(name, small),
      reference: pure,
      referenceName: 'pure JS',
      items: SMALL_COUNT,
      unit: 'bars',
      runs: 5,
      warmup: 1,
    })
  }
}
