import type { Theme } from '../../../shared/contract'

/** Chart colours per theme; they match the CSS custom properties in styles/theme.css. */
export interface ChartPalette {
  readonly background: string
  readonly text: string
  readonly grid: string
  readonly border: string
  readonly crosshair: string
  readonly crosshairLabel: string
  readonly up: string
  readonly down: string
  readonly volumeUp: string
  readonly volumeDown: string
  /** The line of the line chart type. */
  readonly line: string
  /** MACD-style histograms: positive and negative bars. */
  readonly histogramUp: string
  readonly histogramDown: string
  /** Guide levels in oscillator panes (RSI 70/30). */
  readonly level: string
  readonly paneSeparator: string
  readonly paneSeparatorHover: string
  /** Trader's drawings, and the same when selected. */
  readonly drawing: string
  readonly drawingSelected: string
  readonly drawingHandleFill: string
}

export const CHART_PALETTES: Record<Theme, ChartPalette> = {
  dark: {
    background: '#0e1118',
    text: '#8a919e',
    grid: '#1a1f29',
    border: '#262c38',
    crosshair: '#5d6575',
    crosshairLabel: '#2a3140',
    up: '#26a69a',
    down: '#ef5350',
    volumeUp: 'rgba(38, 166, 154, 0.32)',
    volumeDown: 'rgba(239, 83, 80, 0.32)',
    line: '#4c8df6',
    histogramUp: 'rgba(38, 166, 154, 0.7)',
    histogramDown: 'rgba(239, 83, 80, 0.7)',
    level: 'rgba(138, 145, 158, 0.55)',
    paneSeparator: '#262c38',
    paneSeparatorHover: 'rgba(76, 141, 246, 0.25)',
    drawing: '#b8bfcc',
    drawingSelected: '#ffffff',
    drawingHandleFill: '#0e1118',
  },
  light: {
    background: '#ffffff',
    text: '#5d6370',
    grid: '#f0f2f5',
    border: '#dde1e7',
    crosshair: '#9aa1ad',
    crosshairLabel: '#4a5160',
    up: '#089981',
    down: '#e0383e',
    volumeUp: 'rgba(8, 153, 129, 0.28)',
    volumeDown: 'rgba(224, 56, 62, 0.28)',
    line: '#2563eb',
    histogramUp: 'rgba(8, 153, 129, 0.65)',
    histogramDown: 'rgba(224, 56, 62, 0.65)',
    level: 'rgba(93, 99, 112, 0.5)',
    paneSeparator: '#dde1e7',
    paneSeparatorHover: 'rgba(37, 99, 235, 0.18)',
    drawing: '#4a5263',
    drawingSelected: '#0b0d12',
    drawingHandleFill: '#ffffff',
  },
}

export const CHART_FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'
