import { TIMEFRAMES } from '../../shared/domain'
import { chooseTimeframe } from '../features/chart/chart-actions'
import { deleteSelectedDrawing, undoDrawingChange } from '../features/chart/drawing-actions'
import { WORKSPACES, useStore } from './store'
import { toggleTheme } from './theme-actions'

export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform)
const MOD = IS_MAC ? '⌘' : 'Ctrl+'

/** How a shortcut is written in tooltips and in Settings, e.g. "Ctrl+3" or "⌘3". */
export function shortcutLabel(key: string, shift = false): string {
  return IS_MAC ? `${shift ? '⇧' : ''}${MOD}${key}` : `${MOD}${shift ? 'Shift+' : ''}${key}`
}

export const THEME_SHORTCUT = shortcutLabel('L', true)

/** The chart workspace's keys, as tooltips and Settings write them. */
export const CHART_KEYS = {
  /** 1..8 pick the active chart's timeframe (Alt+1..8 works even while typing in a field). */
  timeframe: (n: number): string => `${n} or ${IS_MAC ? '⌥' : 'Alt+'}${n}`,
  symbolSearch: `${shortcutLabel('K')} or /`,
  indicators: 'I',
  horizontalLine: 'H',
  trendLine: 'T',
  cancel: 'Esc',
  deleteDrawing: IS_MAC ? 'Delete or ⌫' : 'Delete',
  undoDrawing: shortcutLabel('Z'),
} as const

/** Listed in Settings → Keyboard. */
export const CHART_SHORTCUTS: readonly { readonly label: string; readonly keys: string }[] = [
  { label: 'Timeframe 1m…1W', keys: `1…${TIMEFRAMES.length} or ${IS_MAC ? '⌥' : 'Alt+'}1…${TIMEFRAMES.length}` },
  { label: 'Symbol search', keys: CHART_KEYS.symbolSearch },
  { label: 'Indicators', keys: CHART_KEYS.indicators },
  { label: 'Horizontal line', keys: CHART_KEYS.horizontalLine },
  { label: 'Trend line', keys: CHART_KEYS.trendLine },
  { label: 'Cancel tool / deselect', keys: CHART_KEYS.cancel },
  { label: 'Delete drawing', keys: CHART_KEYS.deleteDrawing },
  { label: 'Undo drawing change', keys: CHART_KEYS.undoDrawing },
]

/** The Strategy Lab's keys (bound in features/strategy-lab/lab-shortcuts.ts). */
export const LAB_KEYS = {
  save: shortcutLabel('S'),
  runBacktest: shortcutLabel('Enter'),
  optimise: shortcutLabel('Enter', true),
  nextProblem: 'F8',
} as const

/** Listed in Settings → Keyboard. */
export const LAB_SHORTCUTS: readonly { readonly label: string; readonly keys: string }[] = [
  { label: 'Save the strategy', keys: LAB_KEYS.save },
  { label: 'Run the backtest', keys: LAB_KEYS.runBacktest },
  { label: 'Optimise', keys: LAB_KEYS.optimise },
  { label: 'Next problem in the editor', keys: LAB_KEYS.nextProblem },
]

/** True when the key goes to a text field, a select or an editable element, not to the app. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}

/** The chart workspace's keys; true when the event was one of them. */
function onChartKey(e: KeyboardEvent): boolean {
  const store = useStore.getState()
  const mod = e.ctrlKey || e.metaKey
  if (mod && !e.altKey && !e.shiftKey && e.code === 'KeyK') {
    store.requestSymbolSearch()
    return true
  }
  const digit = /^Digit([1-9])$/.exec(e.code)?.[1]
  const timeframe = digit === undefined ? undefined : TIMEFRAMES[Number(digit) - 1]
  if (timeframe && e.altKey && !mod && !e.shiftKey) {
    void chooseTimeframe(timeframe)
    return true
  }
  if (isTyping(e.target)) return false
  if (mod && !e.altKey && !e.shiftKey && e.code === 'KeyZ') {
    void undoDrawingChange()
    return true
  }
  if (mod || e.altKey) return false
  if (timeframe && !e.shiftKey) {
    void chooseTimeframe(timeframe)
    return true
  }
  switch (e.key) {
    case '/':
      store.requestSymbolSearch()
      return true
    case 'i':
    case 'I':
      store.setIndicatorPickerOpen(!store.indicatorPickerOpen)
      return true
    case 'h':
    case 'H':
      store.setDrawingTool(store.drawingTool === 'horizontal-line' ? 'none' : 'horizontal-line')
      return true
    case 't':
    case 'T':
      store.setDrawingTool(store.drawingTool === 'trend-line' ? 'none' : 'trend-line')
      return true
    case 'Escape':
      if (store.indicatorPickerOpen) store.setIndicatorPickerOpen(false)
      else if (store.drawingTool !== 'none') store.setDrawingTool('none')
      else if (store.selectedDrawingId !== null) store.selectDrawing(null)
      else return false
      return true
    case 'Delete':
    case 'Backspace':
      if (store.selectedDrawingId === null) return false
      void deleteSelectedDrawing()
      return true
    default:
      return false
  }
}

/**
 * Ctrl/⌘+1..7 switch workspaces; Ctrl/⌘+Shift+L toggles the theme. In the chart workspace also
 * the keys of CHART_SHORTCUTS (plain letters and digits only while no text field has the focus).
 */
export function installShortcuts(target: Window): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented) return
    if ((e.ctrlKey || e.metaKey) && !e.altKey) {
      if (e.shiftKey && e.code === 'KeyL') {
        e.preventDefault()
        void toggleTheme()
        return
      }
      const digit = e.shiftKey ? undefined : /^Digit([1-9])$/.exec(e.code)?.[1]
      const workspace = digit === undefined ? undefined : WORKSPACES[Number(digit) - 1]
      if (workspace) {
        e.preventDefault()
        useStore.getState().setWorkspace(workspace.id)
        return
      }
    }
    if (useStore.getState().workspace === 'chart' && onChartKey(e)) e.preventDefault()
  }
  target.addEventListener('keydown', onKeyDown)
  return () => target.removeEventListener('keydown', onKeyDown)
}
