import type { Result } from '../contract'

/** Client → engine over the WebSocket. */
export interface CallMessage {
  readonly type: 'call'
  readonly id: number
  readonly method: string
  readonly request: unknown
}

/** Engine → client: the answer to one call. */
export interface ReplyMessage {
  readonly type: 'reply'
  readonly id: number
  readonly result: Result<unknown>
}

/** Engine → client: a push event. */
export interface EventMessage {
  readonly type: 'event'
  readonly name: string
  readonly payload: unknown
}

export type ServerMessage = ReplyMessage | EventMessage

/** The path of the WebSocket endpoint on the serve origin. */
export const WS_PATH = '/ws'
