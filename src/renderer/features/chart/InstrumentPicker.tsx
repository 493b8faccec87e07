import type { Instrument, InstrumentId } from '../../../shared/domain'
import { chooseInstrument } from './chart-actions'

function optionLabel(i: Instrument): string {
  const marked = !i.isDemo || /\bdemo\b/i.test(i.name)
  return `${i.symbol} — ${i.name}${marked ? '' : ' (demo)'}`
}

interface InstrumentPickerProps {
  readonly instruments: readonly Instrument[]
  readonly selected: InstrumentId | null
}

export function InstrumentPicker({ instruments, selected }: InstrumentPickerProps) {
  const demo = instruments.filter((i) => i.isDemo)
  const real = instruments.filter((i) => !i.isDemo)
  const current = instruments.find((i) => i.id === selected)
  return (
    <div className="instrument-picker">
      <select
        className="select"
        data-testid="instrument-picker"
        aria-label="Instrument"
        title={current ? `${optionLabel(current)} · ${current.exchange} · ${current.currency}` : 'Instrument'}
        value={selected === null ? '' : String(selected)}
        disabled={instruments.length === 0}
        onChange={(e) => {
          const chosen = instruments.find((i) => String(i.id) === e.target.value)
          if (chosen) void chooseInstrument(chosen.id)
        }}
      >
        {instruments.length === 0 ? <option value="">No instruments</option> : null}
        {real.length > 0 ? (
          <optgroup label="Instruments">
            {real.map((i) => (
              <option key={i.id} value={String(i.id)}>
                {optionLabel(i)}
              </option>
            ))}
          </optgroup>
        ) : null}
        {demo.length > 0 ? (
          <optgroup label="Demo market (generated, not real prices)">
            {demo.map((i) => (
              <option key={i.id} value={String(i.id)}>
                {optionLabel(i)}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {current?.isDemo ? (
        <span className="badge badge--demo" data-testid="demo-badge" title="Generated demo data, not real prices">
          demo
        </span>
      ) : null}
    </div>
  )
}
