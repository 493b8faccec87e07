import type { ChartIndicator } from '../../../shared/contract'
import type { IndicatorInfo } from '../../../shared/domain'
import { Icon } from './icons'
import type { IndicatorPlan } from './indicator-plan'
import { formatIndicatorParams, outputLabel } from './indicator-plan'

interface IndicatorRowProps {
  readonly indicator: ChartIndicator
  readonly info: IndicatorInfo | undefined
  readonly plan: IndicatorPlan | undefined
  readonly onEdit: () => void
  readonly onToggle: () => void
  readonly onRemove: () => void
}

/**
 * One indicator in a chart's legend: name, parameters, the value of each output at the hovered
 * bar (the spans are filled by the chart, not React), and buttons to edit, hide or remove it.
 */
export function IndicatorRow({ indicator, info, plan, onEdit, onToggle, onRemove }: IndicatorRowProps) {
  const { name } = indicator
  const params = formatIndicatorParams(info, indicator.params)
  const outputs = plan?.outputs ?? info?.outputs.map((output) => ({ output, color: undefined })) ?? []
  const multi = outputs.length > 1
  return (
    <div
      className="indicator-row"
      data-testid={`indicator-legend-${name}`}
      data-indicator-id={indicator.id}
      data-visible={indicator.visible}
      data-params={params}
      title={info?.title}
    >
      <button type="button" className="indicator-row__name" onClick={onEdit} title={`${info?.title ?? name}: edit the parameters`}>
        <span className="indicator-row__swatch" style={{ background: plan?.color }} />
        {name}
        {params ? <span className="indicator-row__params">{params}</span> : null}
      </button>
      <span className="indicator-row__values">
        {outputs.map((o) => (
          <span key={o.output} className="indicator-row__output">
            {multi ? <span className="indicator-row__key">{outputLabel(name, o.output)}</span> : null}
            <span className="indicator-row__value" data-output={o.output} style={{ color: o.color }} />
          </span>
        ))}
      </span>
      <span className="indicator-row__actions">
        <button
          type="button"
          className="icon-button icon-button--small"
          data-testid={`indicator-toggle-${name}`}
          title={indicator.visible ? 'Hide' : 'Show'}
          aria-label={indicator.visible ? `Hide ${name}` : `Show ${name}`}
          aria-pressed={!indicator.visible}
          onClick={onToggle}
        >
          <Icon name={indicator.visible ? 'eye' : 'eye-off'} size={14} />
        </button>
        <button type="button" className="icon-button icon-button--small" data-testid={`indicator-edit-${name}`} title="Parameters" aria-label={`Edit ${name}`} onClick={onEdit}>
          <Icon name="settings" size={14} />
        </button>
        <button type="button" className="icon-button icon-button--small" data-testid={`indicator-remove-${name}`} title="Remove" aria-label={`Remove ${name}`} onClick={onRemove}>
          <Icon name="close" size={14} />
        </button>
      </span>
    </div>
  )
}
