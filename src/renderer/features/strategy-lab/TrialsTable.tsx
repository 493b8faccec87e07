import { useMemo, useState } from 'react'
import type { OptimizationResult } from '../../../shared/contract'
import type { StatName } from '../../../shared/domain'
import { useStore } from '../../app/store'
import type { TableColumn } from './ColumnTable'
import { ColumnTable } from './ColumnTable'
import { formatParam, formatStat, STAT_INFO } from './stat-format'
import { isFeasible, trialCount, trialParam, trialStat } from './trial-table'

const SHOWN_STATS: readonly StatName[] = ['sharpe', 'totalReturn', 'annualReturn', 'maxDrawdown', 'trades', 'winRate', 'profitFactor']

/** Every trial with its parameters and main statistics; a clicked trial's parameters can go to the form. */
export function TrialsTable({ result }: { readonly result: OptimizationResult }) {
  const { trials, best } = result
  const settings = result.manifest.settings
  const objective: StatName = settings?.objective ?? 'sharpe'
  const setParam = useStore((s) => s.setLabParam)
  const formParams = useStore((s) => s.labSetup.params)
  const [selected, setSelected] = useState(best)
  const columns = useMemo<TableColumn[]>(() => {
    const stats = [objective, ...SHOWN_STATS.filter((s) => s !== objective)]
    return [
      { key: 'trial', label: '#', numeric: true, value: (i) => i, text: (i) => `${i === best ? '★ ' : ''}${i + 1}` },
      ...trials.paramNames.map<TableColumn>((name, c) => ({ key: `p:${name}`, label: name, numeric: true, value: (i) => trialParam(trials, i, c), text: (i) => formatParam(trialParam(trials, i, c)) })),
      ...stats.map<TableColumn>((s) => ({
        key: `s:${s}`,
        label: STAT_INFO[s].label,
        title: s === objective ? 'The objective' : undefined,
        numeric: true,
        value: (i) => trialStat(trials, i, s),
        text: (i) => formatStat(s, trialStat(trials, i, s)),
      })),
      { key: 'feasible', label: 'Meets constraints', numeric: true, value: (i) => (isFeasible(trials, i) ? 1 : 0), text: (i) => (isFeasible(trials, i) ? '✓' : '✗') },
    ]
  }, [trials, best, objective])
  const applyTrial = (): void => {
    trials.paramNames.forEach((name, c) => {
      if (formParams[name]) setParam(name, { value: trialParam(trials, selected, c) })
    })
  }
  return (
    <div className="lab-trials">
      <div className="lab-result-bar">
        <span className="lab-hint">
          {trialCount(trials).toLocaleString('en-US')} trials · objective {STAT_INFO[objective].label} ({settings?.direction === 'min' ? 'lowest' : 'highest'} is best)
          {best < 0 ? ' · no trial met the constraints' : ` · best: trial ${best + 1}`}
        </span>
        <span className="lab-spacer" />
        <button type="button" className="button button--small" data-testid="lab-use-trial" disabled={selected < 0} onClick={applyTrial} title="Put this trial's parameter values in the form, to backtest it">
          Use trial {selected >= 0 ? selected + 1 : ''} parameters
        </button>
      </div>
      <ColumnTable
        rows={trialCount(trials)}
        columns={columns}
        initialSort={{ key: `s:${objective}`, direction: settings?.direction === 'min' ? 'asc' : 'desc' }}
        testId="lab-trials-table"
        rowTestId="lab-trial"
        label="Trials"
        selectedRow={selected}
        onRowClick={setSelected}
        rowData={(i) => ({ feasible: isFeasible(trials, i) ? 1 : 0 })}
      />
    </div>
  )
}
