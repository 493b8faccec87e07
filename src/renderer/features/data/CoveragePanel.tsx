import type { TimeframeCoverage } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { formatBarTime, formatCount, plural } from './data-format'
import { useDataStore } from './data-store'

export function CoveragePanel() {
  const selectedId = useDataStore((s) => s.selectedInstrumentId)
  const coverage = useDataStore((s) => s.coverage)
  const loading = useDataStore((s) => s.coverageLoading)
  const gapTimeframe = useDataStore((s) => s.gapTimeframe)
  const instrument = useStore((s) => s.instruments.find((i) => i.id === selectedId))
  const shown = coverage.find((c) => c.timeframe === gapTimeframe) ?? null

  if (!instrument) {
    return (
      <div className="panel data-panel data-panel--coverage" data-testid="data-coverage">
        <h2 className="panel__title">Coverage</h2>
        <p className="data-panel__hint">Select an instrument to see what is stored for it, timeframe by timeframe, with its gaps.</p>
      </div>
    )
  }

  const askDelete = (c: TimeframeCoverage): void => {
    useDataStore.setState({
      pendingDelete: { kind: 'timeframe', instrumentId: instrument.id, timeframe: c.timeframe, label: `${instrument.symbol} ${c.timeframe} bars`, bars: c.count },
    })
  }

  return (
    <div className="panel data-panel data-panel--coverage" data-testid="data-coverage" data-symbol={instrument.symbol}>
      <div className="data-panel__head">
        <h2 className="panel__title">Coverage · {instrument.symbol}</h2>
        <span className="data-panel__meta">{loading ? 'Reading…' : `${instrument.name} · ${instrument.exchange} · ${instrument.timeZone}`}</span>
      </div>
      <table className="data-table" data-testid="data-coverage-table">
        <thead>
          <tr>
            <th>TF</th>
            <th>First</th>
            <th>Last</th>
            <th className="num">Bars</th>
            <th className="num">Gaps</th>
            <th className="num">Missing</th>
            <th>Adj.</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {coverage.map((c) => (
            <tr
              key={c.timeframe}
              data-testid="data-coverage-row"
              data-timeframe={c.timeframe}
              data-gap-count={c.gapCount}
              className={c.timeframe === gapTimeframe ? 'data-table__row--selected' : undefined}
              onClick={() => useDataStore.setState({ gapTimeframe: c.timeframe })}
            >
              <td className="mono data-table__strong">{c.timeframe}</td>
              <td className="mono">{formatBarTime(c.firstTime, c.timeframe, instrument.timeZone)}</td>
              <td className="mono">{formatBarTime(c.lastTime, c.timeframe, instrument.timeZone)}</td>
              <td className="mono num">{formatCount(c.count)}</td>
              <td className={`mono num${c.gapCount > 0 ? ' data-table__warn' : ''}`}>{formatCount(c.gapCount)}</td>
              <td className="mono num">{formatCount(c.missingBars)}</td>
              <td title={c.hasAdjustments ? 'Split and dividend factors are stored: charts can show adjusted prices' : 'Raw prices only'}>
                {c.hasAdjustments ? 'yes' : '—'}
              </td>
              <td className="data-table__actions">
                <button
                  type="button"
                  className="button button--small button--danger"
                  data-testid="data-delete-timeframe"
                  title={`Delete the ${c.timeframe} bars of ${instrument.symbol}`}
                  onClick={(e) => {
                    e.stopPropagation()
                    askDelete(c)
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {!loading && coverage.length === 0 ? (
            <tr>
              <td colSpan={8} className="data-table__empty">
                No bars stored for {instrument.symbol}.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {shown ? (
        <div className="data-gaps" data-testid="data-gap-list">
          <div className="data-gaps__head">
            {shown.gapCount === 0
              ? `No gaps in the ${shown.timeframe} bars.`
              : `${plural(shown.gapCount, 'gap')} in the ${shown.timeframe} bars, ${plural(shown.missingBars, 'bar')} missing` +
                (shown.truncated ? ` (first ${shown.gaps.length} shown)` : '')}
            {shown.calendar ? <span className="data-gaps__note"> · {shown.calendar} are not gaps</span> : null}
          </div>
          {shown.gaps.length > 0 ? (
            <ol className="data-gaps__list">
              {shown.gaps.map((g) => (
                <li key={g.from} className="mono">
                  <span>{formatBarTime(g.from, shown.timeframe, instrument.timeZone)}</span>
                  {g.to !== g.from ? <span> → {formatBarTime(g.to, shown.timeframe, instrument.timeZone)}</span> : null}
                  <span className="data-gaps__missing">{formatCount(g.missing)} missing</span>
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
