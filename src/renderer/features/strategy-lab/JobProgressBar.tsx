import type { JobKind } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { jobFraction } from './lab-jobs-slice'
import { cancelJob } from './run-actions'

/** A running job's bar with its phase and Cancel; when it has ended, how it ended. */
export function JobProgressBar({ kind, label }: { readonly kind: JobKind; readonly label: string }) {
  const job = useStore((s) => s.labJobs[kind])
  const notice = useStore((s) => s.labJobNotices[kind])
  if (!job) {
    if (!notice) return null
    return (
      <p className={`lab-notice lab-notice--${notice.tone}`} data-testid="lab-job-notice" data-kind={kind} data-tone={notice.tone} role={notice.tone === 'bad' ? 'alert' : 'status'}>
        {notice.text}
      </p>
    )
  }
  const fraction = jobFraction(job)
  const percent = fraction === null ? null : Math.round(fraction * 100)
  const counts = job.total > 1 ? ` ${Math.floor(job.done).toLocaleString('en-US')} / ${Math.round(job.total).toLocaleString('en-US')}` : ''
  return (
    <div className="lab-job" data-testid="lab-job" data-kind={kind} data-job-id={job.jobId ?? ''}>
      <div className="lab-job__text">
        <span className="lab-job__label">{label}</span>
        <span className="lab-job__phase">
          {job.cancelling ? 'cancelling…' : `${job.phase}${counts}`}
        </span>
      </div>
      <div className="lab-job__row">
        <div className="lab-progress" role="progressbar" aria-label={`${label} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined}>
          <div className={`lab-progress__fill${percent === null ? ' lab-progress__fill--unknown' : ''}`} style={{ width: `${percent ?? 100}%` }} />
        </div>
        <span className="lab-job__percent">{percent === null ? '' : `${percent}%`}</span>
        <button type="button" className="button button--small" data-testid="lab-job-cancel" data-kind={kind} disabled={job.cancelling} onClick={() => void cancelJob(kind)}>
          Cancel
        </button>
      </div>
    </div>
  )
}
