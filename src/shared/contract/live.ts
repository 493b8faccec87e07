import { z } from 'zod'
import type { BarColumns } from '../domain'
import { InstrumentId, Timeframe } from '../domain'
import { method } from './define'

/** Names one live subscription, e.g. `live-3`; valid until unsubscribed or the engine stops. */
export const LiveSubscriptionId = z
  .string()
  .regex(/^live-\d{1,15}$/, 'expected a subscription id such as "live-1"')
  .brand<'LiveSubscriptionId'>()
export type LiveSubscriptionId = z.infer<typeof LiveSubscriptionId>

export const LiveSubscribeRequest = z.object({ instrumentId: InstrumentId, timeframe: Timeframe }).strict()
export const LiveUnsubscribeRequest = z.object({ subscriptionId: LiveSubscriptionId }).strict()

export interface LiveSubscription {
  readonly subscriptionId: LiveSubscriptionId
}

export interface LiveUnsubscribed {
  /** False when the id was not subscribed (already stopped, or from before an engine restart). */
  readonly unsubscribed: boolean
}

/**
 * The bars of one subscription that changed since its previous event, oldest first: bars that
 * closed, then the bar still forming as the last element. Bars share the timeframe's alignment
 * with `bars.load` (intraday buckets from the session open; `1D`/`1W` stamped with the session
 * date or the week's Monday at 00:00 UTC, regular hours only), so each replaces or follows the
 * loaded bar with the same time. At most one event per subscription every 100 ms.
 */
export interface LiveBarsEvent {
  readonly subscriptionId: LiveSubscriptionId
  readonly instrumentId: InstrumentId
  readonly timeframe: Timeframe
  readonly bars: BarColumns
}

export const liveMethods = {
  /** Starts streaming bars built from live ticks; answers `unavailable` when no live source serves the instrument. */
  subscribe: method<typeof LiveSubscribeRequest, LiveSubscription>(LiveSubscribeRequest),
  /** Stops a subscription; an id that is not (or no longer) subscribed is not an error. */
  unsubscribe: method<typeof LiveUnsubscribeRequest, LiveUnsubscribed>(LiveUnsubscribeRequest),
} as const
