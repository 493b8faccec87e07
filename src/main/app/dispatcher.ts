import type { z } from 'zod'
import type { CallContext, Handlers, MethodSpec, Namespace, Result } from '../../shared/contract'
import { err, methods, ok, splitMethodName } from '../../shared/contract'
import type { Logger } from '../kernel'
import { EngineError } from '../kernel'

export type Dispatch = (name: string, request: unknown, context: CallContext) => Promise<Result<unknown>>

type AnyHandler = (request: unknown, context: CallContext) => unknown

/** Names each problem in a rejected request by field, e.g. `limit: Too big: expected number to be <=5000000`. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(request)'}: ${issue.message}`)
    .join('; ')
}

/**
 * The single entry to the engine for both transports: finds the method, validates the request
 * against its schema, runs the handler, and turns every outcome into a Result (nothing thrown
 * crosses the boundary).
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (name, request, context) => {
    const parts = splitMethodName(name)
    if (!parts) return err('unknown-method', `No method named "${name}" in the Quorum contract.`)
    const [ns, m] = parts
    const spec = (methods[ns] as Record<string, MethodSpec<z.ZodType, unknown>>)[m]
    const handler = (handlers[ns as Namespace] as Record<string, AnyHandler | undefined>)[m]
    if (!spec || !handler) return err('unknown-method', `No handler for "${name}".`)
    const parsed = spec.request.safeParse(request ?? {})
    if (!parsed.success) return err('invalid-request', `Invalid request to ${name}: ${describeIssues(parsed.error)}`)
    try {
      return ok(await handler(parsed.data, context))
    } catch (e) {
      if (e instanceof EngineError) return err(e.code, e.message)
      const message = e instanceof Error ? e.message : String(e)
      logger.error('handler failed', { method: name, error: message, stack: e instanceof Error ? e.stack : undefined })
      return err('internal', `${name} failed: ${message}`)
    }
  }
}
