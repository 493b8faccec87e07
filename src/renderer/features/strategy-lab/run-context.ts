import type { RunManifest } from '../../../shared/contract'
import type { Instrument } from '../../../shared/domain'
import { isIntraday } from '../../../shared/domain'
import { formatDate, formatDateTime } from './stat-format'

/** How a run's times read: the first instrument's zone for intraday runs, UTC session dates for daily ones. */
export interface RunTime {
  readonly timeZone: string
  readonly intraday: boolean
  format(seconds: number): string
}

export function runTime(manifest: RunManifest, instruments: readonly Instrument[]): RunTime {
  const intraday = isIntraday(manifest.data.timeframe)
  const first = manifest.data.instruments[0]
  const timeZone = instruments.find((i) => i.id === first?.id)?.timeZone ?? 'UTC'
  return { timeZone, intraday, format: intraday ? formatDateTime : formatDate }
}

/** The run's instruments as "AAA, BBB 1D". */
export function runDataLabel(manifest: RunManifest): string {
  return `${manifest.data.instruments.map((i) => i.symbol).join(', ')} ${manifest.data.timeframe}`
}
