import { useStore } from '../../app/store'
import { LabField } from './LabField'
import { NumberField } from './NumberField'

/** Walk-forward: optimise on each in-sample window, test on the next out-of-sample one. */
export function WalkForwardForm() {
  const wf = useStore((s) => s.labSetup.walkForward)
  const update = useStore((s) => s.updateLabSetup)
  return (
    <div className="lab-form" data-testid="lab-wf-form">
      <div className="lab-form__row">
        <LabField label="Mode" title="Anchored: every in-sample window starts at the first bar. Rolling: the windows slide.">
          <select className="select" data-testid="lab-wf-mode" value={wf.mode} onChange={(e) => update('walkForward', { mode: e.target.value as 'anchored' | 'rolling' })}>
            <option value="rolling">Rolling</option>
            <option value="anchored">Anchored</option>
          </select>
        </LabField>
        <LabField label="Windows">
          <NumberField label="Out-of-sample windows" testId="lab-wf-windows" value={wf.windows} integer min={2} max={50} onCommit={(windows) => update('walkForward', { windows })} className="lab-number--short" />
        </LabField>
        <LabField label="Out of sample %" title="Out-of-sample length as a share of in-sample + out-of-sample">
          <NumberField label="Out-of-sample percent" testId="lab-wf-oos" value={wf.outOfSampleFraction} scale={100} min={0.01} max={0.99} onCommit={(outOfSampleFraction) => update('walkForward', { outOfSampleFraction })} className="lab-number--short" />
        </LabField>
      </div>
      <p className="lab-hint">Uses the optimise settings and parameter ranges above.</p>
    </div>
  )
}
