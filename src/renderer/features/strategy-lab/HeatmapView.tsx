import { useMemo, useState } from 'react'
import type { OptimizationResult } from '../../../shared/contract'
import type { StatName } from '../../../shared/domain'
import type { HeatmapMode } from './heatmap-grid'
import { buildHeatmap, heatColor } from './heatmap-grid'
import { formatParam, formatStat, STAT_INFO } from './stat-format'
import { trialCount, trialParam } from './trial-table'

const MODE_TEXT: Record<HeatmapMode, string> = {
  'best-slice': 'Other parameters fixed at the best trial’s values',
  'best-of-others': 'Best value over all settings of the other parameters (max)',
}

/** Parameters that take more than one value in the trials: the ones worth a heatmap axis. */
function searchedParams(result: OptimizationResult): string[] {
  const { trials } = result
  const n = trialCount(trials)
  return trials.paramNames.filter((_, c) => {
    const first = trialParam(trials, 0, c)
    for (let i = 1; i < n; i++) if (trialParam(trials, i, c) !== first) return true
    return false
  })
}

/**
 * The parameter-stability heatmap: the objective over two parameters. A good optimum sits in
 * a broad region of good cells, not on a lone bright one.
 */
export function HeatmapView({ result }: { readonly result: OptimizationResult }) {
  const searched = useMemo(() => searchedParams(result), [result])
  const names = searched.length > 0 ? searched : result.trials.paramNames
  const [x, setX] = useState(names[0] ?? '')
  const [y, setY] = useState<string>(names[1] ?? '')
  const [mode, setMode] = useState<HeatmapMode>('best-slice')
  const objective: StatName = result.manifest.settings?.objective ?? 'sharpe'
  const direction = result.manifest.settings?.direction ?? 'max'
  const xName = names.includes(x) ? x : (names[0] ?? '')
  const yName = y !== '' && y !== xName && names.includes(y) ? y : null
  const grid = useMemo(
    () => (xName === '' ? null : buildHeatmap(result.trials, { xName, yName, objective, direction, mode, best: result.best })),
    [result, xName, yName, objective, direction, mode],
  )
  if (!grid) return <p className="lab-empty">The strategy has no parameters.</p>
  const rows = grid.yName === null ? [NaN] : [...grid.ys].reverse()
  const filled = grid.cells.filter((c) => Number.isFinite(c.value)).length
  return (
    <div className="lab-heatmap-view">
      <div className="lab-form__row lab-result-bar">
        <label className="lab-field">
          <span className="lab-field__label">Across (x)</span>
          <select className="select" data-testid="lab-heatmap-x" value={xName} onChange={(e) => setX(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="lab-field">
          <span className="lab-field__label">Up (y)</span>
          <select className="select" data-testid="lab-heatmap-y" value={yName ?? ''} onChange={(e) => setY(e.target.value)}>
            <option value="">(none: one row)</option>
            {names
              .filter((n) => n !== xName)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
        </label>
        <label className="lab-field">
          <span className="lab-field__label">Other parameters</span>
          <select className="select" data-testid="lab-heatmap-mode" value={mode} onChange={(e) => setMode(e.target.value as HeatmapMode)}>
            <option value="best-slice">Fixed at the best trial</option>
            <option value="best-of-others">Best over them (max)</option>
          </select>
        </label>
      </div>
      <p className="lab-hint" data-testid="lab-heatmap-mode-text">
        Colour: {STAT_INFO[objective].label} ({direction === 'min' ? 'lower' : 'higher'} is greener). {MODE_TEXT[grid.mode]}
        {grid.mode !== mode ? ' (no trial met the constraints, so there is no best trial to fix them at)' : ''}. ★ marks the best trial.
      </p>
      <div className="lab-heatmap" data-testid="lab-heatmap" data-cells={grid.cells.length} data-filled={filled} data-mode={grid.mode}>
        {grid.yName !== null ? <span className="lab-heatmap__y-title">{grid.yName}</span> : null}
        <div className="lab-heatmap__grid" role="grid" aria-label={`${STAT_INFO[objective].label} by ${grid.xName}${grid.yName ? ` and ${grid.yName}` : ''}`}>
          {rows.map((yValue, r) => {
            const yi = grid.yName === null ? 0 : grid.ys.length - 1 - r
            return (
              <div key={r} className="lab-heatmap__row" role="row">
                <span className="lab-heatmap__label" role="rowheader">
                  {grid.yName === null ? '' : formatParam(yValue)}
                </span>
                {grid.xs.map((xValue, xi) => {
                  const cell = grid.cells[yi * grid.xs.length + xi] ?? { value: NaN, trial: -1, count: 0 }
                  const best = grid.bestCell?.x === xi && grid.bestCell.y === yi
                  const where = `${grid.xName} ${formatParam(xValue)}${grid.yName ? `, ${grid.yName} ${formatParam(yValue)}` : ''}`
                  const what = Number.isFinite(cell.value) ? `${STAT_INFO[objective].label} ${formatStat(objective, cell.value)} (trial ${cell.trial + 1})` : cell.count > 0 ? 'no trial met the constraints' : 'not run'
                  return (
                    <span
                      key={xi}
                      role="gridcell"
                      className={`lab-heatmap__cell${Number.isFinite(cell.value) ? '' : ' lab-heatmap__cell--empty'}${best ? ' lab-heatmap__cell--best' : ''}`}
                      style={{ backgroundColor: heatColor(cell.value, grid.min, grid.max, direction) }}
                      title={`${where}: ${what}`}
                      data-testid="lab-heatmap-cell"
                    >
                      {Number.isFinite(cell.value) ? formatStat(objective, cell.value) : ''}
                      {best ? ' ★' : ''}
                    </span>
                  )
                })}
              </div>
            )
          })}
          <div className="lab-heatmap__row lab-heatmap__row--axis" role="row">
            <span className="lab-heatmap__label" />
            {grid.xs.map((xValue) => (
              <span key={xValue} className="lab-heatmap__label lab-heatmap__label--x" role="columnheader">
                {formatParam(xValue)}
              </span>
            ))}
          </div>
        </div>
        <span className="lab-heatmap__x-title">{grid.xName}</span>
      </div>
      <div className="lab-heatmap__legend" aria-hidden="true">
        <span>{Number.isFinite(grid.min) ? formatStat(objective, direction === 'min' ? grid.max : grid.min) : ''}</span>
        <span className="lab-heatmap__scale" />
        <span>{Number.isFinite(grid.max) ? formatStat(objective, direction === 'min' ? grid.min : grid.max) : ''}</span>
      </div>
    </div>
  )
}
