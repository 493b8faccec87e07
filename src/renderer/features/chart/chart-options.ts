import type {
  BarSeriesPartialOptions,
  CandlestickSeriesPartialOptions,
  ChartOptions,
  DeepPartial,
  HistogramSeriesPartialOptions,
  LineSeriesPartialOptions,
} from 'lightweight-charts'
import { ColorType, CrosshairMode, LineStyle, LineType } from 'lightweight-charts'
import type { ChartPalette } from './chart-palette'
import { CHART_FONT } from './chart-palette'

/** Everything in the chart's look that follows the theme; applied again on a theme change. */
export function themedChartOptions(p: ChartPalette): DeepPartial<ChartOptions> {
  const line = { color: p.crosshair, width: 1 as const, style: LineStyle.Dashed, labelBackgroundColor: p.crosshairLabel }
  return {
    grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
    rightPriceScale: { borderColor: p.border },
    timeScale: { borderColor: p.border },
    crosshair: { vertLine: line, horzLine: line },
    layout: {
      background: { type: ColorType.Solid, color: p.background },
      textColor: p.text,
      panes: { separatorColor: p.paneSeparator, separatorHoverColor: p.paneSeparatorHover, enableResize: true },
    },
  }
}

/** The options the chart is created with, once. */
export function initialChartOptions(p: ChartPalette): DeepPartial<ChartOptions> {
  const themed = themedChartOptions(p)
  return {
    ...themed,
    autoSize: true,
    // The logo injects a <style> element, which our CSP refuses; the attribution is in Settings.
    layout: { ...themed.layout, fontFamily: CHART_FONT, fontSize: 11, attributionLogo: false },
    crosshair: { ...themed.crosshair, mode: CrosshairMode.Normal },
    rightPriceScale: { ...themed.rightPriceScale, scaleMargins: { top: 0.08, bottom: 0.26 } },
    timeScale: { ...themed.timeScale, rightOffset: 6, barSpacing: 7, minBarSpacing: 0.5 },
  }
}

export function candleOptions(p: ChartPalette): CandlestickSeriesPartialOptions {
  return {
    upColor: p.up,
    downColor: p.down,
    borderUpColor: p.up,
    borderDownColor: p.down,
    wickUpColor: p.up,
    wickDownColor: p.down,
  }
}

/** An overlay scale (empty id) so volume sits under the candles without an axis of its own. */
export const VOLUME_PRICE_SCALE = ''

export const volumeOptions: HistogramSeriesPartialOptions = {
  priceFormat: { type: 'volume' },
  priceScaleId: VOLUME_PRICE_SCALE,
  lastValueVisible: false,
  priceLineVisible: false,
}

export function barOptions(p: ChartPalette): BarSeriesPartialOptions {
  return { upColor: p.up, downColor: p.down, thinBars: false, openVisible: true }
}

export function lineOptions(p: ChartPalette): LineSeriesPartialOptions {
  return { color: p.line, lineWidth: 2, lineType: LineType.Simple, crosshairMarkerRadius: 3 }
}
