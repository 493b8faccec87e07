import { describe, expect, it } from 'vitest'
import { computeIndicator, createIndicatorStream, listIndicators } from '../../../src/main/native'
import type { BarColumns, IndicatorInfo } from '../../../src/shared/domain'
import { MA_TYPES } from '../../../src/shared/domain'
import { seededRandomWalk } from '../../support/seeded-bars'
import { namedParams } from '../../support/indicator-exact'
import { runTalib, talibExplain, talibHas } from '../../support/talib-reference'

const BARS = seededRandomWalk(7_1234, 3000)
const RELATIVE_TOLERANCE = 1e-9
const indicators = listIndicators()
const talibIndicators = indicators.filter((i) => i.talib)

/** Defaults; then every whole-number period stretched ×1.7; then, for MA-type params, each type. */
function parameterSets(info: IndicatorInfo): Array<{ label: string; values: number[] }> {
  const defaults = info.params.map((p) => p.default)
  const sets = [{ label: 'defaults', values: defaults }]
  if (info.params.some((p) => p.kind === 'integer')) {
    const stretched = info.params.map((p) => (p.kind === 'integer' ? Math.min(p.max, Math.max(p.min, Math.round(p.default * 1.7) + 1)) : p.default))
    sets.push({ label: `periods ${stretched.join(',')}`, values: stretched })
  }
  if (info.params.some((p) => p.kind === 'ma-type')) {
    MA_TYPES.forEach((type, t) => sets.push({ label: `MA type ${type}`, values: info.params.map((p) => (p.kind === 'ma-type' ? t : p.default)) }))
  }
  return sets
}

function expectMatches(info: IndicatorInfo, bars: BarColumns, values: number[]): void {
  const ours = computeIndicator(info.name, bars, namedParams(info, values))
  const reference = runTalib(info, bars, values)
  expect(ours.lookback, `${info.name} lookback`).toBe(reference.begIndex)
  info.outputs.forEach((output, k) => {
    const column = ours.outputs[output]!
    const expected = reference.outputs[k]!
    for (let i = 0; i < reference.begIndex; i++) {
      if (!Number.isNaN(column[i])) throw new Error(`${info.name}.${output}[${i}] = ${column[i]} during TA-Lib's warm-up of ${reference.begIndex} bars`)
    }
    expect(column.length - reference.begIndex, `${info.name}.${output} value count`).toBe(expected.length)
    for (let j = 0; j < expected.length; j++) {
      const a = column[reference.begIndex + j]!
      const b = expected[j]!
      if (!(Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(b)))) {
        throw new Error(`${info.name}.${output}[${reference.begIndex + j}] = ${a}, TA-Lib ${b} (params ${values.join(',')})`)
      }
    }
  })
}

describe('the indicator library', () => {
  it('has the breadth the workstation promises', () => {
    expect(indicators.length).toBeGreaterThanOrEqual(1)
    for (const info of indicators) {
      expect(info.outputs.length, info.name).toBeGreaterThan(0)
      expect(info.inputs.length, info.name).toBeGreaterThan(0)
    }
  })

  it.each(talibIndicators.map((i) => [i.name, i] as const))('%s takes TA-Lib’s parameters and outputs in TA-Lib’s order', (_name, info) => {
    expect(talibHas(info.name)).toBe(true)
    const explain = talibExplain(info.name)
    expect(info.params.length).toBe(explain.optInputs.length)
    expect(info.outputs.length).toBe(explain.outputs.length)
    info.params.forEach((p, i) => expect(p.default, `${info.name} ${p.name} default`).toBe(explain.optInputs[i]!.defaultValue))
  })

  describe.each(talibIndicators.map((i) => [i.name, i] as const))('%s matches TA-Lib', (_name, info) => {
    it.each(parameterSets(info).map((s) => [s.label, s.values] as const))('with %s', (_label, values) => {
      expectMatches(info, BARS, values)
    })
  })

  it.each(indicators.map((i) => [i.name, i] as const))('%s streams bar by bar exactly as its batch form computes', (_name, info) => {
    const bars = seededRandomWalk(99, 600)
    const batch = computeIndicator(info.name, bars)
    const stream = createIndicatorStream(info.name)
    for (let i = 0; i < bars.time.length; i++) {
      const out = stream.update({ time: bars.time[i]!, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! })
      info.outputs.forEach((output, k) => {
        if (!Object.is(out[k], batch.outputs[output]![i])) throw new Error(`${info.name}.${output}[${i}]: stream ${out[k]}, batch ${batch.outputs[output]![i]}`)
      })
    }
  })
})
