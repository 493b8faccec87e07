import type { EventName, EventPayload } from '../../shared/contract'
import type { Disposable } from '../kernel'

export type EventListener = (name: EventName, payload: unknown) => void

/** Push events to every connected window or browser; each transport subscribes once. */
export class EngineEvents {
  private readonly listeners = new Set<EventListener>()

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload)
  }

  subscribe(listener: EventListener): Disposable {
    this.listeners.add(listener)
    return { dispose: () => this.listeners.delete(listener) }
  }
}
