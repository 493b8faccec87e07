import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allocateBars, type BarColumns } from '../../src/shared/domain'
import { silentLogger } from '../../src/main/kernel'
import type { InstrumentSpec, Store } from '../../src/main/store'
import { openStore } from '../../src/main/store'

/** A fresh folder under the OS temp dir; `cleanup` removes it. */
export function makeTempDir(prefix = 'quorum-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function openTempStore(dir: string, name = 'quorum.db'): Store {
  return openStore({ file: join(dir, name), logger: silentLogger })
}

export const ACME: InstrumentSpec = {
  symbol: 'ACME',
  name: 'Acme Corp',
  exchange: 'NASDAQ',
  currency: 'USD',
  assetClass: 'stock',
  tickSize: 0.01,
  timeZone: 'America/New_York',
  session: '09:30-16:00',
  isDemo: false,
}

/**
 * `n` bars starting at `firstTime`, `step` seconds apart, whose fields encode their time and a
 * tag, so a test can tell which write a stored bar came from.
 */
export function makeBars(n: number, firstTime: number, step = 60, tag = 0): BarColumns {
  const bars = allocateBars(n)
  for (let i = 0; i < n; i++) {
    const t = firstTime + i * step
    bars.time[i] = t
    bars.open[i] = t / 1000 + tag
    bars.high[i] = t / 1000 + tag + 1
    bars.low[i] = t / 1000 + tag - 1
    bars.close[i] = t / 1000 + tag + 0.5
    bars.volume[i] = tag * 1_000_000 + (t % 86_400)
  }
  return bars
}

/** Plain arrays, for readable equality assertions. */
export function toArrays(bars: BarColumns): Record<keyof BarColumns, number[]> {
  return {
    time: Array.from(bars.time),
    open: Array.from(bars.open),
    high: Array.from(bars.high),
    low: Array.from(bars.low),
    close: Array.from(bars.close),
    volume: Array.from(bars.volume),
  }
}
