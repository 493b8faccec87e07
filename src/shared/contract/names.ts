import { events } from './events'
import { methods } from './methods'
import type { EventName, MethodName, Namespace } from './types'

/** Every method as `namespace.method`, in declaration order: the channel names on both transports. */
export const METHOD_NAMES: readonly MethodName[] = (Object.keys(methods) as Namespace[]).flatMap((ns) =>
  Object.keys(methods[ns]).map((m) => `${ns}.${m}` as MethodName),
)

export const EVENT_NAMES: readonly EventName[] = Object.keys(events) as EventName[]

/** The IPC channel that carries push events (`[name, payload]`). */
export const EVENT_CHANNEL = 'quorum:event'

export function splitMethodName(name: string): [Namespace, string] | null {
  const dot = name.indexOf('.')
  if (dot < 0) return null
  const ns = name.slice(0, dot)
  const m = name.slice(dot + 1)
  if (!Object.hasOwn(methods, ns)) return null
  if (!Object.hasOwn(methods[ns as Namespace], m)) return null
  return [ns as Namespace, m]
}
