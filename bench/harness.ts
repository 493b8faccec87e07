/**
 * A small A/B harness: each comparison runs a contender and a reference alternately in the same
 * process on the same data, and prints one row with both medians and their ratio.
 */

export interface Comparison {
  /** What is measured, e.g. "1M bars → 5m, native sync". */
  readonly name: string
  readonly contender: () => unknown
  readonly reference: () => unknown
  readonly referenceName: string
  /** Items processed per run; adds a throughput column measured on the contender. */
  readonly items?: number
  /** What an item is, for the throughput column; defaults to "items". */
  readonly unit?: string
  /** Timed runs of each side; defaults to 15. */
  readonly runs?: number
  /** Untimed runs of each side first, so both are compiled and their allocations warm; defaults to 3. */
  readonly warmup?: number
  /** Timed runs of the reference when a slow one (seconds a run) cannot afford `runs`; defaults to runs. */
  readonly referenceRuns?: number
  /** Untimed runs of the reference first; defaults to warmup. */
  readonly referenceWarmup?: number
}

export interface ComparisonResult {
  readonly name: string
  readonly contenderMs: number
  readonly referenceName: string
  readonly referenceMs: number
  /** contenderMs / referenceMs: below 1 means the contender is faster. */
  readonly ratio: number
  readonly itemsPerSecond: number | undefined
}

const COLUMNS = { name: 36, ms: 11, referenceName: 14, ratio: 11 } as const

export function printHeader(title: string): void {
  console.log(`\n${title}`)
  console.log(
    [
      'comparison'.padEnd(COLUMNS.name),
      'median'.padStart(COLUMNS.ms),
      '  ',
      'reference'.padEnd(COLUMNS.referenceName),
      'median'.padStart(COLUMNS.ms),
      'ratio'.padStart(COLUMNS.ratio),
      '  throughput',
    ].join(''),
  )
}

export function printRow(result: ComparisonResult, unit = 'items'): void {
  const throughput = result.itemsPerSecond === undefined ? '' : `  ${(result.itemsPerSecond / 1e6).toFixed(1)} M ${unit}/s`
  console.log(
    [
      result.name.padEnd(COLUMNS.name),
      formatMs(result.contenderMs).padStart(COLUMNS.ms),
      '  ',
      result.referenceName.padEnd(COLUMNS.referenceName),
      formatMs(result.referenceMs).padStart(COLUMNS.ms),
      `${formatRatio(result.ratio)}×`.padStart(COLUMNS.ratio),
      throughput,
    ].join(''),
  )
}

/** Times both sides, prints the row and returns the numbers. */
export async function compare(comparison: Comparison): Promise<ComparisonResult> {
  const { runs = 15, warmup = 3 } = comparison
  const { referenceRuns = runs, referenceWarmup = warmup } = comparison
  for (let i = 0; i < Math.max(warmup, referenceWarmup); i++) {
    if (i < warmup) await comparison.contender()
    if (i < referenceWarmup) await comparison.reference()
  }
  const contenderTimes: number[] = []
  const referenceTimes: number[] = []
  for (let i = 0; i < Math.max(runs, referenceRuns); i++) {
    const sides = [
      () => i < runs && timeOnce(comparison.contender).then((ms) => contenderTimes.push(ms)),
      () => i < referenceRuns && timeOnce(comparison.reference).then((ms) => referenceTimes.push(ms)),
    ]
    // Alternating which side goes first keeps GC debt and cache state from favouring one of them.
    if (i % 2 === 1) sides.reverse()
    for (const side of sides) await side()
  }
  const contenderMs = median(contenderTimes)
  const referenceMs = median(referenceTimes)
  const result: ComparisonResult = {
    name: comparison.name,
    contenderMs,
    referenceName: comparison.referenceName,
    referenceMs,
    ratio: contenderMs / referenceMs,
    itemsPerSecond: comparison.items === undefined ? undefined : comparison.items / (contenderMs / 1000),
  }
  printRow(result, comparison.unit)
  return result
}

async function timeOnce(run: () => unknown): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const upper = sorted[mid] as number
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2
}

function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`
}

/** Two decimals, or two significant digits below 0.01, so a tiny ratio never prints as 0.00×. */
function formatRatio(ratio: number): string {
  return ratio >= 0.01 ? ratio.toFixed(2) : ratio.toPrecision(2)
}
