import type { StateCreator } from 'zustand'
import type { JobKind, JobProgress } from '../../../shared/contract'
import type { QuorumStore } from '../../app/store'

/** A Strategy Lab job the trader started and that has not answered yet. */
export interface LabJob {
  readonly kind: JobKind
  /** Ours: progress events carrying it are this job's. */
  readonly clientRef: string
  /** The engine's id, known from the first progress event; Cancel needs it. */
  readonly jobId: number | null
  readonly phase: string
  readonly done: number
  readonly total: number
  readonly cancelling: boolean
}

/** How the last job of a kind ended, shown beside its button until the next one starts. */
export interface LabJobNotice {
  readonly tone: 'ok' | 'info' | 'bad'
  readonly text: string
}

export interface LabJobsSlice {
  readonly labJobs: Readonly<Partial<Record<JobKind, LabJob>>>
  readonly labJobNotices: Readonly<Partial<Record<JobKind, LabJobNotice>>>
  startLabJob(kind: JobKind, clientRef: string): void
  /** A progress event; returns the job it belongs to (after the update), or null when none does. */
  applyLabJobProgress(progress: JobProgress): LabJob | null
  markLabJobCancelling(kind: JobKind): void
  endLabJob(kind: JobKind, notice: LabJobNotice | null): void
}

export const createLabJobsSlice: StateCreator<QuorumStore, [], [], LabJobsSlice> = (set, get) => ({
  labJobs: {},
  labJobNotices: {},
  startLabJob: (kind, clientRef) =>
    set((s) => ({
      labJobs: { ...s.labJobs, [kind]: { kind, clientRef, jobId: null, phase: 'starting', done: 0, total: 0, cancelling: false } },
      // "Run #n finished" notices have served once another job starts; problems and cancellations stay.
      labJobNotices: Object.fromEntries(Object.entries(s.labJobNotices).filter(([k, n]) => k !== kind && n !== undefined && n.tone !== 'ok')),
    })),
  applyLabJobProgress: (progress) => {
    const job = Object.values(get().labJobs).find((j) => j !== undefined && j.clientRef === progress.clientRef)
    if (!job) return null
    const next: LabJob = { ...job, jobId: progress.jobId, phase: progress.phase, done: progress.done, total: progress.total }
    set((s) => ({ labJobs: { ...s.labJobs, [job.kind]: next } }))
    return next
  },
  markLabJobCancelling: (kind) =>
    set((s) => {
      const job = s.labJobs[kind]
      return job ? { labJobs: { ...s.labJobs, [kind]: { ...job, cancelling: true } } } : s
    }),
  endLabJob: (kind, notice) =>
    set((s) => ({
      labJobs: { ...s.labJobs, [kind]: undefined },
      labJobNotices: { ...s.labJobNotices, [kind]: notice ?? undefined },
    })),
})

/** The share done, 0..1, or null while the total is unknown. */
export function jobFraction(job: Pick<LabJob, 'done' | 'total'>): number | null {
  if (!(job.total > 0)) return null
  return Math.min(1, Math.max(0, job.done / job.total))
}
