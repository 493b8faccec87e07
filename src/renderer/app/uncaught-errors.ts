import { useStore } from './store'

function messageOf(reason: unknown): string {
  if (reason instanceof Error) return reason.message
  return typeof reason === 'string' ? reason : 'An unexpected error happened in the window.'
}

/** Renderer bugs surface in the error banner too, not only in the developer console. */
export function reportUncaughtErrors(target: Window): () => void {
  const onError = (e: ErrorEvent): void =>
    useStore.getState().reportError('The window', { code: 'renderer', message: messageOf(e.error ?? e.message) })
  const onRejection = (e: PromiseRejectionEvent): void =>
    useStore.getState().reportError('The window', { code: 'renderer', message: messageOf(e.reason) })
  target.addEventListener('error', onError)
  target.addEventListener('unhandledrejection', onRejection)
  return () => {
    target.removeEventListener('error', onError)
    target.removeEventListener('unhandledrejection', onRejection)
  }
}
