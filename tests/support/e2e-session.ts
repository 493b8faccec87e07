import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { launchChromium } from './chromium'
import { startServeProcess, type ServeProcess } from './serve-process'

/** One end-to-end test file's world: a real `quorum serve`, a real Chromium, and one page. */
export interface E2eSession {
  readonly serve: ServeProcess
  readonly browser: Browser
  readonly page: Page
  /** Uncaught errors thrown in the page. */
  readonly pageErrors: string[]
  /** Console errors and warnings (`error: …`, `warning: …`) and uncaught errors (`pageerror: …`), in order. */
  readonly consoleProblems: string[]
}

/**
 * Starts `quorum serve` (with `serveArgs`), launches Chromium and opens a 1600×900 page that
 * records its problems. If Chromium or its page fails to start, what did start is closed before the error passes on.
 */
export async function openE2eSession(options: { readonly serveArgs?: string[]; readonly acceptDownloads?: boolean } = {}): Promise<E2eSession> {
  const serve = await startServeProcess(options.serveArgs)
  let browser: Browser | undefined
  let page: Page
  try {
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, ...(options.acceptDownloads && { acceptDownloads: true }) })
  } catch (e) {
    await browser?.close()
    await serve.stop()
    throw e
  }
  const session: E2eSession = { serve, browser, page, pageErrors: [], consoleProblems: [] }
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') session.consoleProblems.push(`${msg.type()}: ${msg.text()}`)
  })
  page.on('pageerror', (e) => {
    session.pageErrors.push(e.message)
    session.consoleProblems.push(`pageerror: ${e.message}`)
  })
  return session
}

/** Closes the browser, then stops the server, which must exit cleanly (code 0). */
export async function closeE2eSession(session: E2eSession | undefined): Promise<void> {
  if (!session) return
  await session.browser.close()
  expect(await session.serve.stop()).toBe(0)
}
