/**
 * What every contract call returns. Nothing is thrown across a process boundary: Electron keeps
 * only an error's message, and a WebSocket keeps nothing, so errors travel as values.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError }

export interface ContractError {
  /** Stable machine-readable code, e.g. `invalid-request`, `not-found`, `internal`. */
  readonly code: ErrorCode
  /** One sentence for the trader: what was wrong, where, and what to do next. */
  readonly message: string
}

export type ErrorCode =
  | 'invalid-request'
  | 'unknown-method'
  | 'forbidden'
  | 'not-found'
  | 'cancelled'
  | 'unavailable'
  | 'internal'

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}
