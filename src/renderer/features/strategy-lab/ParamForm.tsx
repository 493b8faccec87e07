import { useStore } from '../../app/store'
import { gridSize, paramProblem } from './lab-setup'
import { NumberField } from './NumberField'

/** The strategy's parameters as the engine's check declares them: a backtest value each, and a search range. */
export function ParamForm() {
  const params = useStore((s) => s.labSetup.params)
  const checkOk = useStore((s) => s.labCheck?.ok ?? false)
  const setParam = useStore((s) => s.setLabParam)
  const names = Object.keys(params)
  if (names.length === 0) {
    return <p className="lab-empty">{checkOk ? 'This strategy declares no parameters (param name = value in min..max step s).' : 'The parameters appear once the strategy checks without errors.'}</p>
  }
  const problems = Object.entries(params)
    .map(([n, p]) => paramProblem(n, p))
    .filter((p): p is string => p !== null)
  return (
    <div className="lab-form">
      <table className="lab-table lab-params" data-testid="lab-params">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
            <th scope="col" title="Searched by Optimise and Walk-forward; unticked, it stays at its value">
              Opt.
            </th>
            <th scope="col">Min</th>
            <th scope="col">Max</th>
            <th scope="col">Step</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(params).map(([name, p]) => {
            return (
              <tr key={name} data-testid="lab-param" data-param={name}>
                <th scope="row" className="lab-params__name" title={`Declared: ${p.declared.default} in ${p.declared.min}..${p.declared.max} step ${p.declared.step}`}>
                  {name}
                </th>
                <td>
                  <NumberField label={`${name} value`} testId={`lab-param-value-${name}`} value={p.value} integer={p.declared.integer} onCommit={(value) => setParam(name, { value })} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`Optimise ${name}`} data-testid={`lab-param-optimise-${name}`} checked={p.optimise} onChange={(e) => setParam(name, { optimise: e.target.checked })} />
                </td>
                <td>
                  <NumberField label={`${name} minimum`} testId={`lab-param-min-${name}`} value={p.min} disabled={!p.optimise} onCommit={(min) => setParam(name, { min })} />
                </td>
                <td>
                  <NumberField label={`${name} maximum`} testId={`lab-param-max-${name}`} value={p.max} disabled={!p.optimise} onCommit={(max) => setParam(name, { max })} />
                </td>
                <td>
                  <NumberField label={`${name} step`} testId={`lab-param-step-${name}`} value={p.step} min={Number.MIN_VALUE} disabled={!p.optimise} onCommit={(step) => setParam(name, { step })} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="lab-hint" data-testid="lab-grid-size">
        Grid: {gridSize(params).toLocaleString('en-US')} combination{gridSize(params) === 1 ? '' : 's'}
      </p>
      {problems.map((p) => (
        <p key={p} className="lab-problem" role="alert">
          {p}
        </p>
      ))}
    </div>
  )
}
