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
  },
}

export const CHART_FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'
