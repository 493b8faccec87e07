import { describe, expect, it } from 'vitest'
import { alignToBars, formatIndicatorParams, indicatorDecimals, outputLabel, planIndicator } from '../../src/renderer/features/chart/indicator-plan'
import type { IndicatorInfo } from '../../src/shared/domain'

const info = (name: string, outputs: string[], overlay: boolean, params: IndicatorInfo['params'] = []): IndicatorInfo => ({
  name,
  title: name,
  group: 'g',
  inputs: ['close'],
  params,
  outputs,
  overlay,
  talib: true,
})

describe('how indicators are drawn', () => {
  it('puts overlays on the price pane and oscillators in a pane of their own with their guide levels', () => {
    expect(planIndicator(info('SMA', ['real'], true), 0)).toMatchObject({ pane: 'price', levels: [] })
    expect(planIndicator(info('RSI', ['real'], false), 0)).toMatchObject({ pane: 'own', levels: [70, 30] })
  })

  it('draws MACD as two lines and a histogram in different colours', () => {
    const plan = planIndicator(info('MACD', ['macd', 'macdSignal', 'macdHist'], false), 0)
    expect(plan.outputs.map((o) => o.kind)).toEqual(['line', 'line', 'histogram'])
    expect(new Set(plan.outputs.slice(0, 2).map((o) => o.color)).size).toBe(2)
    expect(plan.levels).toEqual([0])
  })

  it('draws Bollinger bands in one colour, the middle dashed, labelling only the middle on the axis', () => {
    const plan = planIndicator(info('BBANDS', ['upperBand', 'middleBand', 'lowerBand'], true), 2)
    expect(new Set(plan.outputs.map((o) => o.color)).size).toBe(1)
    expect(plan.outputs.map((o) => o.dashed)).toEqual([false, true, false])
    expect(plan.outputs.map((o) => o.axisLabel)).toEqual([false, true, false])
  })

  it('gives two indicators on a chart different colours', () => {
    expect(planIndicator(info('SMA', ['real'], true), 0).color).not.toBe(planIndicator(info('EMA', ['real'], true), 1).color)
  })

  it('writes parameters after the name, moving-average types by name', () => {
    const bbands = info('BBANDS', ['upperBand'], true, [
      { name: 'period', label: 'Period', kind: 'integer', default: 5, min: 2, max: 100000 },
      { name: 'nbDevUp', label: 'Up', kind: 'real', default: 2, min: 0, max: 10 },
      { name: 'maType', label: 'MA', kind: 'ma-type', default: 0, min: 0, max: 8 },
    ])
    expect(formatIndicatorParams(bbands, { period: 20, nbDevUp: 2.5, maType: 1 })).toBe('20 2.5 EMA')
    expect(formatIndicatorParams(bbands, {})).toBe('5 2 SMA')
  })

  it('shortens output names for the legend', () => {
    expect(outputLabel('MACD', 'macdSignal')).toBe('signal')
    expect(outputLabel('MACD', 'macd')).toBe('macd')
    expect(outputLabel('BBANDS', 'upperBand')).toBe('upper')
    expect(outputLabel('STOCH', 'slowK')).toBe('slowK')
  })

  it('aligns values with the bars on screen by time, NaN where there are none', () => {
    const aligned = alignToBars(new Float64Array([10, 20, 30, 40]), new Float64Array([5, 20, 40, 50]), new Float64Array([1, 2, 4, 5]))
    expect(Array.from(aligned)).toEqual([NaN, 2, NaN, 4])
  })

  it('formats oscillators by magnitude and overlays like prices', () => {
    expect(indicatorDecimals('price', 4, 0.5)).toBe(4)
    expect(indicatorDecimals('own', 2, 55.2)).toBe(2)
    expect(indicatorDecimals('own', 2, 0.0123)).toBe(4)
    expect(indicatorDecimals('own', 2, 2_500_000)).toBe(0)
  })
})
