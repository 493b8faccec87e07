import type { InstrumentId, Timeframe } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'

/** Shows the instrument and remembers it for the next start. */
export async function chooseInstrument(instrumentId: InstrumentId): Promise<void> {
  useStore.getState().selectInstrument(instrumentId)
  const result = await quorum.settings.update({ lastInstrumentId: instrumentId })
  if (!result.ok) useStore.getState().reportError('Saving the selected instrument', result.error)
}

/** Shows the timeframe and remembers it for the next start. */
export async function chooseTimeframe(timeframe: Timeframe): Promise<void> {
  useStore.getState().selectTimeframe(timeframe)
  const result = await quorum.settings.update({ lastTimeframe: timeframe })
  if (!result.ok) useStore.getState().reportError(`Saving the ${timeframe} timeframe`, result.error)
}
