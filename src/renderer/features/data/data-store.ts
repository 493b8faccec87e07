import { create } from 'zustand'
import type { ColumnMapping, DateFormat, ImportFormat, ImportPreview, ImportReport, ImportRunId, ImportRunSummary, TimeframeCoverage } from '../../../shared/contract'
import type { AssetClass, InstrumentId, Timeframe } from '../../../shared/domain'

/** A file the trader picked or dropped, waiting to be imported. */
export interface StagedFile {
  readonly id: number
  readonly name: string
  /** Size as picked, before any compression for the trip to the engine. */
  readonly size: number
  /** What goes to the engine: the file's bytes, gzip-compressed when that makes them smaller. */
  readonly bytes: Uint8Array
  readonly preview: ImportPreview | null
  readonly previewing: boolean
  /** Choices for this file only (a hand-made column mapping, a date format, a format). */
  readonly overrides: FileOverrides
}

export interface FileOverrides {
  readonly format?: ImportFormat
  readonly mapping?: ColumnMapping
  readonly dateFormat?: DateFormat
}

/** Options for every file of the next import. */
export interface SharedImportOptions {
  readonly format: 'auto' | ImportFormat
  readonly symbol: string
  readonly timeframe: '' | Timeframe
  readonly timeZone: string
  readonly skipBadLines: boolean
  /** For instruments the import creates (empty: the defaults, UNKNOWN / USD / stock / 09:30-16:00). */
  readonly exchange: string
  readonly currency: string
  readonly assetClass: '' | AssetClass
  readonly session: string
}

export interface RunningImport {
  readonly clientRef: string
  readonly runIds: readonly ImportRunId[]
  readonly filesDone: number
  readonly filesTotal: number
  readonly linesDone: number
  readonly currentFile: string | null
  readonly cancelling: boolean
}

export type PendingDelete =
  | { readonly kind: 'instrument'; readonly instrumentId: InstrumentId; readonly label: string; readonly bars: number }
  | { readonly kind: 'timeframe'; readonly instrumentId: InstrumentId; readonly timeframe: Timeframe; readonly label: string; readonly bars: number }

export interface DataState {
  readonly selectedInstrumentId: InstrumentId | null
  readonly coverage: readonly TimeframeCoverage[]
  readonly coverageLoading: boolean
  readonly gapTimeframe: Timeframe | null
  readonly staged: readonly StagedFile[]
  readonly selectedFileId: number | null
  readonly options: SharedImportOptions
  readonly running: RunningImport | null
  readonly reports: readonly ImportReport[]
  readonly history: readonly ImportRunSummary[]
  readonly pendingDelete: PendingDelete | null
  readonly dragging: boolean
}

export const INITIAL_DATA_STATE: DataState = {
  selectedInstrumentId: null,
  coverage: [],
  coverageLoading: false,
  gapTimeframe: null,
  staged: [],
  selectedFileId: null,
  options: { format: 'auto', symbol: '', timeframe: '', timeZone: '', skipBadLines: false, exchange: '', currency: '', assetClass: '', session: '' },
  running: null,
  reports: [],
  history: [],
  pendingDelete: null,
  dragging: false,
}

/**
 * The Data workspace's own state: staged files and their previews, the running import, the last
 * reports, the selected instrument's coverage. Instruments themselves stay in the app store,
 * which the chart shares; bytes of staged files live here only until they are imported.
 */
export const useDataStore = create<DataState>()(() => INITIAL_DATA_STATE)

export function updateStagedFile(id: number, change: Partial<StagedFile>): void {
  useDataStore.setState((s) => ({ staged: s.staged.map((f) => (f.id === id ? { ...f, ...change } : f)) }))
}

export function resetDataStore(): void {
  useDataStore.setState(INITIAL_DATA_STATE, true)
}
