/** A native job stopped because its AbortSignal fired; `cause` carries the signal's reason. */
export class NativeCancelledError extends Error {
  override readonly name = 'NativeCancelledError'

  constructor(options?: { cause?: unknown }) {
    super('The native job was cancelled before it finished', options)
  }
}
