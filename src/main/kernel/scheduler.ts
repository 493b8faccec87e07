import type { ManualClock } from './clock'
import type { Disposable } from './disposable'

/**
 * The engine's only way to run something later, so a feed or a batcher runs on wall-clock timers
 * live and on a ManualClock in tests and replays, with the same code.
 */
export interface Scheduler {
  /** Runs `task` every `intervalMs` milliseconds, the first time one interval from now, until disposed. */
  every(intervalMs: number, task: () => void): Disposable
}

function checkInterval(intervalMs: number): void {
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new RangeError(`A scheduler interval must be a positive number of milliseconds, got ${intervalMs}.`)
}

/** Wall-clock timers. They never keep the process alive by themselves: whoever starts a task stops it. */
export const systemScheduler: Scheduler = {
  every(intervalMs, task) {
    checkInterval(intervalMs)
    const handle = setInterval(task, intervalMs)
    handle.unref()
    return { dispose: () => clearInterval(handle) }
  },
}

interface ManualTask {
  readonly id: number
  readonly intervalMs: number
  readonly task: () => void
  dueAt: number
  active: boolean
}

/**
 * Timers driven by a ManualClock: nothing runs until `advance` moves the clock, and then every
 * due task runs in time order (ties in the order they were scheduled) with the clock set to the
 * moment it was due. Deterministic, for tests and replays.
 */
export class ManualScheduler implements Scheduler {
  private readonly tasks: ManualTask[] = []
  private nextId = 0

  constructor(private readonly clock: ManualClock) {}

  every(intervalMs: number, task: () => void): Disposable {
    checkInterval(intervalMs)
    const entry: ManualTask = { id: this.nextId++, intervalMs, task, dueAt: this.clock.now() + intervalMs, active: true }
    this.tasks.push(entry)
    return {
      dispose: () => {
        entry.active = false
        const index = this.tasks.indexOf(entry)
        if (index >= 0) this.tasks.splice(index, 1)
      },
    }
  }

  /** Tasks scheduled and not yet disposed. */
  get activeTasks(): number {
    return this.tasks.length
  }

  /** Moves the clock forward by `ms`, running every task that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance needs a non-negative number of milliseconds, got ${ms}.`)
    const target = this.clock.now() + ms
    for (;;) {
      const next = this.nextDue(target)
      if (!next) break
      // The clock may have been set past a due time directly; it never goes back.
      if (next.dueAt > this.clock.now()) this.clock.set(next.dueAt)
      next.dueAt += next.intervalMs
      next.task()
    }
    if (target > this.clock.now()) this.clock.set(target)
  }

  private nextDue(target: number): ManualTask | undefined {
    let best: ManualTask | undefined
    for (const t of this.tasks) {
      if (t.active && t.dueAt <= target && (!best || t.dueAt < best.dueAt || (t.dueAt === best.dueAt && t.id < best.id))) best = t
    }
    return best
  }
}
