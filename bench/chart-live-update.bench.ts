import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium } from '../tests/support/chromium'
import { silentLogger } from '../src/main/kernel'
import { openStore } from '../src/main/store'
import type { ChartLayout } from '../src/shared/contract'
import { seededRandomWalk } from '../tests/support/seeded-bars'
import { startServeProcess } from '../tests/support/serve-process'
import { type ComparisonResult, printHeader, printRow } from './harness'

const SMALL = 1_000
const LARGE = 10_000_000
/** Bars generated and written per transaction while filling the large instrument. */
const WRITE_SLICE = 1_000_000
/** One timed run applies this many live updates of the last bar. */
const UPDATES_PER_RUN = 200
const RUNS = 15
const WARMUP = 3
/** The contrast: a series holding this many bars at once, as a chart without a bounded window would. */
const HELD = 1_000_000

/**
 * Calls the page's `?bench=1` hook (src/renderer/features/chart/bench-hook.ts). The script is a
 * string: it runs in the page, and a function would carry tsx's helpers along with it.
 */
function callHook(page: Page, call: string): Promise<number> {
  return page.evaluate(`window.__quorumBench.${call}`) as Promise<number>
}


/**
 * A live `series.update()` of the last bar, in real Chromium against `quorum serve`, on a chart of
 * an instrument with 1k one-minute bars stored (the reference) and one with 10M stored. The chart
 * holds a bounded window of the latest bars, so both should cost about the same. The two charts
 * sit side by side in one page and are timed alternately; each run applies UPDATES_PER_RUN
 * updates inside the page (the `?bench=1` hook), timed with performance.now().
 */
export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quorum-bench-chart-'))
  try {
    const started = Date.now()
    fillStore(dataDir)
    console.log(`\n(stored ${SMALL.toLocaleString('en-US')} and ${LARGE.toLocaleString('en-US')} one-minute bars in ${((Date.now() - started) / 1000).toFixed(1)} s)`)
    const serve = await startServeProcess(['--no-demo'], dataDir)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
      await page.goto(`${serve.url}&bench=1`)
      await waitForCharts(page)
      const held = [await callHook(page, 'barCount(0)'), await callHook(page, 'barCount(1)')]

      printHeader(`chart: live update of the last bar, ${UPDATES_PER_RUN} updates per run (Chromium, quorum serve)`)
      printResult(
        await compareCharts(page, {
          name: `${LARGE / 1e6}M stored, ${held[1]} held`,
          referenceName: `${SMALL / 1e3}k stored`,
        }),
        held,
      )

      // Without the bounded window the series would hold everything the trader scrolled through.
      await callHook(page, `holdGeneratedBars(${HELD}, 1)`)
      printHeader('chart: the same update with the window removed (the series holds every bar)')
      printResult(await compareCharts(page, { name: `${HELD / 1e6}M held in the series`, referenceName: `${SMALL / 1e3}k stored` }), [held[0] ?? 0, HELD])
    } finally {
      await browser.close()
      await serve.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Two instruments of one-minute bars and a layout showing them side by side, written with the store API. */
function fillStore(dataDir: string): void {
  const store = openStore({ file: join(dataDir, 'quorum.db'), logger: silentLogger })
  try {
    const spec = { exchange: 'BENCH', currency: 'USD', assetClass: 'stock', tickSize: 0.01, timeZone: 'UTC', session: '00:00-24:00', isDemo: false } as const
    const small = store.instruments.upsert({ ...spec, symbol: 'BENCH-1K', name: `${SMALL} stored bars` }).id
    const large = store.instruments.upsert({ ...spec, symbol: 'BENCH-10M', name: `${LARGE} stored bars` }).id
    const start = 1_262_304_000 // 2010-01-01: 10M minutes end in 2029.
    store.bars.writeBars(small, '1m', seededRandomWalk(7, SMALL, { start: start + (LARGE - SMALL) * 60 }))
    for (let offset = 0; offset < LARGE; offset += WRITE_SLICE) {
      store.bars.writeBars(large, '1m', seededRandomWalk(11 + offset, Math.min(WRITE_SLICE, LARGE - offset), { start: start + offset * 60 }))
    }
    const chart = { timeframe: '1m', chartType: 'candles', indicators: [] } satisfies Omit<ChartLayout['charts'][number], 'instrumentId'>
    const layout: ChartLayout = { grid: '2', active: 0, charts: [{ ...chart, instrumentId: small }, { ...chart, instrumentId: large }] }
    store.charts.saveLayout('main', layout)
  } finally {
    store.close()
  }
}

async function waitForCharts(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const charts = page.locator('[data-chart-index]')
    const states = await Promise.all((await charts.all()).map((c) => c.getAttribute('data-state')))
    if (states.length === 2 && states.every((s) => s === 'ready')) return
    if (Date.now() > deadline) throw new Error(`charts not ready: ${states.join(', ')}`)
    await page.waitForTimeout(100)
  }
}

/** Alternates the two charts (contender: chart 1, reference: chart 0) and takes each side's median run. */
async function compareCharts(page: Page, names: { name: string; referenceName: string }): Promise<ComparisonResult> {
  const time = (index: number): Promise<number> => callHook(page, `updateLastBar(${UPDATES_PER_RUN}, ${index})`)
  for (let i = 0; i < WARMUP; i++) {
    await time(1)
    await time(0)
  }
  const contender: number[] = []
  const reference: number[] = []
  for (let i = 0; i < RUNS; i++) {
    // Alternating which side goes first keeps GC debt and cache state from favouring one of them.
    if (i % 2 === 0) {
      contender.push(await time(1))
      reference.push(await time(0))
    } else {
      reference.push(await time(0))
      contender.push(await time(1))
    }
  }
  const contenderMs = median(contender)
  const referenceMs = median(reference)
  return {
    name: names.name,
    contenderMs,
    referenceName: names.referenceName,
    referenceMs,
    ratio: contenderMs / referenceMs,
    itemsPerSecond: undefined,
  }
}

/** The harness's row, then the cost of one update on each side with the bars each chart holds. */
function printResult(result: ComparisonResult, held: readonly number[]): void {
  printRow(result)
  const each = (ms: number): string => `${((ms / UPDATES_PER_RUN) * 1000).toFixed(0)} µs`
  console.log(`  one update: ${each(result.contenderMs)} holding ${held[1]} bars vs ${each(result.referenceMs)} holding ${held[0]} bars`)
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
