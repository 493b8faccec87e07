import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { E2E_OUTPUT_DIR as OUTPUT_DIR } from '../support/chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../../package.json'
import type { Instrument } from '../../src/shared/domain'
import type { LoadedBars } from '../../src/shared/contract'
import { closeE2eSession, openE2eSession, type E2eSession } from '../support/e2e-session'
import type { ServeProcess } from '../support/serve-process'
import { connectClient } from '../support/ws-client'


let serve: ServeProcess
let session: E2eSession | undefined
let page: Page

beforeAll(async () => {
  session = await openE2eSession()
  serve = session.serve
  page = session.page
}, 90_000)

afterAll(async () => {
  await closeE2eSession(session)
})

describe('the app in Chromium against quorum serve', () => {
  it('draws the demo market as candles with volume', async () => {
    await page.goto(serve.url)
    const chart = page.getByTestId('chart')
    await expect.poll(() => chart.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    expect(await chart.getAttribute('data-symbol')).toMatch(/^DEMO-/)
    expect(Number(await chart.getAttribute('data-bar-count'))).toBeGreaterThan(500)

    // The candles on screen are the engine's bars: compare the last close with what the engine serves.
    const client = await connectClient(serve.origin, serve.token)
    const instruments = await client.call<Instrument[]>('instruments.list', {})
    const symbol = await chart.getAttribute('data-symbol')
    const shown = instruments.ok ? instruments.value.find((i) => i.symbol === symbol) : undefined
    expect(shown?.isDemo).toBe(true)
    const loaded = await client.call<LoadedBars>('bars.load', { instrumentId: shown!.id, timeframe: (await chart.getAttribute('data-timeframe')) ?? '1D', limit: 1 })
    client.close()
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    expect(Number(await chart.getAttribute('data-last-close'))).toBe(loaded.value.bars.close[0])

    // Something other than the background is painted on the chart's canvases.
    const png = await chart.screenshot()
    expect(await distinctColours(page, png)).toBeGreaterThan(8)
    await page.screenshot({ path: join(OUTPUT_DIR, 'chart-dark.png') })
  })

  it('round-trips contract calls: the status bar shows the engine version and state', async () => {
    await expect.poll(() => page.getByTestId('app-version').textContent(), { timeout: 10_000 }).toContain(packageJson.version)
    expect((await page.getByTestId('status-engine').textContent())?.toLowerCase()).toContain('ready')
    expect((await page.getByTestId('status-transport').textContent())?.toLowerCase()).toContain('websocket')
  })

  it('switches to an hourly chart resampled by the native kernel', async () => {
    await page.getByTestId('tf-1h').click()
    const chart = page.getByTestId('chart')
    await expect.poll(() => chart.getAttribute('data-timeframe'), { timeout: 10_000 }).toBe('1h')
    await expect.poll(() => chart.getAttribute('data-state'), { timeout: 10_000 }).toBe('ready')
    expect(Number(await chart.getAttribute('data-bar-count'))).toBeGreaterThan(50)
  })

  it('switches to the light theme and keeps it after a reload', async () => {
    await page.getByTestId('theme-toggle').first().click()
    await page.reload()
    await expect.poll(() => page.getByTestId('chart').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    await expect.poll(() => page.locator('html').getAttribute('data-theme'), { timeout: 10_000 }).toBe('light')
    await page.screenshot({ path: join(OUTPUT_DIR, 'chart-light.png') })
  })

  it('logged no errors, warnings or CSP violations in the page', () => {
    expect(session?.consoleProblems).toEqual([])
  })
})

describe('quorum serve access control', () => {
  it('refuses the page without the token', async () => {
    expect((await fetch(`${serve.origin}/`)).status).toBe(403)
    expect((await fetch(`${serve.origin}/?token=wrong`)).status).toBe(403)
  })

  it('refuses a WebSocket with a wrong token', async () => {
    await expect(connectClient(serve.origin, 'wrong')).rejects.toThrow('403')
  })

  it('refuses a WebSocket from a foreign origin even with the right token', async () => {
    await expect(connectClient(serve.origin, serve.token, { Origin: 'http://evil.example' })).rejects.toThrow('403')
  })

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(serve.url).hostname).toBe('127.0.0.1')
  })
})

/**
 * Counts distinct colours in a PNG by drawing it in the page (no image library needed). The
 * script is a string: it runs in the browser, whose DOM types this Node test does not load.
 */
async function distinctColours(p: Page, png: Buffer): Promise<number> {
  return p.evaluate(`(async () => {
    const img = new Image()
    img.src = 'data:image/png;base64,${png.toString('base64')}'
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.width
    canvas.height = img.height
    const ctx = canvas.getContext('2d')
    ctx.drawImage(img, 0, 0)
    const data = ctx.getImageData(0, 0, img.width, img.height).data
    const seen = new Set()
    for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
    return seen.size
  })()`)
}
