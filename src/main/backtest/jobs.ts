import type { JobKind, JobProgress } from '../../shared/contract'
import type { Clock } from '../kernel'
import { EngineError } from '../kernel'

/** The interval progress events are throttled to. */
export const PROGRESS_INTERVAL_MS = 100

export interface Job {
  readonly id: number
  readonly signal: AbortSignal
  /** Reports progress (throttled; the last call of a phase is always sent when `force`). */
  progress(phase: string, done: number, total: number, force?: boolean): void
  /** Throws the cancellation error when the job was cancelled. */
  throwIfCancelled(): void
}

/** Thrown out of a job that was cancelled; the contract sees code `cancelled`. */
export function cancelledError(kind: JobKind): EngineError {
  return new EngineError('cancelled', `The ${kind.replace('-', ' ')} was cancelled.`)
}

/** Running Strategy Lab jobs: ids, cancellation and throttled progress events. */
export class JobRegistry {
  private nextId = 1
  private readonly running = new Map<number, AbortController>()

  constructor(
    private readonly clock: Clock,
    private readonly emit: (progress: JobProgress) => void,
  ) {}

  async run<T>(kind: JobKind, clientRef: string | undefined, work: (job: Job) => Promise<T>): Promise<T> {
    const id = this.nextId++
    const controller = new AbortController()
    this.running.set(id, controller)
    let last = -Infinity
    const job: Job = {
      id,
      signal: controller.signal,
      progress: (phase, done, total, force = false) => {
        const now = this.clock.now()
        if (!force && now - last < PROGRESS_INTERVAL_MS) return
        last = now
        this.emit({ jobId: id, clientRef: clientRef ?? null, kind, phase, done, total })
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw cancelledError(kind)
      },
    }
    try {
      job.progress('starting', 0, 1, true)
      return await work(job)
    } finally {
      this.running.delete(id)
    }
  }

  cancel(id: number): boolean {
    const controller = this.running.get(id)
    if (!controller) return false
    controller.abort()
    return true
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort()
  }
}
