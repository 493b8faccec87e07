import { CONTENT_SECURITY_POLICY } from '../../shared/security'

/** The parts of Electron's Session that hardening touches (structural, so a test can check it). */
export interface HardenableSession {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void
  }
}

/** The parts of Electron's WebContents that hardening touches. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/** Denies every permission (camera, notifications, …) and adds the CSP to every response. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

/**
 * No navigation away from the app, no new windows, no webviews. A link to an https page (a
 * notice, documentation) opens in the trader's own browser instead, never inside the app.
 */
export function hardenContents(contents: HardenableContents, openExternal: (url: string) => void): void {
  const openIfWeb = (url: string): void => {
    if (isWebUrl(url)) openExternal(url)
  }
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    openIfWeb(url)
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openIfWeb(url)
    return { action: 'deny' }
  })
}

function isWebUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Only the app's own page may call the engine: the bundled index.html (file:) or, in
 * development, the electron-vite dev server's origin.
 */
export function isTrustedSender(frameUrl: string | undefined, rendererIndexFile: string, devServerUrl: string | undefined): boolean {
  if (!frameUrl) return false
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  if (devServerUrl) return url.origin === new URL(devServerUrl).origin
  if (url.protocol !== 'file:') return false
  return decodeURIComponent(url.pathname).replace(/^\/([A-Za-z]:)/, '$1') === rendererIndexFile.replaceAll('\\', '/')
}
