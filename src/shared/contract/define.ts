import { z } from 'zod'

/** A request/response method: the request is validated with `request`; the response is typed. */
export interface MethodSpec<Req extends z.ZodType, Res> {
  readonly kind: 'method'
  readonly request: Req
  /** Phantom: carries the response type; never read at run time. */
  readonly response?: Res
}

/** A push event from the engine to every window. */
export interface EventSpec<Payload> {
  readonly kind: 'event'
  readonly payload?: Payload
}

export function method<Req extends z.ZodType, Res>(request: Req): MethodSpec<Req, Res> {
  return { kind: 'method', request }
}

export function event<Payload>(): EventSpec<Payload> {
  return { kind: 'event' }
}

export const NoRequest = z.object({}).strict()
