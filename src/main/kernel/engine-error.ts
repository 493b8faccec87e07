import type { ErrorCode } from '../../shared/contract'

/**
 * An error meant for the trader: its message says what was wrong, where, and what to do next,
 * and its code survives the trip across the contract. Anything else thrown is reported as
 * `internal` with its message.
 */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'EngineError'
  }
}
