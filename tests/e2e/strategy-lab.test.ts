import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { E2E_OUTPUT_DIR as OUTPUT_DIR } from '../support/chromium'
import { closeE2eSession, openE2eSession, type E2eSession } from '../support/e2e-session'
import type { ServeProcess } from '../support/serve-process'

/**
 * The Strategy Lab in real Chromium against `quorum serve` with its demo market: a built-in
 * copied and edited, errors shown inline from the engine, then a backtest, an optimisation,
 * a walk-forward analysis and a Monte Carlo simulation on DEMO-ALPHA daily bars, two runs
 * compared, a report exported, a draft kept across a reload, and a long job cancelled.
 * The steps share one page and run in order; each is its own test so one failing engine
 * feature does not hide the others.
 */

let serve: ServeProcess
let session: E2eSession | undefined
let page: Page

const SLOW = 120_000

beforeAll(async () => {
  session = await openE2eSession({ acceptDownloads: true })
  serve = session.serve
  page = session.page
}, 90_000)

afterAll(async () => {
  await closeE2eSession(session)
})

const byTestId = (id: string): Locator => page.getByTestId(id)
const results = (): Locator => byTestId('lab-results')
const checkStatus = (): Locator => byTestId('lab-check-status')
/** CodeMirror's content, inside the editor's shadow root (Playwright's locators go through it). */
const editorContent = (): Locator => byTestId('lab-editor').locator('.cm-content')

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(OUTPUT_DIR, name) })
}

async function waitForResult(kind: string, timeout = 60_000): Promise<void> {
  await expect.poll(() => results().getAttribute('data-kind'), { timeout }).toBe(kind)
}

/** The engine's answer for the text in the editor: `ok` or `errors` (not `checking`). */
async function checked(): Promise<string | null> {
  await expect.poll(() => checkStatus().getAttribute('data-state'), { timeout: 15_000 }).not.toBe('checking')
  return checkStatus().getAttribute('data-state')
}

/** The job's outcome: the kind of result shown, or its failure as the Lab reports it. */
async function outcome(kind: string): Promise<string> {
  const notice = page.locator(`[data-testid=lab-job-notice][data-kind=${kind}][data-tone=bad]`)
  if ((await notice.count()) > 0) return `failed: ${await notice.textContent()}`
  return (await results().getAttribute('data-kind')) ?? ''
}

/** Starts a job and waits for its result; a failure fails the test with the engine's message. */
async function runJob(button: string, kind: string, resultKind: string, timeout = 90_000): Promise<void> {
  await byTestId(button).click()
  await expect.poll(() => outcome(kind), { timeout }).toSatisfy((v: string) => v === resultKind || v.startsWith('failed'))
  const ended = await outcome(kind)
  if (ended !== resultKind) await shot(`strategy-lab-failed-${kind}.png`)
  expect(ended).toBe(resultKind)
}

async function setNumber(testId: string, value: string): Promise<void> {
  const field = byTestId(testId)
  await field.fill(value)
  await field.blur()
  await expect.poll(() => field.inputValue()).toBe(value)
}

