import { useMemo } from 'react'
import { STAT_NAMES } from '../../../shared/domain'
import { useStore } from '../../app/store'
import type { ChartLine } from './lab-chart'
import type { LabComparison } from './lab-runs-slice'
import { LabChartView } from './LabChartView'
import { runDataLabel, runTime } from './run-context'
import { toLineData } from './series-data'
import { compareStat, formatParam, formatStat, formatStatDifference, STAT_INFO } from './stat-format'

function paramsText(params: Readonly<Record<string, number>>): string {
  return Object.entries(params).map(([k, v]) => `${k} ${formatParam(v)}`).join(', ') || 'no parameters'
}

/** Two backtests side by side: every statistic, B − A coloured by which is better, and both equity curves. */
export function CompareView({ comparison }: { readonly comparison: LabComparison }) {
  const instruments = useStore((s) => s.instruments)
  const { a, b } = comparison
  const time = runTime(a.manifest, instruments)
  const lines = useMemo<ChartLine[]>(
    () => [
      { id: 'a', title: `A #${a.run.id}`, data: toLineData(a.equity.time, a.equity.equity), color: 'line', pane: 0 },
      { id: 'b', title: `B #${b.run.id}`, data: toLineData(b.equity.time, b.equity.equity), color: 'second', pane: 0 },
    ],
    [a, b],
  )
  return (
    <div className="lab-compare" data-testid="lab-compare">
      <div className="lab-compare__side">
        <table className="lab-table lab-compare__table" data-testid="lab-compare-table" aria-label="Statistics compared">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="num" title={`${a.run.title} · ${runDataLabel(a.manifest)} · ${paramsText(a.manifest.params)}`}>
                A · #{a.run.id}
              </th>
              <th scope="col" className="num" title={`${b.run.title} · ${runDataLabel(b.manifest)} · ${paramsText(b.manifest.params)}`}>
                B · #{b.run.id}
              </th>
              <th scope="col" className="num">
                B − A
              </th>
            </tr>
          </thead>
          <tbody>
            {STAT_NAMES.map((name) => {
              const better = compareStat(name, a.stats[name], b.stats[name])
              return (
                <tr key={name} data-testid="lab-compare-row" data-stat={name}>
                  <th scope="row">{STAT_INFO[name].label}</th>
                  <td className="num">{formatStat(name, a.stats[name])}</td>
                  <td className="num">{formatStat(name, b.stats[name])}</td>
                  <td className={`num${better > 0 ? ' lab-up' : better < 0 ? ' lab-down' : ''}`}>{formatStatDifference(name, a.stats[name], b.stats[name])}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <dl className="lab-compare__runs">
          <dt>A</dt>
          <dd>
            {a.run.title} · {paramsText(a.manifest.params)}
          </dd>
          <dt>B</dt>
          <dd>
            {b.run.title} · {paramsText(b.manifest.params)}
          </dd>
        </dl>
      </div>
      <LabChartView lines={lines} timeZone={time.timeZone} intraday={time.intraday} testId="lab-compare-chart" label="Equity of both runs" />
    </div>
  )
}
