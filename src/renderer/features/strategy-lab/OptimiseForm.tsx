import type { Constraint } from '../../../shared/contract'
import { SEARCH_METHODS } from '../../../shared/contract'
import type { StatName } from '../../../shared/domain'
import { STAT_NAMES } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { gridSize } from './lab-setup'
import { LabField } from './LabField'
import { NumberField } from './NumberField'
import { STAT_INFO } from './stat-format'

const METHOD_LABELS: Record<(typeof SEARCH_METHODS)[number], string> = { grid: 'Grid', random: 'Random', tpe: 'TPE' }

function StatSelect({ value, onChange, label, testId }: { value: StatName; onChange: (s: StatName) => void; label: string; testId?: string }) {
  return (
    <select className="select" aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as StatName)}>
      {STAT_NAMES.map((n) => (
        <option key={n} value={n}>
          {STAT_INFO[n].label}
        </option>
      ))}
    </select>
  )
}

function Constraints() {
  const constraints = useStore((s) => s.labSetup.optimise.constraints)
  const update = useStore((s) => s.updateLabSetup)
  const set = (next: readonly Constraint[]): void => update('optimise', { constraints: next })
  const change = (i: number, patch: Partial<Constraint>): void => set(constraints.map((c, j) => (j === i ? { ...c, ...patch } : c)))
  return (
    <div className="lab-constraints" data-testid="lab-constraints">
      <span className="lab-field__label">Constraints (trials that miss one do not count)</span>
      {constraints.map((c, i) => (
        <div key={i} className="lab-form__row lab-constraint" data-testid="lab-constraint">
          <StatSelect label={`Constraint ${i + 1} statistic`} value={c.stat} onChange={(stat) => change(i, { stat })} />
          <select className="select" aria-label={`Constraint ${i + 1} comparison`} value={c.op} onChange={(e) => change(i, { op: e.target.value as Constraint['op'] })}>
            <option value=">=">≥</option>
            <option value="<=">≤</option>
          </select>
          <NumberField label={`Constraint ${i + 1} value`} value={c.value} onCommit={(value) => change(i, { value })} className="lab-number--short" />
          <button type="button" className="lab-icon-button lab-icon-button--danger" aria-label={`Remove constraint ${i + 1}`} onClick={() => set(constraints.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      {constraints.length < 20 ? (
        <button type="button" className="button button--small" data-testid="lab-add-constraint" onClick={() => set([...constraints, { stat: 'trades', op: '>=', value: 30 }])}>
          Add constraint
        </button>
      ) : null}
    </div>
  )
}

/** Optimise: how to search, for what, and under which constraints; the ranges are in the parameter table. */
export function OptimiseForm() {
  const o = useStore((s) => s.labSetup.optimise)
  const params = useStore((s) => s.labSetup.params)
  const update = useStore((s) => s.updateLabSetup)
  const grid = gridSize(params)
  return (
    <div className="lab-form" data-testid="lab-optimise-form">
      <div className="lab-form__row">
        <LabField label="Method">
          <select className="select" data-testid="lab-opt-method" value={o.method} onChange={(e) => update('optimise', { method: e.target.value as (typeof SEARCH_METHODS)[number] })}>
            {SEARCH_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </LabField>
        <LabField label="Trials" title={o.method === 'grid' ? 'A grid runs every combination of the ranges' : 'How many parameter sets to try'}>
          {o.method === 'grid' ? (
            <span className="lab-readout" data-testid="lab-opt-trials">
              {grid.toLocaleString('en-US')}
            </span>
          ) : (
            <NumberField label="Trials" testId="lab-opt-trials" value={o.trials} integer min={1} max={100_000} onCommit={(trials) => update('optimise', { trials })} className="lab-number--short" />
          )}
        </LabField>
        <LabField label="Seed" title="The same seed gives the same random and TPE trials">
          <NumberField label="Seed" value={o.seed} integer min={0} max={2 ** 31 - 1} onCommit={(seed) => update('optimise', { seed })} className="lab-number--short" />
        </LabField>
      </div>
      <div className="lab-form__row">
        <LabField label="Objective">
          <StatSelect label="Objective" testId="lab-opt-objective" value={o.objective} onChange={(objective) => update('optimise', { objective })} />
        </LabField>
        <LabField label="Best is">
          <select className="select" data-testid="lab-opt-direction" value={o.direction} onChange={(e) => update('optimise', { direction: e.target.value as 'max' | 'min' })}>
            <option value="max">Highest</option>
            <option value="min">Lowest</option>
          </select>
        </LabField>
      </div>
      <Constraints />
    </div>
  )
}
