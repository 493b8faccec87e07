import type { ChartLayout } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { quorum } from '../../bridge'

/** The layout this window saves under. */
export const MAIN_LAYOUT_ID = 'main'
/** Layout changes come in bursts (a grid change, a few indicator edits): save once they settle. */
const SAVE_DELAY_MS = 400

/**
 * Restores the chart layout from the engine and saves it back, debounced, whenever it changes.
 * The settings' lastInstrumentId / lastTimeframe follow the active chart, for older readers of
 * them. Returns a disposer (which saves what is pending).
 */
export function startChartPersistence(target: Window): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let saved: ChartLayout | null = null
  let savedSelection = ''
  let disposed = false

  const save = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    const s = useStore.getState()
    if (!s.layoutRestored) return
    const layout = s.layout
    if (layout !== saved) {
      saved = layout
      void quorum.charts.saveLayout({ id: MAIN_LAYOUT_ID, layout }).then((result) => {
        if (!result.ok) useStore.getState().reportError('Saving the chart layout', result.error)
      })
    }
    const selection = `${s.instrumentId ?? ''}|${s.timeframe}`
    if (s.instrumentId !== null && selection !== savedSelection) {
      savedSelection = selection
      void quorum.settings.update({ lastInstrumentId: s.instrumentId, lastTimeframe: s.timeframe }).then((result) => {
        if (!result.ok) useStore.getState().reportError('Saving the selected instrument and timeframe', result.error)
      })
    }
  }

  const unsubscribe = useStore.subscribe((s, prev) => {
    if (!s.layoutRestored) return
    if (s.layout === prev.layout && s.instrumentId === prev.instrumentId && s.timeframe === prev.timeframe) return
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(save, SAVE_DELAY_MS)
  })

  void quorum.charts.getLayout({ id: MAIN_LAYOUT_ID }).then((result) => {
    if (disposed) return
    const store = useStore.getState()
    if (result.ok) {
      saved = result.value
      store.restoreLayout(result.value)
      const s = useStore.getState()
      savedSelection = `${s.instrumentId ?? ''}|${s.timeframe}`
      if (s.layout !== result.value) saved = null
    } else {
      store.reportError('Reading the chart layout', result.error)
      // Go on with what the settings remembered rather than leave the charts waiting.
      store.restoreLayout(store.layout)
    }
  })

  // A reload or a closed tab: save now rather than lose the last change to the debounce.
  const onPageHide = (): void => {
    if (timer !== null) save()
  }
  target.addEventListener('pagehide', onPageHide)

  return () => {
    disposed = true
    unsubscribe()
    target.removeEventListener('pagehide', onPageHide)
    if (timer !== null) save()
  }
}
