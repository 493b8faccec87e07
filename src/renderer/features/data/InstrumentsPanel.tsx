import type { Instrument } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { selectInstrument } from './data-actions'
import { useDataStore } from './data-store'

export function InstrumentsPanel() {
  const instruments = useStore((s) => s.instruments)
  const loaded = useStore((s) => s.instrumentsLoaded)
  const selected = useDataStore((s) => s.selectedInstrumentId)
  const real = instruments.filter((i) => !i.isDemo).length

  const askDelete = (instrument: Instrument): void => {
    useDataStore.setState({
      pendingDelete: { kind: 'instrument', instrumentId: instrument.id, label: `${instrument.symbol} (${instrument.exchange})`, bars: -1 },
    })
  }

  return (
    <div className="panel data-panel data-panel--instruments">
      <div className="data-panel__head">
        <h2 className="panel__title">Instruments</h2>
        <span className="data-panel__meta">
          {loaded ? `${instruments.length} stored · ${real} imported · ${instruments.length - real} demo` : 'Loading…'}
        </span>
      </div>
      <div className="data-table-wrap">
        <table className="data-table" data-testid="data-instruments-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Name</th>
              <th>Exchange</th>
              <th>Ccy</th>
              <th>Class</th>
              <th>Time zone · session</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {instruments.map((i) => (
              <tr
                key={i.id}
                className={i.id === selected ? 'data-table__row--selected' : undefined}
                data-testid="data-instrument-row"
                data-symbol={i.symbol}
                aria-selected={i.id === selected}
                onClick={() => void selectInstrument(i.id)}
              >
                <td className="mono data-table__strong">
                  {i.symbol}
                  {i.isDemo ? (
                    <span className="badge badge--demo data-table__badge" title="Generated demo data, not real prices">
                      demo
                    </span>
                  ) : null}
                </td>
                <td className="data-table__name" title={i.name}>
                  {i.name}
                </td>
                <td>{i.exchange}</td>
                <td>{i.currency}</td>
                <td>{i.assetClass}</td>
                <td className="data-table__muted">
                  {i.timeZone} · {i.session}
                </td>
                <td className="data-table__actions">
                  <button
                    type="button"
                    className="button button--small button--danger"
                    data-testid="data-delete-instrument"
                    title={`Delete ${i.symbol} with all its bars`}
                    onClick={(e) => {
                      e.stopPropagation()
                      askDelete(i)
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
            {loaded && instruments.length === 0 ? (
              <tr>
                <td colSpan={7} className="data-table__empty">
                  No instruments yet. Import bar files on the right.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  )
}
