/** Runs every bench in this order; each module exports `run()`. Adding a bench is one line here. */
const BENCHES: ReadonlyArray<() => Promise<{ run: () => Promise<void> }>> = [
  () => import('./resample.bench'),
  () => import('./bars-transfer.bench'),
  () => import('./bar-store.bench'),
  () => import('./chart-live-update.bench'),
  () => import('./tick-aggregation.bench'),
  () => import('./indicators.bench'),
  () => import('./backtest.bench'),
]

async function main(): Promise<void> {
  for (const load of BENCHES) await (await load()).run()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
