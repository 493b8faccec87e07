import { WORKSPACES, useStore } from './store'
import { toggleTheme } from './theme-actions'

export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform)
const MOD = IS_MAC ? '⌘' : 'Ctrl+'

/** How a shortcut is written in tooltips and in Settings, e.g. "Ctrl+3" or "⌘3". */
export function shortcutLabel(key: string, shift = false): string {
  return IS_MAC ? `${shift ? '⇧' : ''}${MOD}${key}` : `${MOD}${shift ? 'Shift+' : ''}${key}`
}

export const THEME_SHORTCUT = shortcutLabel('L', true)

/** Ctrl/⌘+1..7 switch workspaces; Ctrl/⌘+Shift+L toggles the theme. */
export function installShortcuts(target: Window): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return
    if (e.shiftKey && e.code === 'KeyL') {
      e.preventDefault()
      void toggleTheme()
      return
    }
    if (e.shiftKey) return
    const digit = /^Digit([1-9])$/.exec(e.code)?.[1]
    const workspace = digit === undefined ? undefined : WORKSPACES[Number(digit) - 1]
    if (!workspace) return
    e.preventDefault()
    useStore.getState().setWorkspace(workspace.id)
  }
  target.addEventListener('keydown', onKeyDown)
  return () => target.removeEventListener('keydown', onKeyDown)
}
