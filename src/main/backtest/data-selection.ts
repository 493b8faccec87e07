import { createHash } from 'node:crypto'
import type { DataSelection, ManifestInstrument } from '../../shared/contract'
import type { BarColumns } from '../../shared/domain'
import { BAR_FIELDS, sliceBars } from '../../shared/domain'
import type { BarService } from '../data'
import { EngineError } from '../kernel'
import type { Store } from '../store'

/** The most bars one instrument may bring to a run. */
export const MAX_RUN_BARS = 5_000_000

export interface LoadedSelection {
  readonly series: BarColumns[]
  readonly instruments: ManifestInstrument[]
}

/** SHA-256 of the six columns as little-endian doubles: the same bars give the same print. */
export function fingerprintBars(bars: BarColumns): string {
  const hash = createHash('sha256')
  for (const field of BAR_FIELDS) {
    const column = bars[field]
    hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength))
  }
  return hash.digest('hex')
}

/** First index with time ≥ t (binary search over ascending times). */
export function lowerBound(time: ArrayLike<number>, t: number): number {
  let lo = 0
  let hi = time.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((time[mid] ?? Infinity) < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The bars of every instrument of a selection, in its time range, with what the manifest records of them. */
export async function loadSelection(store: Store, bars: BarService, selection: DataSelection): Promise<LoadedSelection> {
  if (selection.from !== undefined && selection.to !== undefined && selection.from > selection.to) {
    throw new EngineError('invalid-request', `The data range is empty: from ${isoDate(selection.from)} is after to ${isoDate(selection.to)}.`)
  }
  if (new Set(selection.instruments).size !== selection.instruments.length) {
    throw new EngineError('invalid-request', 'An instrument is listed twice in the selection.')
  }
  const series: BarColumns[] = []
  const instruments: ManifestInstrument[] = []
  for (const id of selection.instruments) {
    const instrument = store.instruments.get(id)
    if (!instrument) throw new EngineError('not-found', `No instrument with id ${id}.`)
    const loaded = await bars.load({
      instrumentId: id,
      timeframe: selection.timeframe,
      limit: MAX_RUN_BARS,
      before: selection.to === undefined ? undefined : selection.to + 1e-6,
      adjusted: selection.adjusted,
    })
    const start = selection.from === undefined ? 0 : lowerBound(loaded.bars.time, selection.from)
    const cut = sliceBars(loaded.bars, start, loaded.bars.time.length)
    const n = cut.time.length
    if (n === 0) {
      throw new EngineError('not-found', `${instrument.symbol} has no ${selection.timeframe} bars${rangeText(selection)}.`)
    }
    series.push(cut)
    instruments.push({
      id,
      symbol: instrument.symbol,
      exchange: instrument.exchange,
      bars: n,
      firstTime: cut.time[0] ?? NaN,
      lastTime: cut.time[n - 1] ?? NaN,
      fingerprint: fingerprintBars(cut),
    })
  }
  return { series, instruments }
}

function rangeText(selection: DataSelection): string {
  if (selection.from === undefined && selection.to === undefined) return ''
  return ` between ${selection.from === undefined ? 'the start' : isoDate(selection.from)} and ${selection.to === undefined ? 'the end' : isoDate(selection.to)}`
}

export function isoDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10)
}
