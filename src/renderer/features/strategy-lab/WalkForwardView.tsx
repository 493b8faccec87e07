import { useMemo } from 'react'
import type { WalkForwardResult, WalkForwardWindow } from '../../../shared/contract'
import { useStore } from '../../app/store'
import type { TableColumn } from './ColumnTable'
import { ColumnTable } from './ColumnTable'
import { runTime } from './run-context'
import { formatParam, formatPercent, formatStat, STAT_INFO } from './stat-format'

const EMPTY_WINDOW: WalkForwardWindow = {
  inSampleFrom: NaN,
  inSampleTo: NaN,
  outOfSampleFrom: NaN,
  outOfSampleTo: NaN,
  params: null,
  inSampleScore: NaN,
  outOfSampleScore: NaN,
  inSampleAnnualReturn: NaN,
  outOfSampleAnnualReturn: NaN,
}

/** Walk-forward windows: in-sample and out-of-sample dates, the parameters chosen, and both scores. */
export function WalkForwardWindows({ result }: { readonly result: WalkForwardResult }) {
  const instruments = useStore((s) => s.instruments)
  const time = runTime(result.manifest, instruments)
  const objective = result.manifest.settings?.objective ?? 'sharpe'
  const { windows } = result
  const columns = useMemo<TableColumn[]>(() => {
    const w = (i: number): WalkForwardWindow => windows[i] ?? EMPTY_WINDOW
    const num = (key: string, label: string, pick: (i: number) => number, text: (v: number) => string, title?: string): TableColumn => ({
      key,
      label,
      title,
      numeric: true,
      value: pick,
      text: (i) => text(pick(i)),
    })
    return [
      num('n', '#', (i) => i, (v) => String(v + 1)),
      num('isFrom', 'In-sample from', (i) => w(i).inSampleFrom, time.format),
      num('isTo', 'to', (i) => w(i).inSampleTo, time.format),
      num('oosFrom', 'Out-of-sample from', (i) => w(i).outOfSampleFrom, time.format),
      num('oosTo', 'to', (i) => w(i).outOfSampleTo, time.format),
      {
        key: 'params',
        label: 'Parameters chosen',
        numeric: false,
        value: (i) => JSON.stringify(w(i).params ?? {}),
        text: (i) => {
          const p = w(i).params
          return p ? Object.entries(p).map(([k, v]) => `${k} ${formatParam(v)}`).join(', ') : 'none met the constraints'
        },
      },
      num('isScore', `IS ${STAT_INFO[objective].label}`, (i) => w(i).inSampleScore, (v) => formatStat(objective, v)),
      num('oosScore', `OOS ${STAT_INFO[objective].label}`, (i) => w(i).outOfSampleScore, (v) => formatStat(objective, v)),
      num('isAnnual', 'IS annual return', (i) => w(i).inSampleAnnualReturn, (v) => formatPercent(v)),
      num('oosAnnual', 'OOS annual return', (i) => w(i).outOfSampleAnnualReturn, (v) => formatPercent(v)),
    ]
  }, [windows, time.format, objective])
  const efficiency = result.efficiency
  const tone = !Number.isFinite(efficiency) ? 'warn' : efficiency >= 0.5 ? 'ok' : efficiency > 0 ? 'warn' : 'bad'
  return (
    <div className="lab-wf">
      <div className={`lab-metric lab-metric--${tone} lab-metric--wide`} data-testid="lab-wf-efficiency" data-value={efficiency}>
        <span className="lab-metric__label">Walk-forward efficiency</span>
        <span className="lab-metric__value">{Number.isFinite(efficiency) ? formatPercent(efficiency, 0) : '—'}</span>
        <span className="lab-metric__text">
          Out-of-sample annual return over in-sample annual return, averaged over the windows ({result.mode}). Above 50% the optimised strategy kept much of its edge on unseen data; near or below 0 it did not.
        </span>
      </div>
      <ColumnTable rows={windows.length} columns={columns} initialSort={null} testId="lab-wf-window-table" rowTestId="lab-wf-window" label="Walk-forward windows" />
    </div>
  )
}
