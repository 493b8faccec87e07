/**
 * The only source of time for the engine. Agents, orchestrator, risk and execution receive a
 * Clock and never read the wall clock, so a replay and live trading run the same code.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number
}

/** The live wall clock. */
export const systemClock: Clock = { now: () => Date.now() }

/** A clock that moves only when told to: replays and tests. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current
  }
  set(epochMs: number): void {
    if (epochMs < this.current) throw new Error(`clock cannot go backwards (${epochMs} < ${this.current})`)
    this.current = epochMs
  }
}
