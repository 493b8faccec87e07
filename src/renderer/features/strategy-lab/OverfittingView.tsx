import { useMemo } from 'react'
import type { OptimizationResult } from '../../../shared/contract'
import { binsFor, histogram } from '../../../shared/stats'
import { HistogramChart } from './HistogramChart'
import { formatPercent, formatRatio } from './stat-format'

/** A plain verdict on a probability, so the numbers read without a textbook. */
function dsrVerdict(dsr: number): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (!Number.isFinite(dsr)) return { text: 'not available (no best trial, or too few returns)', tone: 'warn' }
  if (dsr >= 0.95) return { text: 'the best Sharpe is very likely real', tone: 'ok' }
  if (dsr >= 0.5) return { text: 'the best Sharpe may be partly luck', tone: 'warn' }
  return { text: 'the best Sharpe is probably luck from trying many combinations', tone: 'bad' }
}

function pboVerdict(pbo: number | null): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (pbo === null || !Number.isFinite(pbo)) return { text: 'not available (fewer than 2 trials met the constraints)', tone: 'warn' }
  if (pbo <= 0.1) return { text: 'little sign of overfitting', tone: 'ok' }
  if (pbo <= 0.5) return { text: 'some overfitting: the in-sample winner often disappoints', tone: 'warn' }
  return { text: 'likely overfit: the in-sample winner usually does worse than the median', tone: 'bad' }
}

/** The Deflated Sharpe Ratio and the Probability of Backtest Overfitting, said plainly, with the CSCV logits. */
export function OverfittingView({ result }: { readonly result: OptimizationResult }) {
  const o = result.overfitting
  const dsr = dsrVerdict(o.deflatedSharpe)
  const pbo = pboVerdict(o.pbo)
  const logits = useMemo(() => histogram(o.logits, binsFor(o.logits.length)), [o.logits])
  return (
    <div className="lab-overfitting">
      <div className="lab-metrics">
        <div className={`lab-metric lab-metric--${dsr.tone}`} data-testid="lab-dsr" data-value={o.deflatedSharpe}>
          <span className="lab-metric__label">Deflated Sharpe Ratio</span>
          <span className="lab-metric__value">{Number.isFinite(o.deflatedSharpe) ? formatPercent(o.deflatedSharpe, 1) : '—'}</span>
          <span className="lab-metric__text">
            The probability that the best trial’s Sharpe beats what the best of {o.trials.toLocaleString('en-US')} tries would show by luck alone: {dsr.text}.
          </span>
          <span className="lab-metric__detail">
            Best Sharpe {formatRatio(o.bestSharpe)} against {formatRatio(o.expectedMaxSharpe)} expected from luck (annualised).
          </span>
        </div>
        <div className={`lab-metric lab-metric--${pbo.tone}`} data-testid="lab-pbo" data-value={o.pbo ?? ''}>
          <span className="lab-metric__label">Probability of Backtest Overfitting</span>
          <span className="lab-metric__value">{o.pbo === null ? '—' : formatPercent(o.pbo, 1)}</span>
          <span className="lab-metric__text">
            How often the best in-sample combination ranks below the median out of sample, over the splits of {o.blocks} time blocks (CSCV): {pbo.text}.
          </span>
          <span className="lab-metric__detail">Lower is better; 50% is what pure noise gives.</span>
        </div>
      </div>
      <HistogramChart
        histogram={logits}
        format={(v) => formatRatio(v, 1)}
        label="CSCV logits λ: right of 0, the in-sample best beat the out-of-sample median; left of 0 (counted by PBO), it did not"
        testId="lab-pbo-logits"
        marks={[{ value: 0, label: '0' }]}
        splitAt={0}
      />
    </div>
  )
}
