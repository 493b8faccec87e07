import { useMemo } from 'react'
import { finiteExtent } from '../../../shared/stats'
import { splitPaths } from './series-data'

const W = 560
const H = 220
const PAD = { left: 56, right: 10, top: 10, bottom: 20 }

/** The Monte Carlo fan: a few simulated equity paths (ranked by final equity) on one scale. */
export function FanChart({ paths, pathLength, startingCash }: { readonly paths: Float64Array; readonly pathLength: number; readonly startingCash: number }) {
  const lines = useMemo(() => splitPaths(paths, pathLength), [paths, pathLength])
  if (lines.length === 0 || pathLength < 2) return <p className="lab-empty">No paths to draw.</p>
  const extent = finiteExtent(paths)
  const lo = extent.lo
  let hi = extent.hi
  if (!(hi > lo)) hi = lo + 1
  const x = (i: number): number => PAD.left + (i / (pathLength - 1)) * (W - PAD.left - PAD.right)
  const y = (v: number): number => H - PAD.bottom - ((v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom)
  const step = Math.max(1, Math.floor(pathLength / 400))
  const money = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 0 })
  return (
    <figure className="lab-histogram" data-testid="lab-mc-fan" data-paths={lines.length}>
      <figcaption className="lab-histogram__title">
        {lines.length} simulated equity paths, ranked by final equity (the middle one is the median)
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="lab-svg" role="img" aria-label={`Fan of ${lines.length} simulated equity paths`}>
        {startingCash >= lo && startingCash <= hi ? <line x1={PAD.left} x2={W - PAD.right} y1={y(startingCash)} y2={y(startingCash)} className="lab-svg__mark" /> : null}
        {lines.map((line, p) => {
          const points: string[] = []
          for (let i = 0; i < line.length; i += step) points.push(`${x(i).toFixed(1)},${y(line[i] as number).toFixed(1)}`)
          points.push(`${x(line.length - 1).toFixed(1)},${y(line[line.length - 1] as number).toFixed(1)}`)
          const middle = p === Math.floor(lines.length / 2)
          return <polyline key={p} points={points.join(' ')} className={middle ? 'lab-svg__path lab-svg__path--median' : 'lab-svg__path'} />
        })}
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" className="lab-svg__label">
          {money(hi)}
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" className="lab-svg__label">
          {money(lo)}
        </text>
        <text x={W - PAD.right} y={H - 4} textAnchor="end" className="lab-svg__label">
          step {pathLength - 1}
        </text>
      </svg>
    </figure>
  )
}
