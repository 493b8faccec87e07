import { useState } from 'react'
import { TIMEFRAMES } from '../../../shared/domain'
import { useStore } from '../../app/store'

/** Instruments to run on, ticked from the stored ones; several make a portfolio sharing one account. */
function InstrumentPicker() {
  const instruments = useStore((s) => s.instruments)
  const chosen = useStore((s) => s.labSetup.data.instruments)
  const update = useStore((s) => s.updateLabSetup)
  const [filter, setFilter] = useState('')
  const needle = filter.trim().toLowerCase()
  const shown = needle === '' ? instruments : instruments.filter((i) => i.symbol.toLowerCase().includes(needle) || i.name.toLowerCase().includes(needle))
  const toggle = (id: number): void => update('data', { instruments: chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id] })
  const symbols = chosen.map((id) => instruments.find((i) => i.id === id)?.symbol ?? `#${id}`)
  return (
    <div className="lab-instruments" data-testid="lab-instruments">
      <div className="lab-instruments__head">
        <span className="lab-field__label">Instruments</span>
        <span className="lab-instruments__chosen" data-testid="lab-instruments-chosen" title={symbols.join(', ')}>
          {chosen.length === 0 ? 'none' : chosen.length > 1 ? `${symbols.join(', ')} (portfolio)` : symbols[0]}
        </span>
      </div>
      {instruments.length > 8 ? <input className="lab-input lab-instruments__filter" placeholder="Filter…" aria-label="Filter instruments" value={filter} onChange={(e) => setFilter(e.target.value)} /> : null}
      <ul className="lab-instruments__list" aria-label="Instruments to run on">
        {shown.map((i) => (
          <li key={i.id}>
            <label className="lab-check-row" data-testid="lab-instrument" data-symbol={i.symbol}>
              <input type="checkbox" checked={chosen.includes(i.id)} onChange={() => toggle(i.id)} />
              <span className="lab-instruments__symbol">{i.symbol}</span>
              <span className="lab-instruments__name">{i.name}</span>
              {i.isDemo ? <span className="badge badge--demo">demo</span> : null}
            </label>
          </li>
        ))}
        {instruments.length === 0 ? <li className="lab-empty">No instruments: import bars in the Data workspace.</li> : null}
      </ul>
    </div>
  )
}

export function DataForm() {
  const data = useStore((s) => s.labSetup.data)
  const update = useStore((s) => s.updateLabSetup)
  return (
    <div className="lab-form" data-testid="lab-data-form">
      <InstrumentPicker />
      <div className="lab-form__row">
        <label className="lab-field">
          <span className="lab-field__label">Timeframe</span>
          <select className="select" data-testid="lab-timeframe" value={data.timeframe} onChange={(e) => update('data', { timeframe: e.target.value as (typeof TIMEFRAMES)[number] })}>
            {TIMEFRAMES.map((tf) => (
              <option key={tf} value={tf}>
                {tf}
              </option>
            ))}
          </select>
        </label>
        <label className="lab-field">
          <span className="lab-field__label">From</span>
          <input type="date" className="lab-input" data-testid="lab-from" value={data.from} onChange={(e) => update('data', { from: e.target.value })} title="First day (empty: from the first stored bar)" />
        </label>
        <label className="lab-field">
          <span className="lab-field__label">To</span>
          <input type="date" className="lab-input" data-testid="lab-to" value={data.to} onChange={(e) => update('data', { to: e.target.value })} title="Last day, included (empty: to the last stored bar)" />
        </label>
      </div>
      <label className="lab-check-row" title="Split- and dividend-adjusted prices (the usual choice for backtests), or the raw prices as imported">
        <input type="checkbox" data-testid="lab-adjusted" checked={data.adjusted} onChange={(e) => update('data', { adjusted: e.target.checked })} />
        Adjusted prices
      </label>
    </div>
  )
}
