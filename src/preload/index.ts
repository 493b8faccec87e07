import { contextBridge, ipcRenderer } from 'electron'
import type { ClientTransport, EventName, Result } from '../shared/contract'
import { buildClient, EVENT_CHANNEL, EVENT_NAMES } from '../shared/contract'

// The preload exposes exactly the contract as `window.quorum`, generated from it, and nothing else.
const listeners = new Map<EventName, Set<(payload: unknown) => void>>()

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !(EVENT_NAMES as readonly string[]).includes(name)) return
  for (const listener of listeners.get(name as EventName) ?? []) listener(payload)
})

const transport: ClientTransport = {
  invoke: (name, request) => ipcRenderer.invoke(name, request) as Promise<Result<unknown>>,
  subscribe: (name, listener) => {
    let set = listeners.get(name)
    if (!set) listeners.set(name, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  },
}

contextBridge.exposeInMainWorld('quorum', buildClient(transport))
