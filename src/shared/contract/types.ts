import type { z } from 'zod'
import type { EventSpec, MethodSpec } from './define'
import type { events } from './events'
import type { methods } from './methods'
import type { Result } from './result'

export type Methods = typeof methods
export type Events = typeof events
export type Namespace = keyof Methods
export type MethodName<N extends Namespace = Namespace> = N extends Namespace ? `${N}.${keyof Methods[N] & string}` : never
export type EventName = keyof Events & string

type RequestOf<S> = S extends MethodSpec<infer Req, unknown> ? Req : never
type ResponseOf<S> = S extends MethodSpec<z.ZodType, infer Res> ? Res : never
export type EventPayload<E extends EventName> = Events[E] extends EventSpec<infer P> ? P : never

/** What a caller passes (defaults may be omitted). */
export type RequestInput<S> = z.input<RequestOf<S>>
/** What a handler receives (validated, defaults filled in). */
export type RequestOutput<S> = z.output<RequestOf<S>>
export type Response<S> = ResponseOf<S>

/** The client side: `quorum.bars.load(req)` resolves to a Result, never rejects. */
export type QuorumMethods = {
  readonly [N in Namespace]: {
    readonly [M in keyof Methods[N]]: (request: RequestInput<Methods[N][M]>) => Promise<Result<Response<Methods[N][M]>>>
  }
}

export type Unsubscribe = () => void

export interface QuorumEvents {
  /** Subscribes to a push event; call the returned function to stop. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe
}

/** `window.quorum`: exactly the contract, nothing else. */
export type QuorumApi = QuorumMethods & QuorumEvents

/** Context the transport gives a handler (who called, to reject foreign senders early). */
export interface CallContext {
  readonly transport: 'ipc' | 'websocket'
}

/** The engine side: one handler per method; the compiler refuses a missing one. */
export type Handlers = {
  readonly [N in Namespace]: {
    readonly [M in keyof Methods[N]]: (
      request: RequestOutput<Methods[N][M]>,
      context: CallContext,
    ) => Promise<Response<Methods[N][M]>> | Response<Methods[N][M]>
  }
}
