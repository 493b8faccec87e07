import { EVENT_CHANNEL, err, METHOD_NAMES } from '../../shared/contract'
import type { Result } from '../../shared/contract'
import type { Engine } from '../app'
import type { Disposable } from '../kernel'

/** The parts of ipcMain and an IPC event that the binding uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, payload: unknown) => Promise<Result<unknown>>): void
  removeHandler(channel: string): void
}

export interface EventTarget {
  send(channel: string, ...args: unknown[]): void
}

/**
 * Binds every contract method to ipcMain: the sender must be the app's own page, the payload is
 * validated by the dispatcher, and the answer is always a Result. Push events go to every window.
 */
export function bindIpc(
  ipcMain: IpcMainLike,
  engine: Pick<Engine, 'dispatch' | 'events'>,
  isTrusted: (frameUrl: string | undefined) => boolean,
  targets: () => Iterable<EventTarget>,
): Disposable {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(name, async (event, payload) => {
      if (!isTrusted(event.senderFrame?.url)) return err('forbidden', `${name} was called from a page that is not Quorum's own.`)
      return engine.dispatch(name, payload, { transport: 'ipc' })
    })
  }
  const subscription = engine.events.subscribe((name, payload) => {
    for (const target of targets()) target.send(EVENT_CHANNEL, name, payload)
  })
  return {
    dispose: () => {
      subscription.dispose()
      for (const name of METHOD_NAMES) ipcMain.removeHandler(name)
    },
  }
}
