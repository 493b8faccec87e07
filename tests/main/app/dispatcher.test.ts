import { describe, expect, it } from 'vitest'
import type { Handlers } from '../../../src/shared/contract'
import { createDispatcher } from '../../../src/main/app/dispatcher'
import { EngineError, silentLogger } from '../../../src/main/kernel'

const unreachable = (): never => {
  throw new Error('not called in this test')
}

/** Only the handlers these tests call; the engine test checks that every method has one. */
function handlersWith(load: Handlers['bars']['load']): Handlers {
  return { instruments: { list: () => [] }, bars: { load } } as unknown as Handlers
}

describe('dispatcher', () => {
  it('passes a validated request with defaults filled in to the handler', async () => {
    let seen: unknown
    const dispatch = createDispatcher(
      handlersWith((req) => {
        seen = req
        return unreachable()
      }),
      silentLogger,
    )
    await dispatch('bars.load', { instrumentId: 3, timeframe: '1h' }, { transport: 'ipc' })
    expect(seen).toEqual({ instrumentId: 3, timeframe: '1h', limit: 5000, adjusted: false })
  })

  it('names the field of an invalid request and never calls the handler', async () => {
    let called = false
    const dispatch = createDispatcher(handlersWith(() => ((called = true), unreachable())), silentLogger)
    const result = await dispatch('bars.load', { instrumentId: -1, timeframe: '7m' }, { transport: 'websocket' })
    expect(called).toBe(false)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-request')
    expect(result.error.message).toContain('instrumentId')
    expect(result.error.message).toContain('timeframe')
  })

  it('refuses fields the contract does not declare', async () => {
    const dispatch = createDispatcher(handlersWith(unreachable), silentLogger)
    const result = await dispatch('instruments.list', { sneaky: true }, { transport: 'ipc' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })

  it('answers an unknown method, or a prototype name, with unknown-method', async () => {
    const dispatch = createDispatcher(handlersWith(unreachable), silentLogger)
    for (const name of ['bars.delete', 'nothing', 'bars.constructor', '__proto__.x', 'toString.call']) {
      expect(await dispatch(name, {}, { transport: 'ipc' })).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
    }
  })

  it('keeps the code of an EngineError and reports other throws as internal', async () => {
    const notFound = createDispatcher(
      handlersWith(() => {
        throw new EngineError('not-found', 'No instrument with id 9.')
      }),
      silentLogger,
    )
    expect(await notFound('bars.load', { instrumentId: 9, timeframe: '1D' }, { transport: 'ipc' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No instrument with id 9.' },
    })
    const broken = createDispatcher(
      handlersWith(() => {
        throw new Error('disk on fire')
      }),
      silentLogger,
    )
    expect(await broken('bars.load', { instrumentId: 9, timeframe: '1D' }, { transport: 'ipc' })).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'bars.load failed: disk on fire' },
    })
  })
})
