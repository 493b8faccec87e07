import { useStore } from '../../app/store'
import { LabField } from './LabField'
import { monteCarloSource } from './lab-runs-slice'
import { NumberField } from './NumberField'

/** Monte Carlo: resample the trades (or daily returns) of the backtest shown. */
export function MonteCarloForm() {
  const mc = useStore((s) => s.labSetup.monteCarlo)
  const source = monteCarloSource(useStore((s) => s.labResult))
  const update = useStore((s) => s.updateLabSetup)
  return (
    <div className="lab-form" data-testid="lab-mc-form">
      <p className="lab-hint" data-testid="lab-mc-source">
        {source ? `On ${source.label}.` : 'Open a backtest run (or an optimisation with a best trial) to simulate it.'}
      </p>
      <div className="lab-form__row">
        <LabField label="Method" title="Trade shuffle reorders the closed trades; block bootstrap resamples blocks of daily returns">
          <select className="select" data-testid="lab-mc-method" value={mc.method} onChange={(e) => update('monteCarlo', { method: e.target.value as 'trade-shuffle' | 'block-bootstrap' })}>
            <option value="trade-shuffle">Trade shuffle</option>
            <option value="block-bootstrap">Block bootstrap</option>
          </select>
        </LabField>
        <LabField label="Iterations">
          <NumberField label="Iterations" testId="lab-mc-iterations" value={mc.iterations} integer min={100} max={100_000} onCommit={(iterations) => update('monteCarlo', { iterations })} className="lab-number--short" />
        </LabField>
        {mc.method === 'block-bootstrap' ? (
          <LabField label="Block days">
            <NumberField label="Block length in days" value={mc.blockSize} integer min={1} max={250} onCommit={(blockSize) => update('monteCarlo', { blockSize })} className="lab-number--short" />
          </LabField>
        ) : null}
      </div>
      <div className="lab-form__row">
        <LabField label="Ruin at drawdown %" title="A path whose drawdown reaches this counts as ruined">
          <NumberField label="Ruin drawdown percent" value={mc.ruinDrawdown} scale={100} min={0.0001} max={1} onCommit={(ruinDrawdown) => update('monteCarlo', { ruinDrawdown })} className="lab-number--short" />
        </LabField>
        <LabField label="Seed">
          <NumberField label="Monte Carlo seed" value={mc.seed} integer min={0} max={2 ** 31 - 1} onCommit={(seed) => update('monteCarlo', { seed })} className="lab-number--short" />
        </LabField>
      </div>
    </div>
  )
}
