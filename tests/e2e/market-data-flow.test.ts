import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { E2E_OUTPUT_DIR as OUTPUT_DIR } from '../support/chromium'
import { closeE2eSession, openE2eSession, type E2eSession } from '../support/e2e-session'
import type { ServeProcess } from '../support/serve-process'
import { writeYahooFile } from '../support/yahoo-file'

let serve: ServeProcess
let session: E2eSession | undefined
let page: Page
const chart = () => page.getByTestId('chart')

async function openOnChart(symbol: string): Promise<void> {
  await page.getByTestId('instrument-picker').click()
  await page.getByTestId('instrument-picker').fill(symbol)
  await page.getByTestId(`instrument-option-${symbol}`).click()
  await expect.poll(() => chart().getAttribute('data-symbol'), { timeout: 15_000 }).toBe(symbol)
  await expect.poll(() => chart().getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
}

beforeAll(async () => {
  session = await openE2eSession()
  serve = session.serve
  page = session.page
}, 90_000)

afterAll(async () => {
  await closeE2eSession(session)
})

// The trader's path through market data, in one session: import a file, chart it, add an
// indicator, then watch a live bar form.
describe('import → chart → indicator → live, in Chromium against quorum serve', { timeout: 90_000 }, () => {
  it('imports a Yahoo download from the Data workspace', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quorum-flow-')), 'FLOW.csv')
    writeYahooFile(file, 300, 77)
    await page.goto(serve.url)
    await page.getByTestId('nav-data').click()
    await page.getByTestId('data-import-input').setInputFiles([file])
    await page.getByTestId('data-import-run').click()
    await expect.poll(() => page.getByTestId('data-import-report').getAttribute('data-imported'), { timeout: 30_000 }).toBe('1')
  })

  it('charts every imported bar', async () => {
    await page.getByTestId('nav-chart').click()
    await openOnChart('FLOW')
    expect(await chart().getAttribute('data-timeframe')).toBe('1D')
    expect(Number(await chart().getAttribute('data-bar-count'))).toBe(300)
  })

  it('adds an indicator computed over the imported bars', async () => {
    await page.getByTestId('indicator-button').click()
    await page.getByTestId('indicator-search').fill('BBANDS')
    await page.getByTestId('indicator-option-BBANDS').click()
    const legend = page.getByTestId('indicator-legend-BBANDS')
    await expect.poll(() => legend.locator('[data-output="middleBand"]').getAttribute('data-value'), { timeout: 15_000 }).toMatch(/^\d+(\.\d+)?$/)
    await page.screenshot({ path: join(OUTPUT_DIR, 'flow-imported-with-indicator.png') })
  })

  it('updates the last bar in place from the live demo feed', async () => {
    await openOnChart('DEMO-ALPHA')
    await page.getByTestId('tf-1m').click()
    await expect.poll(() => chart().getAttribute('data-timeframe')).toBe('1m')
    await expect.poll(() => chart().getAttribute('data-live'), { timeout: 15_000 }).toBe('live')
    const before = await chart().getAttribute('data-last-close')
    await expect.poll(() => chart().getAttribute('data-last-close'), { timeout: 20_000 }).not.toBe(before)
    await page.screenshot({ path: join(OUTPUT_DIR, 'flow-live.png') })
    expect(session?.pageErrors).toEqual([])
  })
})
