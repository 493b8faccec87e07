import { LAB_KEYS } from '../../app/shortcuts'
import { useStore } from '../../app/store'
import { runBacktest, runOptimisation } from './run-actions'
import { saveStrategy } from './strategy-actions'

export { LAB_KEYS }

/**
 * Ctrl/⌘+S saves, Ctrl/⌘+Enter runs the backtest, Ctrl/⌘+Shift+Enter optimises, wherever the
 * focus is in the Strategy Lab (the editor binds the same keys for itself first).
 */
export function installLabShortcuts(target: Window): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || useStore.getState().workspace !== 'strategy-lab' || useStore.getState().labConfirm) return
    const mod = e.ctrlKey || e.metaKey
    if (!mod || e.altKey) return
    if (e.code === 'KeyS' && !e.shiftKey) {
      e.preventDefault()
      void saveStrategy()
    } else if (e.key === 'Enter') {
      e.preventDefault()
      void (e.shiftKey ? runOptimisation() : runBacktest())
    }
  }
  target.addEventListener('keydown', onKeyDown)
  return () => target.removeEventListener('keydown', onKeyDown)
}
