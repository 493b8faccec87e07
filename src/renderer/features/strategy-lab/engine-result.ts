import type { Result } from '../../../shared/contract'
import { useStore } from '../../app/store'

/** True when the call succeeded; otherwise the error goes to the banner under `context` ("Saving MA crossover"). */
export function succeeded<T>(context: string, result: Result<T>): result is { readonly ok: true; readonly value: T } {
  if (result.ok) return true
  useStore.getState().reportError(context, result.error)
  return false
}
