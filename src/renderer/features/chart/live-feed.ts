import type { ContractError, LiveBarsEvent, LiveSubscriptionId } from '../../../shared/contract'
import type { BarColumns, InstrumentId, Timeframe } from '../../../shared/domain'
import { quorum } from '../../bridge'

type LiveListener = (bars: BarColumns) => void

const listeners = new Map<LiveSubscriptionId, LiveListener>()
let offEvents: (() => void) | null = null

function dispatch(event: LiveBarsEvent): void {
  listeners.get(event.subscriptionId)?.(event.bars)
}

export type LiveStart = { readonly ok: true; readonly stop: () => void } | { readonly ok: false; readonly error: ContractError }

/**
 * Streams live bars of an instrument and timeframe to `onBars` (changed bars, the forming one
 * last, every 100 ms at most). One 'liveBars' listener serves every chart; each subscription
 * gets its own id from the engine. `stop` unsubscribes (safe to call twice).
 */
export async function startLiveBars(instrumentId: InstrumentId, timeframe: Timeframe, onBars: LiveListener): Promise<LiveStart> {
  offEvents ??= quorum.on('liveBars', dispatch)
  const result = await quorum.live.subscribe({ instrumentId, timeframe })
  if (!result.ok) return { ok: false, error: result.error }
  const id = result.value.subscriptionId
  listeners.set(id, onBars)
  let stopped = false
  return {
    ok: true,
    stop: () => {
      if (stopped) return
      stopped = true
      listeners.delete(id)
      // Unknown ids (the socket dropped, the engine restarted) are not an error to show.
      void quorum.live.unsubscribe({ subscriptionId: id })
    },
  }
}
