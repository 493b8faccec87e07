import { expect } from 'vitest'
import { computeIndicator, createIndicatorStream, findIndicator } from '../../src/main/native'
import type { BarColumns, IndicatorInfo } from '../../src/shared/domain'
import { runTalib } from './talib-reference'

/** The registered indicator, or a thrown error naming it. */
export function indicatorInfo(name: string): IndicatorInfo {
  const found = findIndicator(name)
  if (!found) throw new Error(`${name} is not registered`)
  return found
}

/** Parameter values in the library's order, as the named record computeIndicator takes. */
export function namedParams(info: IndicatorInfo, values: readonly number[]): Record<string, number> {
  return Object.fromEntries(info.params.map((p, k) => [p.name, values[k] as number]))
}

/** Quorum's batch output equals TA-Lib's bit for bit: the same warm-up (NaN before it) and the same values. */
export function expectIdenticalToTalib(name: string, bars: BarColumns, values: number[]): void {
  const i = indicatorInfo(name)
  const ours = computeIndicator(name, bars, namedParams(i, values))
  const reference = runTalib(i, bars, values)
  const n = bars.time.length
  // TA-Lib reports begIndex 0 with no values when the series is shorter than the warm-up.
  if (reference.outputs[0]!.length > 0) expect(ours.lookback, `${name}(${values}) lookback`).toBe(reference.begIndex)
  i.outputs.forEach((output, k) => {
    const column = ours.outputs[output]!
    const expected = reference.outputs[k]!
    const begin = n - expected.length
    for (let j = 0; j < n; j++) {
      const want = j < begin ? NaN : expected[j - begin]!
      if (!Object.is(column[j], want)) throw new Error(`${name}(${values}).${output}[${j}] = ${column[j]}, TA-Lib ${want}`)
    }
  })
}

/** The indicator fed one bar at a time gives its batch output, bit for bit, at every bar. */
export function expectStreamMatchesBatch(name: string, bars: BarColumns, given: Record<string, number>): void {
  const batch = computeIndicator(name, bars, given)
  const stream = createIndicatorStream(name, given)
  for (let j = 0; j < bars.time.length; j++) {
    const out = stream.update({ time: bars.time[j]!, open: bars.open[j]!, high: bars.high[j]!, low: bars.low[j]!, close: bars.close[j]!, volume: bars.volume[j]! })
    stream.outputNames.forEach((output, k) => {
      if (!Object.is(out[k], batch.outputs[output]![j])) throw new Error(`${name}(${JSON.stringify(given)}).${output}[${j}]: stream ${out[k]}, batch ${batch.outputs[output]![j]}`)
    })
  }
}
