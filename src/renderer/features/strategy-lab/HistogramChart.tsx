import type { Histogram } from '../../../shared/stats'

interface HistogramChartProps {
  readonly histogram: Histogram
  /** How an edge value reads on the axis. */
  readonly format: (value: number) => string
  readonly label: string
  readonly testId: string
  /** Vertical marks, e.g. the 5th/50th/95th percentiles or zero. */
  readonly marks?: readonly { readonly value: number; readonly label: string }[]
  /** Bars at or above this value take the second colour (e.g. logits above 0). */
  readonly splitAt?: number
}

const W = 560
const H = 180
const PAD = { left: 34, right: 10, top: 16, bottom: 24 }

/** A histogram as SVG: bars, the range on the axis, optional marks. */
export function HistogramChart({ histogram, format, label, testId, marks = [], splitAt }: HistogramChartProps) {
  const { edges, counts, total } = histogram
  if (total === 0) {
    return (
      <p className="lab-empty" data-testid={testId} data-total={0}>
        No values to show.
      </p>
    )
  }
  const lo = edges[0] as number
  const hi = edges[edges.length - 1] as number
  const top = Math.max(...counts)
  const x = (v: number): number => PAD.left + ((v - lo) / (hi - lo || 1)) * (W - PAD.left - PAD.right)
  const y = (c: number): number => H - PAD.bottom - (c / (top || 1)) * (H - PAD.top - PAD.bottom)
  return (
    <figure className="lab-histogram" data-testid={testId} data-total={total} data-bins={counts.length}>
      <figcaption className="lab-histogram__title">{label}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="lab-svg" role="img" aria-label={`${label}: ${total} values from ${format(lo)} to ${format(hi)}`}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="lab-svg__axis" />
        {counts.map((c, i) => {
          const x0 = x(edges[i] as number)
          const x1 = x(edges[i + 1] as number)
          const high = splitAt !== undefined && (edges[i] as number) >= splitAt
          return (
            <rect key={i} x={x0 + 0.5} y={y(c)} width={Math.max(0.5, x1 - x0 - 1)} height={H - PAD.bottom - y(c)} className={high ? 'lab-svg__bar lab-svg__bar--alt' : 'lab-svg__bar'}>
              <title>
                {format(edges[i] as number)} to {format(edges[i + 1] as number)}: {c}
              </title>
            </rect>
          )
        })}
        {marks
          .filter((m) => m.value >= lo && m.value <= hi)
          .map((m) => (
            <g key={m.label}>
              <line x1={x(m.value)} x2={x(m.value)} y1={PAD.top - 4} y2={H - PAD.bottom} className="lab-svg__mark" />
              <text x={x(m.value)} y={PAD.top - 6} textAnchor="middle" className="lab-svg__label">
                {m.label}
              </text>
            </g>
          ))}
        <text x={PAD.left} y={H - 6} className="lab-svg__label">
          {format(lo)}
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="lab-svg__label">
          {format(hi)}
        </text>
        <text x={PAD.left - 4} y={PAD.top + 4} textAnchor="end" className="lab-svg__label">
          {top}
        </text>
      </svg>
    </figure>
  )
}
