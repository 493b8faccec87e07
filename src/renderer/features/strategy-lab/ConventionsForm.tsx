import type { Commission, Conventions, Slippage } from '../../../shared/domain'
import { DEFAULT_CONVENTIONS } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { LabField } from './LabField'
import { NumberField } from './NumberField'

/** Each kind with the values it starts from when picked. */
const COMMISSIONS: Readonly<Record<Commission['kind'], { label: string; start: Commission }>> = {
  none: { label: 'None', start: { kind: 'none' } },
  'per-share': { label: 'Per share', start: { kind: 'per-share', perShare: 0.005, minimum: 1 } },
  'per-order': { label: 'Per order', start: { kind: 'per-order', amount: 1 } },
  percent: { label: 'Percent of value', start: { kind: 'percent', percent: 0.1 } },
  'ib-fixed': { label: 'IB fixed (US stocks)', start: { kind: 'ib-fixed' } },
  'ib-tiered': { label: 'IB tiered (US stocks)', start: { kind: 'ib-tiered' } },
}

const SLIPPAGES: Readonly<Record<Slippage['kind'], { label: string; start: Slippage }>> = {
  none: { label: 'None', start: { kind: 'none' } },
  ticks: { label: 'Ticks', start: { kind: 'ticks', ticks: 1, tickSize: 0.01 } },
  bps: { label: 'Basis points', start: { kind: 'bps', bps: 5 } },
  'range-fraction': { label: 'Share of bar range', start: { kind: 'range-fraction', fraction: 0.1 } },
}

function CommissionFields({ commission, set }: { commission: Commission; set: (c: Commission) => void }) {
  switch (commission.kind) {
    case 'per-share':
      return (
        <>
          <LabField label="Per share">
            <NumberField label="Commission per share" value={commission.perShare} min={0} onCommit={(perShare) => set({ ...commission, perShare })} />
          </LabField>
          <LabField label="Minimum">
            <NumberField label="Minimum commission per order" value={commission.minimum} min={0} onCommit={(minimum) => set({ ...commission, minimum })} />
          </LabField>
        </>
      )
    case 'per-order':
      return (
        <LabField label="Per order">
          <NumberField label="Commission per order" value={commission.amount} min={0} onCommit={(amount) => set({ ...commission, amount })} />
        </LabField>
      )
    case 'percent':
      return (
        <LabField label="Percent">
          <NumberField label="Commission percent of traded value" value={commission.percent} min={0} max={100} onCommit={(percent) => set({ ...commission, percent })} />
        </LabField>
      )
    default:
      return null
  }
}

function SlippageFields({ slippage, set }: { slippage: Slippage; set: (s: Slippage) => void }) {
  switch (slippage.kind) {
    case 'ticks':
      return (
        <>
          <LabField label="Ticks">
            <NumberField label="Slippage in ticks" value={slippage.ticks} min={0} onCommit={(ticks) => set({ ...slippage, ticks })} />
          </LabField>
          <LabField label="Tick size">
            <NumberField label="Tick size" value={slippage.tickSize} min={Number.MIN_VALUE} onCommit={(tickSize) => set({ ...slippage, tickSize })} />
          </LabField>
        </>
      )
    case 'bps':
      return (
        <LabField label="bps">
          <NumberField label="Slippage in basis points" value={slippage.bps} min={0} onCommit={(bps) => set({ ...slippage, bps })} />
        </LabField>
      )
    case 'range-fraction':
      return (
        <LabField label="% of range">
          <NumberField label="Slippage as a percentage of the bar's range" value={slippage.fraction} scale={100} min={0} max={1} onCommit={(fraction) => set({ ...slippage, fraction })} />
        </LabField>
      )
    default:
      return null
  }
}

