import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { E2E_OUTPUT_DIR as OUTPUT_DIR } from '../support/chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeE2eSession, openE2eSession, type E2eSession } from '../support/e2e-session'
import type { ServeProcess } from '../support/serve-process'

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'import')

let serve: ServeProcess
let session: E2eSession | undefined
let page: Page

beforeAll(async () => {
  // An empty store: the Data workspace starts with nothing, as on a trader's first import.
  session = await openE2eSession({ serveArgs: ['--no-demo'] })
  serve = session.serve
  page = session.page
}, 90_000)

afterAll(async () => {
  await closeE2eSession(session)
})

describe('the Data workspace in Chromium against quorum serve', () => {
  it('previews picked files, imports them, reports the rejected lines, and deletes with a confirm step', async () => {
    await page.goto(serve.url)
    await page.getByRole('button', { name: 'Data' }).click()
    const table = page.getByTestId('data-instruments-table')
    await expect.poll(() => table.textContent(), { timeout: 30_000 }).toContain('No instruments yet')

    await page.getByTestId('data-import-input').setInputFiles([join(FIXTURES, 'yahoo-acme.csv'), join(FIXTURES, 'bad-lines.csv')])
    const files = page.getByTestId('data-import-file')
    await expect.poll(() => files.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state'))), { timeout: 30_000 }).toEqual(['ok', 'warn'])
    await files.nth(1).click()
    await expect.poll(() => page.getByTestId('data-import-preview').getAttribute('data-format')).toBe('generic')
    await page.screenshot({ path: join(OUTPUT_DIR, 'data-preview.png') })

    await page.getByTestId('data-import-run').click()
    const report = page.getByTestId('data-import-report')
    await expect.poll(() => report.getAttribute('data-imported'), { timeout: 30_000 }).toBe('1')
    expect(await report.getAttribute('data-rejected')).toBe('1')
    const rejected = await page.getByTestId('data-import-rejected-line').allTextContents()
    expect(rejected).toContain('bad-lines.csv:5: close: "abc" is not a number')
    await page.screenshot({ path: join(OUTPUT_DIR, 'data-report.png') })

    // The imported instrument is listed with its coverage.
    const acme = page.locator('[data-testid=data-instrument-row][data-symbol=ACME]')
    await expect.poll(() => acme.count(), { timeout: 10_000 }).toBe(1)
    await acme.click()
    await expect.poll(() => page.getByTestId('data-coverage-row').getAttribute('data-timeframe')).toBe('1D')

    // The rejected file stays listed; with Skip bad lines it goes in.
    await page.getByTestId('data-import-skip-bad').check()
    await expect.poll(() => files.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')))).toEqual(['warn'])
    await page.getByTestId('data-import-run').click()
    await expect.poll(() => report.getAttribute('data-imported'), { timeout: 30_000 }).toBe('1')
    await expect.poll(() => page.locator('[data-testid=data-instrument-row][data-symbol=BAD]').count()).toBe(1)

    // Deleting asks first; Keep changes nothing, Delete removes the instrument.
    await acme.getByTestId('data-delete-instrument').click()
    await page.getByTestId('data-confirm-keep').click()
    expect(await acme.count()).toBe(1)
    await acme.getByTestId('data-delete-instrument').click()
    await page.getByTestId('data-confirm-delete').click()
    await expect.poll(() => acme.count(), { timeout: 10_000 }).toBe(0)
    expect(session?.pageErrors).toEqual([])
  }, 120_000)
})
