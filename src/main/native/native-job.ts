import type { NativeJob } from './addon-binding'
import { NativeCancelledError } from './native-cancelled-error'

/** Cancels the running native job when the caller's signal aborts or onProgress throws. */
export class JobControl<Outcome extends { readonly status: string }> {
  private job: NativeJob<Outcome> | undefined
  private stopped = false
  private failure: { readonly error: unknown } | undefined
  private readonly onAbort = (): void => this.stop()

  constructor(private readonly signal: AbortSignal | undefined) {
    signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  async run(start: () => NativeJob<Outcome>): Promise<Outcome> {
    this.throwIfStopped()
    this.job = start()
    try {
      const outcome = await this.job.promise
      if (outcome.status === 'cancelled') this.throwIfStopped()
      return outcome
    } finally {
      this.job = undefined
    }
  }

  fail(error: unknown): void {
    this.failure ??= { error }
    this.stop()
  }

  throwIfStopped(): void {
    if (this.failure) throw this.failure.error
    if (this.stopped) throw new NativeCancelledError({ cause: this.signal?.reason })
  }

  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort)
  }

  private stop(): void {
    this.stopped = true
    this.job?.cancel()
  }
}

/** Keeps the caller's callback strictly increasing and stops its exceptions at the native edge. */
export class ProgressReporter {
  private lastDone = -1

  constructor(
    private readonly total: number,
    private readonly onProgress: (done: number, total: number) => void,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  report(done: number): void {
    if (done <= this.lastDone) return
    this.lastDone = done
    try {
      this.onProgress(done, this.total)
    } catch (error) {
      this.lastDone = Number.POSITIVE_INFINITY
      this.onFailure(error)
    }
  }
}
