import type { Settings } from '../../shared/contract'
import { getConnectionState, onConnectionState, quorum, transportKind } from '../bridge'
import { useStore } from './store'

/**
 * Connects the store to the engine: reads info, status, settings and instruments, follows the
 * 'status' and 'settings' events and the transport's connection state. Returns a disposer.
 */
export function startSession(): () => void {
  const store = useStore.getState()
  store.setConnection(transportKind, getConnectionState())

  let wasOpen = getConnectionState() === 'open'
  const offConnection = onConnectionState((state) => {
    useStore.getState().setConnection(transportKind, state)
    // Events sent while the socket was down are lost: read the current state again.
    if (state === 'open' && !wasOpen) void refreshAfterReconnect()
    wasOpen = state === 'open'
  })

  const offStatus = quorum.on('status', (status) => {
    const previous = useStore.getState().status
    useStore.getState().setStatus(status)
    // The demo market is generated on first start: list the instruments once it is ready.
    if (status.data === 'ready' && previous?.data !== 'ready') void loadInstruments()
  })

  const offSettings = quorum.on('settings', (settings) => useStore.getState().setTheme(settings.theme))

  void loadAppInfo()
  void loadStatus()
  void loadSettings()
  void loadInstruments()

  return () => {
    offConnection()
    offStatus()
    offSettings()
  }
}

async function loadAppInfo(): Promise<void> {
  const result = await quorum.app.info({})
  if (result.ok) useStore.getState().setAppInfo(result.value)
  else useStore.getState().reportError('Reading the application info', result.error)
}

async function loadStatus(): Promise<void> {
  const result = await quorum.app.status({})
  if (result.ok) useStore.getState().setStatus(result.value)
  else useStore.getState().reportError('Reading the engine status', result.error)
}

async function loadSettings(): Promise<void> {
  const result = await quorum.settings.get({})
  const store = useStore.getState()
  if (!result.ok) {
    store.reportError('Reading your settings', result.error)
    // Go on with the defaults rather than leave the chart waiting for a selection forever.
    if (!store.selectionRestored) store.restoreSelection(null, store.timeframe)
    return
  }
  applySettings(result.value)
}

function applySettings(settings: Settings): void {
  const store = useStore.getState()
  store.setTheme(settings.theme)
  if (!store.selectionRestored) store.restoreSelection(settings.lastInstrumentId, settings.lastTimeframe)
}

export async function loadInstruments(): Promise<void> {
  const result = await quorum.instruments.list({})
  if (result.ok) useStore.getState().setInstruments(result.value)
  else useStore.getState().reportError('Listing the instruments', result.error)
}

async function refreshAfterReconnect(): Promise<void> {
  await Promise.all([loadStatus(), loadInstruments(), loadAppInfo()])
}
