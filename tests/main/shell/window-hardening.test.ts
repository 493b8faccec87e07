import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HardenableContents, HardenableSession } from '../../../src/main/shell/security'
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../../src/shared/security'
import { hardenContents, hardenSession, isTrustedSender } from '../../../src/main/shell/security'
import { mainWindowOptions } from '../../../src/main/shell/window-options'

describe('main window options', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences ?? {}

  it('isolates the renderer context and sandboxes it', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
  })

  it('gives the renderer no Node, in the page, workers or subframes', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.preload).toBe('/app/out/preload/index.cjs')
  })
})

describe('content security policy', () => {
  it('is the same in the page meta tag as in the headers, less frame-ancestors', () => {
    const html = readFileSync(join(process.cwd(), 'src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    const { 'frame-ancestors': _ignoredInMeta, ...rest } = CSP_DIRECTIVES
    expect(meta?.split(';').map((d) => d.trim()).filter(Boolean).sort()).toEqual(Object.entries(rest).map(([k, v]) => `${k} ${v}`).sort())
  })

  it('allows only the app itself to run scripts, load styles and connect', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]))
    expect(directives['default-src']).toBe("'self'")
    expect(directives['script-src']).toBe("'self'")
    expect(directives['style-src']).toBe("'self'")
    expect(directives['connect-src']).toBe("'self'")
    expect(directives['object-src']).toBe("'none'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe')
  })
})

/** Records what hardening registers, as Electron's objects would receive it. */
function recordingContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
  let openHandler: ((d: { url: string }) => { action: string }) | null = null
  const contents = {
    on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, listener),
    setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => {
      openHandler = h
    },
  } as unknown as HardenableContents
  return { contents, listeners, open: (url: string) => openHandler?.({ url }) }
}

function prevented(listener: ((event: { preventDefault(): void }, url?: string) => void) | undefined, url: string): boolean {
  let was = false
  listener?.({ preventDefault: () => (was = true) }, url)
  return was
}

describe('web contents hardening', () => {
  it('denies navigation, redirects, webviews and new windows', () => {
    const { contents, listeners, open } = recordingContents()
    hardenContents(contents, () => undefined)
    expect(prevented(listeners.get('will-navigate'), 'https://example.com')).toBe(true)
    expect(prevented(listeners.get('will-redirect'), 'https://example.com')).toBe(true)
    expect(prevented(listeners.get('will-attach-webview'), '')).toBe(true)
    expect(open('https://example.com')).toEqual({ action: 'deny' })
  })

  it('opens https links in the system browser and nothing else', () => {
    const { contents, listeners, open } = recordingContents()
    const opened: string[] = []
    hardenContents(contents, (url) => opened.push(url))
    open('https://www.tradingview.com/')
    open('file:///etc/passwd')
    open('javascript:alert(1)')
    prevented(listeners.get('will-navigate'), 'https://example.com/docs')
    prevented(listeners.get('will-navigate'), 'http://example.com/')
    expect(opened).toEqual(['https://www.tradingview.com/', 'https://example.com/docs'])
  })

  it('denies every permission request and check, and sets the CSP header', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null
    let check: ((wc: unknown, p: string) => boolean) | null = null
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void) | null = null
    const session: HardenableSession = {
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      webRequest: { onHeadersReceived: (l) => (headers = l) },
    }
    hardenSession(session)
    const granted: boolean[] = []
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) request!(null, p, (g) => granted.push(g))
    expect(granted).toEqual([false, false, false, false])
    expect(check!(null, 'media')).toBe(false)
    let out: Record<string, string[]> | undefined
    headers!({ responseHeaders: { 'X-A': ['1'] } }, (r) => (out = r.responseHeaders))
    expect(out?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(out?.['X-A']).toEqual(['1'])
  })
})

describe('trusted sender', () => {
  const index = '/opt/quorum/out/renderer/index.html'

  it('trusts only the bundled page', () => {
    expect(isTrustedSender('file:///opt/quorum/out/renderer/index.html', index, undefined)).toBe(true)
    expect(isTrustedSender('file:///tmp/evil.html', index, undefined)).toBe(false)
    expect(isTrustedSender('https://example.com/', index, undefined)).toBe(false)
    expect(isTrustedSender(undefined, index, undefined)).toBe(false)
    expect(isTrustedSender('not a url', index, undefined)).toBe(false)
  })

  it('trusts the dev server origin in development only', () => {
    expect(isTrustedSender('http://localhost:5173/', index, 'http://localhost:5173')).toBe(true)
    expect(isTrustedSender('http://localhost:5174/', index, 'http://localhost:5173')).toBe(false)
  })
})
