import { useMemo } from 'react'
import type { MonteCarloResult } from '../../../shared/contract'
import { FanChart } from './FanChart'
import { binsFor, histogram } from '../../../shared/stats'
import { HistogramChart } from './HistogramChart'
import { formatPercent } from './stat-format'

const pct = (v: number): string => formatPercent(v, 1)

/** Return and drawdown distributions of the simulated paths, their percentiles, and the risk of ruin. */
export function MonteCarloDistributions({ result }: { readonly result: MonteCarloResult }) {
  const returns = useMemo(() => histogram(result.totalReturn.values, binsFor(result.totalReturn.values.length)), [result])
  const drawdowns = useMemo(() => histogram(result.maxDrawdown.values, binsFor(result.maxDrawdown.values.length)), [result])
  const ruinTone = result.riskOfRuin <= 0.01 ? 'ok' : result.riskOfRuin <= 0.1 ? 'warn' : 'bad'
  const marks = (d: MonteCarloResult['totalReturn']) => [
    { value: d.p5, label: '5%' },
    { value: d.p50, label: '50%' },
    { value: d.p95, label: '95%' },
  ]
  return (
    <div className="lab-mc">
      <div className="lab-metrics">
        <div className={`lab-metric lab-metric--${ruinTone}`} data-testid="lab-mc-ruin" data-value={result.riskOfRuin}>
          <span className="lab-metric__label">Risk of ruin</span>
          <span className="lab-metric__value">{pct(result.riskOfRuin)}</span>
          <span className="lab-metric__text">
            Share of the {result.iterations.toLocaleString('en-US')} simulated paths ({result.method === 'trade-shuffle' ? 'trades in shuffled order' : 'daily returns resampled in blocks'}) whose drawdown reached {pct(result.ruinDrawdown)}.
          </span>
        </div>
        <table className="lab-table lab-percentiles" data-testid="lab-mc-percentiles" aria-label="Percentiles">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="num">
                5th
              </th>
              <th scope="col" className="num">
                Median
              </th>
              <th scope="col" className="num">
                95th
              </th>
            </tr>
          </thead>
          <tbody>
            <tr data-testid="lab-mc-percentile" data-measure="totalReturn">
              <th scope="row">Total return</th>
              <td className="num">{pct(result.totalReturn.p5)}</td>
              <td className="num">{pct(result.totalReturn.p50)}</td>
              <td className="num">{pct(result.totalReturn.p95)}</td>
            </tr>
            <tr data-testid="lab-mc-percentile" data-measure="maxDrawdown">
              <th scope="row">Max drawdown</th>
              <td className="num">{pct(result.maxDrawdown.p5)}</td>
              <td className="num">{pct(result.maxDrawdown.p50)}</td>
              <td className="num">{pct(result.maxDrawdown.p95)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {result.method === 'trade-shuffle' ? (
        <p className="lab-hint">Shuffling the order of the same trades leaves the total return as it was; what changes from path to path is the drawdown on the way.</p>
      ) : null}
      <div className="lab-two">
        <HistogramChart histogram={returns} format={pct} label="Total return of the simulated paths" testId="lab-mc-returns" marks={marks(result.totalReturn)} splitAt={0} />
        <HistogramChart histogram={drawdowns} format={pct} label="Max drawdown of the simulated paths" testId="lab-mc-drawdowns" marks={marks(result.maxDrawdown)} />
      </div>
    </div>
  )
}

export function MonteCarloPaths({ result }: { readonly result: MonteCarloResult }) {
  return <FanChart paths={result.paths} pathLength={result.pathLength} startingCash={result.manifest.conventions.startingCash} />
}
