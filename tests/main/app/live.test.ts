import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createEngine, type Engine, startServer } from '../../../src/main/app'
import { ManualClock, ManualScheduler, silentLogger } from '../../../src/main/kernel'
import type { LiveBarsEvent, LiveSubscription, LoadedBars, Result } from '../../../src/shared/contract'
import type { Instrument } from '../../../src/shared/domain'
import { ACME } from '../../store/store-fixture'
import { connectClient } from '../../support/ws-client'

/** Tuesday 2026-11-17 15:00 UTC: 10:00 in New York, the demo market mid-session. */
const NOW = Date.parse('2026-11-17T15:00:00Z')

let engine: Engine | undefined

afterEach(() => {
  engine?.close()
  engine = undefined
})

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}

function start(): { engine: Engine; clock: ManualClock; scheduler: ManualScheduler; events: LiveBarsEvent[] } {
  const clock = new ManualClock(NOW)
  const scheduler = new ManualScheduler(clock)
  const created = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'quorum-live-')), clock, logger: silentLogger, scheduler, demoFeedSeed: 5 })
  engine = created
  const events: LiveBarsEvent[] = []
  created.events.subscribe((name, payload) => {
    if (name === 'liveBars') events.push(payload as LiveBarsEvent)
  })
  return { engine: created, clock, scheduler, events }
}

describe('live bars through the engine', () => {
  it("streams a demo instrument's one-minute bars, continuing from its last stored close", async () => {
    const { engine, scheduler, events } = start()
    const call = async <T>(name: string, request: unknown): Promise<T> => value<T>(await engine.dispatch(name, request, { transport: 'ipc' }))
    const [alpha] = await call<Instrument[]>('instruments.list', {})
    const stored = await call<LoadedBars>('bars.load', { instrumentId: alpha!.id, timeframe: '1m', limit: 1 })
    const { subscriptionId } = await call<LiveSubscription>('live.subscribe', { instrumentId: alpha!.id, timeframe: '1m' })
    expect(subscriptionId).toMatch(/^live-\d+$/)
    expect(events).toEqual([])
    scheduler.advance(3_000)
    expect(events.length).toBeGreaterThan(5)
    const first = events[0]!
    expect(first).toMatchObject({ subscriptionId, instrumentId: alpha!.id, timeframe: '1m' })
    expect(first.bars.time[0]).toBe(NOW / 1000)
    expect(Math.abs(first.bars.open[0]! - stored.bars.close[0]!)).toBeLessThan(0.1)

    expect(await call('live.unsubscribe', { subscriptionId })).toEqual({ unsubscribed: true })
    const count = events.length
    scheduler.advance(3_000)
    expect(events.length).toBe(count)
    expect(scheduler.activeTasks).toBe(0)
  })

  it('answers unavailable for an instrument without a live source', async () => {
    const { engine } = start()
    const acme = engine.store.instruments.upsert(ACME)
    const result = await engine.dispatch('live.subscribe', { instrumentId: acme.id, timeframe: '1D' }, { transport: 'ipc' })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'ACME has no live bars: live data needs a broker connection, which is not configured yet. The demo instruments stream simulated live data.',
      },
    })
  })

  it('rejects a malformed subscription id and treats an unknown one as already stopped', async () => {
    const { engine } = start()
    const bad = await engine.dispatch('live.unsubscribe', { subscriptionId: 'x' }, { transport: 'ipc' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await engine.dispatch('live.unsubscribe', { subscriptionId: 'live-999' }, { transport: 'ipc' })).toEqual({ ok: true, value: { unsubscribed: false } })
  })

  it('closes cleanly with subscriptions open: every timer stops and the store closes', async () => {
    const { engine: running, scheduler } = start()
    const [alpha, bravo] = running.store.instruments.list()
    await running.dispatch('live.subscribe', { instrumentId: alpha!.id, timeframe: '1m' }, { transport: 'ipc' })
    await running.dispatch('live.subscribe', { instrumentId: bravo!.id, timeframe: '1D' }, { transport: 'ipc' })
    scheduler.advance(1_000)
    expect(scheduler.activeTasks).toBe(2)
    running.close()
    engine = undefined
    expect(scheduler.activeTasks).toBe(0)
    expect(() => running.store.instruments.list()).toThrow()
  })
})

describe('live bars over the serve WebSocket', () => {
  it('delivers liveBars events with typed-array bars to a browser client, on wall-clock timers', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'quorum-renderer-'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quorum</title>')
    mkdirSync(join(rendererDir, 'assets'))
    const created = createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'quorum-live-serve-')), clock: { now: () => Date.now() }, logger: silentLogger })
    engine = created
    const server = await startServer({ engine: created, rendererDir, logger: silentLogger })
    const origin = `http://127.0.0.1:${server.port}`
    const client = await connectClient(origin, server.token)
    try {
      const [alpha] = value<Instrument[]>(await client.call('instruments.list', {}))
      const { subscriptionId } = value<LiveSubscription>(await client.call('live.subscribe', { instrumentId: alpha!.id, timeframe: '1m' }))
      const deadline = Date.now() + 5_000
      while (client.events.filter((e) => e.name === 'liveBars').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      const live = client.events.filter((e) => e.name === 'liveBars').map((e) => e.payload as LiveBarsEvent)
      expect(live.length).toBeGreaterThanOrEqual(3)
      expect(live[0]!.subscriptionId).toBe(subscriptionId)
      expect(live[0]!.bars.close).toBeInstanceOf(Float64Array)
      expect(live[0]!.bars.time[0]! % 60).toBe(0)
      expect(value(await client.call('live.unsubscribe', { subscriptionId }))).toEqual({ unsubscribed: true })
    } finally {
      client.close()
      await server.close()
    }
  })
})