describe('the Strategy Lab in Chromium against quorum serve', () => {
  it('copies the built-in MA crossover, shows an error inline as it is typed, and saves the fix', async () => {
    await page.goto(serve.url)
    await byTestId('nav-strategy-lab').click()
    const builtin = page.locator('[data-testid=lab-builtin][data-builtin-id=ma-crossover]')
    await expect.poll(() => builtin.count(), { timeout: 30_000 }).toBe(1)
    await builtin.locator('.lab-list__main').click()
    await expect.poll(() => byTestId('lab-editor').getAttribute('data-readonly')).toBe('true')
    await expect.poll(() => editorContent().textContent()).toContain('strategy "MA crossover"')
    expect(await checked()).toBe('ok')

    await builtin.getByTestId('lab-builtin-copy').click()
    const saved = page.locator('[data-testid=lab-strategy][data-name="MA crossover"]')
    await expect.poll(() => saved.count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => byTestId('lab-editor').getAttribute('data-readonly')).toBe('false')
    expect(await checked()).toBe('ok')
    expect(await checkStatus().getAttribute('data-errors')).toBe('0')
    await expect.poll(() => page.locator('[data-testid=lab-param]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-param')))).toEqual(['fast', 'slow'])

    // A misspelt indicator: the engine's diagnostic appears under it, with the count in the header.
    await editorContent().click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('let bad = smaa(close, 5)')
    await expect.poll(() => checkStatus().getAttribute('data-errors'), { timeout: 15_000 }).toBe('1')
    expect(await checkStatus().textContent()).toContain('1 error')
    const underline = byTestId('lab-editor').locator('.cm-lintRange-error')
    await expect.poll(() => underline.count()).toBeGreaterThan(0)
    expect(await underline.first().textContent()).toContain('smaa')
    await underline.first().hover()
    const tooltip = byTestId('lab-editor').locator('.cm-tooltip-lint')
    await expect.poll(() => tooltip.count(), { timeout: 5_000 }).toBe(1)
    expect(await tooltip.textContent()).toContain('smaa')
    expect(await byTestId('lab-saved-state').getAttribute('data-dirty')).toBe('true')
    await shot('strategy-lab-diagnostic.png')

    // The fix: the indicator's real name; the line is then clean.
    await editorContent().click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Home')
    await page.keyboard.press('Shift+End')
    await page.keyboard.type('let bad = sma(close, 5)')
    await expect.poll(() => checkStatus().getAttribute('data-errors'), { timeout: 15_000 }).toBe('0')
    await expect.poll(() => underline.count()).toBe(0)

    await page.keyboard.press('Control+s')
    await expect.poll(() => byTestId('lab-saved-state').getAttribute('data-dirty'), { timeout: 10_000 }).toBe('false')
  }, SLOW)

  it('backtests on DEMO-ALPHA daily bars and shows statistics, equity, trades and their markers', async () => {
    const instruments = page.locator('[data-testid=lab-instrument]')
    await expect.poll(() => instruments.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    for (const row of await instruments.all()) {
      const box = row.locator('input[type=checkbox]')
      const alpha = (await row.getAttribute('data-symbol')) === 'DEMO-ALPHA'
      if ((await box.isChecked()) !== alpha) await box.click()
    }
    expect(await byTestId('lab-instruments-chosen').textContent()).toBe('DEMO-ALPHA')
    await byTestId('lab-timeframe').selectOption('1D')

    await runJob('lab-run-backtest', 'backtest', 'backtest')
    const trades = Number(await page.locator('[data-testid=lab-stat][data-stat=trades]').getAttribute('data-value'))
    expect(trades).toBeGreaterThan(0)
    expect(await page.locator('[data-testid=lab-stat][data-stat=totalReturn] td').textContent()).toMatch(/^[−-]?\d+\.\d\d%$/)
    expect(await page.locator('[data-testid=lab-stat][data-stat=sharpe] td').textContent()).toMatch(/^[−-]?\d+\.\d\d$/)
    await shot('strategy-lab-statistics.png')

    // The same run by backtesting.py's definitions, computed by the engine from the stored run.
    await byTestId('lab-stat-definitions').selectOption('backtesting.py')
    const row = (label: string) => page.locator(`[data-testid=lab-profile-stat][data-label="${label}"]`)
    await expect.poll(() => row('# Trades').getAttribute('data-value'), { timeout: 10_000 }).toBe(String(trades))
    expect(await row('Sharpe Ratio').locator('td').textContent()).toMatch(/^-?\d+(\.\d+)?$/)
    expect(await row('Max. Drawdown Duration').locator('td').textContent()).toMatch(/^\d+ days 00:00:00$/)
    await shot('strategy-lab-statistics-backtesting-py.png')
    await byTestId('lab-stat-definitions').selectOption('quorum')
    await expect.poll(() => page.locator('[data-testid=lab-stat][data-stat=trades]').count()).toBe(1)

    await byTestId('lab-tab-equity').click()
    await expect.poll(() => byTestId('lab-equity-chart').getAttribute('data-points').then(Number)).toBeGreaterThan(100)

    await byTestId('lab-tab-trades').click()
    await expect.poll(() => byTestId('lab-trades-table').getAttribute('data-rows').then(Number)).toBe(trades)
    await byTestId('lab-trades-table-sort-pnl').click()
    const pnls = await page.locator('[data-testid=lab-trade]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-pnl'))))
    expect(pnls.length).toBeGreaterThan(0)
    expect(pnls).toEqual([...pnls].sort((a, b) => b - a))
    await shot('strategy-lab-trades.png')

    await byTestId('lab-tab-price').click()
    await expect.poll(() => byTestId('lab-price-chart').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    expect(Number(await byTestId('lab-price-chart').getAttribute('data-bars'))).toBeGreaterThan(100)
    expect(Number(await byTestId('lab-price-chart').getAttribute('data-markers'))).toBe(trades * 2)
    await shot('strategy-lab-price-trades.png')
  }, SLOW)

  it('optimises over a small grid and shows the trials, DSR and PBO, and the heatmap', async () => {
    await setNumber('lab-param-min-fast', '5')
    await setNumber('lab-param-max-fast', '15')
    await setNumber('lab-param-step-fast', '5')
    await setNumber('lab-param-min-slow', '20')
    await setNumber('lab-param-max-slow', '40')
    await setNumber('lab-param-step-slow', '10')
    expect(await byTestId('lab-grid-size').textContent()).toContain('9 combinations')
    await page.locator('[data-testid=lab-section-optimise] summary').click()
    await byTestId('lab-opt-method').selectOption('grid')
    await byTestId('lab-opt-objective').selectOption('sharpe')

    await runJob('lab-run-optimise', 'optimization', 'optimization')
    await expect.poll(() => byTestId('lab-trials-table').getAttribute('data-rows')).toBe('9')

    await byTestId('lab-tab-overfitting').click()
    expect(await byTestId('lab-dsr').textContent()).toContain('Deflated Sharpe Ratio')
    expect(await byTestId('lab-pbo').textContent()).toContain('Probability of Backtest Overfitting')
    expect(await byTestId('lab-dsr').locator('.lab-metric__value').textContent()).toMatch(/%|—/)
    await shot('strategy-lab-overfitting.png')

    await byTestId('lab-tab-heatmap').click()
    const heatmap = byTestId('lab-heatmap')
    expect(await heatmap.getAttribute('data-cells')).toBe('9')
    expect(Number(await heatmap.getAttribute('data-filled'))).toBeGreaterThan(0)
    expect(await byTestId('lab-heatmap-mode-text').textContent()).toContain('best trial')
    await byTestId('lab-heatmap-mode').selectOption('best-of-others')
    await expect.poll(() => heatmap.getAttribute('data-mode')).toBe('best-of-others')
    await shot('strategy-lab-heatmap.png')
  }, SLOW)

  it('runs a walk-forward analysis and shows its windows, efficiency and stitched equity', async () => {
    await page.locator('[data-testid=lab-section-walk-forward] summary').click()
    await byTestId('lab-wf-mode').selectOption('rolling')
    await setNumber('lab-wf-windows', '3')
    await runJob('lab-run-walk-forward', 'walk-forward', 'walk-forward')
    expect(Number(await byTestId('lab-wf-window-table').getAttribute('data-rows'))).toBe(3)
    expect(await byTestId('lab-wf-efficiency').textContent()).toContain('Walk-forward efficiency')
    await shot('strategy-lab-walk-forward.png')
    await byTestId('lab-tab-equity').click()
    await expect.poll(() => byTestId('lab-wf-equity').getAttribute('data-points').then(Number)).toBeGreaterThan(10)
  }, SLOW)

  it('runs Monte Carlo on the backtest and shows the distributions, percentiles, risk of ruin and paths', async () => {
    // The first backtest (the oldest backtest row; the optimisation's best trial is another).
    const backtests = page.locator('[data-testid=lab-run-row][data-kind=backtest][data-status=completed]')
    await backtests.last().locator('.lab-run__main').click()
    await waitForResult('backtest')
    await page.locator('[data-testid=lab-section-monte-carlo] summary').click()
    await setNumber('lab-mc-iterations', '500')
    expect(await byTestId('lab-mc-source').textContent()).toContain('run #')
    await runJob('lab-run-monte-carlo', 'monte-carlo', 'monte-carlo')
    expect(await byTestId('lab-mc-ruin').textContent()).toContain('Risk of ruin')
    expect(await page.locator('[data-testid=lab-mc-percentile]').count()).toBe(2)
    expect(Number(await byTestId('lab-mc-returns').getAttribute('data-total'))).toBe(500)
    expect(Number(await byTestId('lab-mc-drawdowns').getAttribute('data-total'))).toBe(500)
    await shot('strategy-lab-monte-carlo.png')
    await byTestId('lab-tab-paths').click()
    expect(Number(await byTestId('lab-mc-fan').getAttribute('data-paths'))).toBeGreaterThan(1)
  }, SLOW)

  it('compares two backtests side by side and exports a run’s HTML report', async () => {
    const ticks = page.getByTestId('lab-run-compare')
    await expect.poll(() => ticks.count()).toBeGreaterThanOrEqual(2)
    await ticks.nth(0).check()
    await ticks.nth(1).check()
    await byTestId('lab-compare').click()
    await waitForResult('compare')
    expect(await page.locator('[data-testid=lab-compare-row]').count()).toBe(18)
    await expect.poll(() => byTestId('lab-compare-chart').getAttribute('data-points').then(Number)).toBeGreaterThan(100)
    await shot('strategy-lab-compare.png')

    await page.locator('[data-testid=lab-run-row][data-kind=backtest][data-status=completed]').last().locator('.lab-run__main').click()
    await waitForResult('backtest')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), byTestId('lab-export-report').click()])
    expect(download.suggestedFilename()).toMatch(/\.html$/)
    const file = join(OUTPUT_DIR, 'strategy-lab-report.html')
    await download.saveAs(file)
    const html = readFileSync(file, 'utf8')
    expect(html).toContain('MA crossover')
    expect(html).not.toMatch(/<script/i)
  }, SLOW)

  it('keeps an unsaved edit, and the run shown, across a reload until it is saved', async () => {
    const shown = await results().getAttribute('data-run-id')
    expect(shown).toMatch(/^\d+$/)
    await editorContent().click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('# a note typed, not saved')
    await expect.poll(() => byTestId('lab-saved-state').getAttribute('data-dirty')).toBe('true')
    await page.reload()
    await byTestId('nav-strategy-lab').click()
    await expect.poll(() => editorContent().textContent(), { timeout: 30_000 }).toContain('# a note typed, not saved')
    expect(await byTestId('lab-saved-state').getAttribute('data-dirty')).toBe('true')
    expect(await byTestId('lab-name').inputValue()).toBe('MA crossover')
    await expect.poll(() => results().getAttribute('data-run-id'), { timeout: 10_000 }).toBe(shown)
    await byTestId('lab-save').click()
    await expect.poll(() => byTestId('lab-saved-state').getAttribute('data-dirty'), { timeout: 10_000 }).toBe('false')
  }, SLOW)

  it('shows a long optimisation’s progress and cancels it', async () => {
    await setNumber('lab-param-min-fast', '2')
    await setNumber('lab-param-max-fast', '200')
    await setNumber('lab-param-step-fast', '1')
    await setNumber('lab-param-min-slow', '2')
    await setNumber('lab-param-max-slow', '400')
    await setNumber('lab-param-step-slow', '1')
    await byTestId('lab-run-optimise').click()
    const job = page.locator('[data-testid=lab-job][data-kind=optimization]')
    await expect.poll(() => job.count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => job.getAttribute('data-job-id'), { timeout: 10_000 }).not.toBe('')
    await shot('strategy-lab-progress.png')
    await job.getByTestId('lab-job-cancel').click()
    const notice = page.locator('[data-testid=lab-job-notice][data-kind=optimization]')
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toContain('cancelled')
    expect(await job.count()).toBe(0)
    expect(session?.pageErrors).toEqual([])
  }, SLOW)
})
