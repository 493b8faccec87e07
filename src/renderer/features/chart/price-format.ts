/** Decimal places implied by a tick size (0.01 → 2, 0.25 → 2, 1 → 0), at most 8. */
export function decimalsForTick(tickSize: number): number {
  if (!(tickSize > 0) || !Number.isFinite(tickSize)) return 2
  for (let d = 0; d <= 8; d++) {
    const scaled = tickSize * 10 ** d
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return d
  }
  return 8
}

export function formatPrice(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '—'
}

const compactVolume = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 })

export function formatVolume(value: number): string {
  return Number.isFinite(value) ? compactVolume.format(value) : '—'
}

const signedPercent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
})

export function formatChangePercent(ratio: number): string {
  return Number.isFinite(ratio) ? signedPercent.format(ratio) : ''
}

/** An indicator value: at its decimals, large magnitudes (OBV, A/D) compact. */
export function formatIndicatorValue(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—'
  if (Math.abs(value) >= 1e6) return compactVolume.format(value)
  return value.toFixed(decimals)
}
