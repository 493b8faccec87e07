import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { E2E_OUTPUT_DIR as OUTPUT_DIR } from '../support/chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChartLayout, ComputedIndicator, Drawing } from '../../src/shared/contract'
import type { Instrument } from '../../src/shared/domain'
import { closeE2eSession, openE2eSession, type E2eSession } from '../support/e2e-session'
import type { ServeProcess } from '../support/serve-process'
import { connectClient, type TestClient } from '../support/ws-client'


let serve: ServeProcess
let session: E2eSession | undefined
let page: Page
let client: TestClient
let instrument: Instrument

beforeAll(async () => {
  session = await openE2eSession()
  serve = session.serve
  page = session.page
  client = await connectClient(serve.origin, serve.token)
}, 90_000)

afterAll(async () => {
  client?.close()
  await closeE2eSession(session)
})

async function value<T>(method: string, request: unknown): Promise<T> {
  const result = await client.call<T>(method, request)
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`)
  return result.value
}

const chart = (): Locator => page.getByTestId('chart')

async function waitReady(testId = 'chart'): Promise<void> {
  await expect.poll(() => page.getByTestId(testId).getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
}

/** Adds an indicator from the Indicators list, searching for it by name. */
async function addIndicator(name: string): Promise<void> {
  await page.getByTestId('indicator-button').click()
  await page.getByTestId('indicator-search').fill(name)
  await page.getByTestId(`indicator-option-${name}`).click()
  await expect.poll(() => page.getByTestId(`indicator-legend-${name}`).count()).toBe(1)
}

/** The exact value the legend shows for an indicator output (its `data-value`). */
async function legendValue(name: string, output: string): Promise<number> {
  const raw = await page.getByTestId(`indicator-legend-${name}`).locator(`[data-output="${output}"]`).getAttribute('data-value')
  return raw === null || raw === '' ? NaN : Number(raw)
}

// Each step waits on a real engine and browser; a busy machine can make one slow.
describe('the chart workspace in Chromium against quorum serve', { timeout: 90_000 }, () => {
  it('opens the demo market and lists the instruments in the symbol search', async () => {
    await page.goto(serve.url)
    await waitReady()
    const instruments = await value<Instrument[]>('instruments.list', {})
    instrument = instruments.find((i) => i.symbol === 'DEMO-ALPHA') ?? instruments[0]!
    await page.keyboard.press('Control+k')
    await expect.poll(() => page.getByTestId('instrument-picker').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    await page.keyboard.type(instrument.symbol.slice(-4).toLowerCase())
    await expect(page.getByTestId(`instrument-option-${instrument.symbol}`).isVisible()).resolves.toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => chart().getAttribute('data-symbol')).toBe(instrument.symbol)
    await waitReady()
  })

  it('adds RSI and an SMA with a changed period; the legend shows the engine’s values', async () => {
    await addIndicator('RSI')
    await addIndicator('SMA')
    await page.getByTestId('indicator-legend-SMA').hover()
    await page.getByTestId('indicator-edit-SMA').click()
    await page.getByTestId('indicator-param-period').fill('20')
    await page.getByTestId('indicator-apply').click()
    await expect.poll(() => page.getByTestId('indicator-legend-SMA').getAttribute('data-params')).toBe('20')
    await expect.poll(() => page.getByTestId('indicator-legend-RSI').getAttribute('data-params')).toBe('14')

    // Off the bars the legend shows the latest values: the engine's, computed over the full history.
    await page.mouse.move(5, 5)
    const timeframe = (await chart().getAttribute('data-timeframe')) ?? '1D'
    const compute = (name: string, params: Record<string, number>) =>
      value<ComputedIndicator>('indicators.compute', { instrumentId: instrument.id, timeframe, name, params, limit: 1 })
    const rsi = await compute('RSI', { period: 14 })
    const sma = await compute('SMA', { period: 20 })
    await expect.poll(() => legendValue('RSI', 'real'), { timeout: 10_000 }).toBe(rsi.outputs.real![0])
    await expect.poll(() => legendValue('SMA', 'real'), { timeout: 10_000 }).toBe(sma.outputs.real![0])
    expect(await page.getByTestId('indicator-legend-SMA').textContent()).toContain(sma.outputs.real![0]!.toFixed(2))
    await page.screenshot({ path: join(OUTPUT_DIR, 'chart-indicators.png') })
  })

  it('switches the active chart to Heikin-Ashi', async () => {
    await page.getByTestId('chart-type-heikin-ashi').click()
    await expect.poll(() => chart().getAttribute('data-chart-type')).toBe('heikin-ashi')
    expect(await page.getByTestId('chart-type-heikin-ashi').getAttribute('aria-checked')).toBe('true')
    await page.screenshot({ path: join(OUTPUT_DIR, 'chart-heikin-ashi.png') })
  })

  it('draws a horizontal line where the trader clicks and keeps it across a reload', async () => {
    await page.keyboard.press('h')
    expect(await page.getByTestId('tool-hline').getAttribute('aria-pressed')).toBe('true')
    const box = (await chart().boundingBox())!
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.3)
    await expect.poll(() => chart().getAttribute('data-drawings')).toBe('1')
    expect(await page.getByTestId('tool-hline').getAttribute('aria-pressed')).toBe('false')
    const stored = await value<Drawing[]>('charts.listDrawings', { instrumentId: instrument.id })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ kind: 'horizontal-line', instrumentId: instrument.id })
  })

  it('shows two charts side by side and keeps the layout across a reload', async () => {
    await page.getByTestId('layout-2').click()
    await waitReady('chart-2')
    // The layout is saved shortly after the change.
    await expect.poll(async () => (await value<ChartLayout>('charts.getLayout', { id: 'main' })).grid, { timeout: 10_000 }).toBe('2')
    await page.reload()
    await waitReady()
    await waitReady('chart-2')
    expect(await page.getByTestId('layout-2').getAttribute('aria-checked')).toBe('true')
    expect(await chart().getAttribute('data-chart-type')).toBe('heikin-ashi')
    await expect.poll(() => page.getByTestId('indicator-legend-SMA').getAttribute('data-params')).toBe('20')
    // The line belongs to the instrument: both charts of it show it.
    await expect.poll(() => chart().getAttribute('data-drawings')).toBe('1')
    await expect.poll(() => page.getByTestId('chart-2').getAttribute('data-drawings')).toBe('1')
    await page.screenshot({ path: join(OUTPUT_DIR, 'chart-two-charts.png') })
  })

  it('updates the last bar in place from the live feed', async () => {
    // Daily bars only form during a session; one-minute bars form whenever the demo feed ticks.
    await page.mouse.move(5, 5)
    await page.keyboard.press('1')
    await expect.poll(() => chart().getAttribute('data-timeframe')).toBe('1m')
    await waitReady()
    await expect.poll(() => chart().getAttribute('data-live'), { timeout: 15_000 }).toBe('live')
    expect(await page.getByTestId('chart-cell-1').getByTestId('live-badge').isVisible()).toBe(true)
    // The first live batch appends today's forming bar after the stored history; then it updates in place.
    const stored = Number(await chart().getAttribute('data-bar-count'))
    await expect.poll(async () => Number(await chart().getAttribute('data-bar-count')), { timeout: 15_000 }).toBeGreaterThan(stored)
    const countBefore = Number(await chart().getAttribute('data-bar-count'))
    const closeBefore = await chart().getAttribute('data-last-close')
    await expect.poll(() => chart().getAttribute('data-last-close'), { timeout: 20_000 }).not.toBe(closeBefore)
    const countAfter = Number(await chart().getAttribute('data-bar-count'))
    expect(countAfter - countBefore).toBeGreaterThanOrEqual(0)
    expect(countAfter - countBefore).toBeLessThanOrEqual(1)
    await page.screenshot({ path: join(OUTPUT_DIR, 'chart-live-1m.png') })
  })

  it('shows the same workspace in the light theme', async () => {
    await page.keyboard.press('Control+Shift+L')
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light')
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(OUTPUT_DIR, 'chart-two-charts-light.png') })
    await page.keyboard.press('Control+Shift+L')
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark')
  })

  it('logged no errors, warnings or CSP violations in the page, and showed no engine error', async () => {
    expect(session?.consoleProblems).toEqual([])
    expect(await page.getByTestId('error-message').allTextContents()).toEqual([])
  })
})