/** How the simulated exchange fills and charges: the backtest conventions, defaults from the schema. */
export function ConventionsForm() {
  const c = useStore((s) => s.labSetup.conventions)
  const update = useStore((s) => s.updateLabSetup)
  const set = (patch: Partial<Conventions>): void => update('conventions', patch)
  return (
    <div className="lab-form" data-testid="lab-conventions">
      <div className="lab-form__row">
        <LabField label="Fill" title="A signal on a bar's close fills at the next bar's open, or at that same close">
          <select className="select" data-testid="lab-fill" value={c.fill} onChange={(e) => set({ fill: e.target.value as Conventions['fill'] })}>
            <option value="next-open">Next bar's open</option>
            <option value="close">Signal bar's close</option>
          </select>
        </LabField>
        <LabField label="Opposite signal" title="An entry against the open position reverses it, or only closes it">
          <select className="select" value={c.onOpposite} onChange={(e) => set({ onOpposite: e.target.value as Conventions['onOpposite'] })}>
            <option value="reverse">Reverse</option>
            <option value="flatten">Flatten only</option>
          </select>
        </LabField>
      </div>
      <div className="lab-form__row">
        <LabField label="Commission">
          <select className="select" data-testid="lab-commission" value={c.commission.kind} onChange={(e) => set({ commission: COMMISSIONS[e.target.value as Commission['kind']].start })}>
            {Object.entries(COMMISSIONS).map(([kind, { label }]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </LabField>
        <CommissionFields commission={c.commission} set={(commission) => set({ commission })} />
      </div>
      <div className="lab-form__row">
        <LabField label="Slippage">
          <select className="select" data-testid="lab-slippage" value={c.slippage.kind} onChange={(e) => set({ slippage: SLIPPAGES[e.target.value as Slippage['kind']].start })}>
            {Object.entries(SLIPPAGES).map(([kind, { label }]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </LabField>
        <SlippageFields slippage={c.slippage} set={(slippage) => set({ slippage })} />
      </div>
      <div className="lab-form__row">
        <LabField label="Starting cash">
          <NumberField label="Starting cash" testId="lab-starting-cash" value={c.startingCash} min={Number.MIN_VALUE} onCommit={(startingCash) => set({ startingCash })} />
        </LabField>
        <LabField label="Volume cap %" title="Largest share of a bar's volume one fill may take; the rest waits for the next bar">
          <span className="lab-inline">
            <input type="checkbox" aria-label="Cap fills at a share of bar volume" checked={c.volumeCap !== null} onChange={(e) => set({ volumeCap: e.target.checked ? 0.1 : null })} />
            <NumberField label="Volume cap percent" value={c.volumeCap ?? 0.1} scale={100} min={Number.MIN_VALUE} max={1} disabled={c.volumeCap === null} onCommit={(volumeCap) => set({ volumeCap })} />
          </span>
        </LabField>
      </div>
      <div className="lab-form__row">
        <LabField label="Periods / year" title="Annualisation: 252 for exchange-traded assets, 365 for crypto">
          <NumberField label="Periods per year" value={c.periodsPerYear} integer min={1} onCommit={(periodsPerYear) => set({ periodsPerYear })} />
        </LabField>
        <LabField label="Risk-free %" title="Yearly risk-free rate for Sharpe and Sortino">
          <NumberField label="Risk-free rate percent" value={c.riskFreeRate} scale={100} min={0} max={1} onCommit={(riskFreeRate) => set({ riskFreeRate })} />
        </LabField>
      </div>
      <div className="lab-form__row">
        <label className="lab-check-row">
          <input type="checkbox" data-testid="lab-allow-short" checked={c.allowShort} onChange={(e) => set({ allowShort: e.target.checked })} />
          Allow short
        </label>
        <label className="lab-check-row" title="Fractional shares; off: quantities are rounded down to whole shares">
          <input type="checkbox" checked={c.fractional} onChange={(e) => set({ fractional: e.target.checked })} />
          Fractional shares
        </label>
        <span className="lab-spacer" />
        <button type="button" className="button button--small" onClick={() => update('conventions', DEFAULT_CONVENTIONS)}>
          Defaults
        </button>
      </div>
    </div>
  )
}
