import type { ImportOptionsInput, ImportProgress, ImportReport, ImportRunResult, Result, TimeframeCoverage } from '../../../shared/contract'
import type { InstrumentId } from '../../../shared/domain'
import { loadInstruments } from '../../app/session'
import { useStore } from '../../app/store'
import { quorum, transportKind } from '../../bridge'
import type { FileOverrides, StagedFile } from './data-store'
import { updateStagedFile, useDataStore } from './data-store'
import { formatBytes } from './data-format'
import { WEBSOCKET_BATCH_BYTES, batchBySize, readFileForImport } from './file-bytes'

const GAPS_SHOWN = 200
let nextFileId = 1
let nextClientRef = 1

function report(context: string, result: Result<unknown>): boolean {
  if (result.ok) return true
  useStore.getState().reportError(context, result.error)
  return false
}

/** The options every file of the next import shares, as the contract takes them. */
function sharedOptions(overrides: FileOverrides = {}): ImportOptionsInput {
  const { options } = useDataStore.getState()
  const instrument = {
    ...(options.exchange.trim() === '' ? {} : { exchange: options.exchange.trim().toUpperCase() }),
    ...(options.currency.trim() === '' ? {} : { currency: options.currency.trim().toUpperCase() }),
    ...(options.assetClass === '' ? {} : { assetClass: options.assetClass }),
    ...(options.session.trim() === '' ? {} : { session: options.session.trim() }),
  }
  return {
    ...(Object.keys(instrument).length > 0 ? { instrument } : {}),
    format: overrides.format ?? options.format,
    ...(options.symbol.trim() === '' ? {} : { symbol: options.symbol.trim() }),
    ...(options.timeframe === '' ? {} : { timeframe: options.timeframe }),
    ...(options.timeZone.trim() === '' ? {} : { timeZone: options.timeZone.trim() }),
    ...(overrides.mapping ? { mapping: overrides.mapping } : {}),
    ...(overrides.dateFormat ? { dateFormat: overrides.dateFormat } : {}),
    skipBadLines: options.skipBadLines,
  }
}

/** Reads the picked or dropped files into memory and previews each. */
export async function stageFiles(files: readonly File[]): Promise<void> {
  const added: StagedFile[] = []
  for (const file of files) {
    try {
      const bytes = await readFileForImport(file)
      // Over the serve WebSocket a message is at most 16 MiB; a bigger one would drop the connection.
      if (transportKind === 'websocket' && bytes.byteLength > WEBSOCKET_BATCH_BYTES) {
        useStore.getState().reportError(`Reading ${file.name}`, {
          code: 'renderer',
          message:
            `${file.name} is ${formatBytes(bytes.byteLength)} even compressed, too large to send through the browser connection. ` +
            "Import it by path on the engine's machine (below), or with `quorum import` there.",
        })
        continue
      }
      added.push({ id: nextFileId++, name: file.name, size: file.size, bytes, preview: null, previewing: true, overrides: {} })
    } catch (e) {
      useStore.getState().reportError(`Reading ${file.name}`, { code: 'renderer', message: e instanceof Error ? e.message : String(e) })
    }
  }
  if (added.length === 0) return
  useDataStore.setState((s) => ({ staged: [...s.staged, ...added], selectedFileId: s.selectedFileId ?? added[0]?.id ?? null }))
  await Promise.all(added.map((f) => previewFile(f.id)))
}

/** Asks the engine how it would read a staged file with the current options. */
export async function previewFile(id: number): Promise<void> {
  const file = useDataStore.getState().staged.find((f) => f.id === id)
  if (!file) return
  updateStagedFile(id, { previewing: true })
  const result = await quorum.imports.preview({ name: file.name, content: file.bytes, options: sharedOptions(file.overrides) })
  updateStagedFile(id, { previewing: false, preview: result.ok ? result.value : null })
  report(`Previewing ${file.name}`, result)
}

/** After an option changed: every staged file is read again with it. */
export async function previewAll(): Promise<void> {
  await Promise.all(useDataStore.getState().staged.map((f) => previewFile(f.id)))
}

export async function setFileOverrides(id: number, overrides: FileOverrides): Promise<void> {
  updateStagedFile(id, { overrides })
  await previewFile(id)
}

export function unstageFile(id: number): void {
  useDataStore.setState((s) => {
    const staged = s.staged.filter((f) => f.id !== id)
    return { staged, selectedFileId: s.selectedFileId === id ? (staged[0]?.id ?? null) : s.selectedFileId }
  })
}

export function clearStaged(): void {
  useDataStore.setState({ staged: [], selectedFileId: null })
}

/**
 * Imports the staged files. Files with their own mapping or format go in runs of their own; over
 * the serve WebSocket the others go in batches that fit its message limit. Each run's report is
 * kept; the files that were imported leave the list, the rejected ones stay to be fixed.
 */
export async function runImport(): Promise<void> {
  const { staged, running } = useDataStore.getState()
  if (running || staged.length === 0) return
  const clientRef = `data-${Date.now().toString(36)}-${nextClientRef++}`
  useDataStore.setState({ running: { clientRef, runIds: [], filesDone: 0, filesTotal: staged.length, linesDone: 0, currentFile: null, cancelling: false }, reports: [] })
  const plain = staged.filter((f) => Object.keys(f.overrides).length === 0)
  const own = staged.filter((f) => Object.keys(f.overrides).length > 0)
  const limit = transportKind === 'websocket' ? WEBSOCKET_BATCH_BYTES : Number.POSITIVE_INFINITY
  const groups: StagedFile[][] = [...batchBySize(plain, (f) => f.bytes.byteLength, limit), ...own.map((f) => [f])]
  const reports: ImportReport[] = []
  let filesBefore = 0
  let linesBefore = 0
  const off = quorum.on('importProgress', (p: ImportProgress) => {
    const current = useDataStore.getState().running
    if (!current || p.clientRef !== clientRef) return
    useDataStore.setState({
      running: {
        ...current,
        runIds: current.runIds.includes(p.runId) ? current.runIds : [...current.runIds, p.runId],
        filesDone: filesBefore + p.filesDone,
        linesDone: linesBefore + p.linesDone,
        currentFile: p.currentFile,
      },
    })
  })
  try {
    for (const group of groups) {
      if (useDataStore.getState().running?.cancelling) break
      const files = group.map((f) => ({ name: f.name, content: f.bytes }))
      const result: Result<ImportRunResult> = await quorum.imports.run({ files, options: sharedOptions(group[0]?.overrides), clientRef })
      if (!report('Importing files', result) || !result.ok) break
      reports.push(result.value.report)
      filesBefore += group.length
      linesBefore += result.value.report.linesRead
      useDataStore.setState({ reports: [...reports] })
      if (result.value.report.status === 'cancelled') break
    }
  } finally {
    off()
    const imported = new Set(reports.flatMap((r) => r.files.filter((f) => f.status === 'imported').map((f) => f.file)))
    useDataStore.setState((s) => {
      const staged = s.staged.filter((f) => !imported.has(f.name))
      return { running: null, staged, selectedFileId: staged.some((f) => f.id === s.selectedFileId) ? s.selectedFileId : (staged[0]?.id ?? null) }
    })
    await afterDataChanged()
  }
}

/** Imports files or folders named by path on the engine's machine (the engine reads them itself). */
export async function runImportPaths(paths: readonly string[]): Promise<void> {
  if (useDataStore.getState().running || paths.length === 0) return
  const clientRef = `data-${Date.now().toString(36)}-${nextClientRef++}`
  useDataStore.setState({ running: { clientRef, runIds: [], filesDone: 0, filesTotal: 0, linesDone: 0, currentFile: null, cancelling: false }, reports: [] })
  const off = quorum.on('importProgress', (p: ImportProgress) => {
    const current = useDataStore.getState().running
    if (!current || p.clientRef !== clientRef) return
    useDataStore.setState({ running: { ...current, runIds: [p.runId], filesDone: p.filesDone, filesTotal: p.filesTotal, linesDone: p.linesDone, currentFile: p.currentFile } })
  })
  try {
    const result = await quorum.imports.runPaths({ paths: [...paths], options: sharedOptions(), clientRef })
    if (report('Importing from the engine machine', result) && result.ok) useDataStore.setState({ reports: [result.value.report] })
  } finally {
    off()
    useDataStore.setState({ running: null })
    await afterDataChanged()
  }
}

/** Asks the engine to stop after the file it is reading; files already imported stay. */
export async function cancelImport(): Promise<void> {
  const running = useDataStore.getState().running
  if (!running) return
  useDataStore.setState({ running: { ...running, cancelling: true } })
  for (const runId of running.runIds) report('Cancelling the import', await quorum.imports.cancel({ runId }))
}

export async function loadHistory(): Promise<void> {
  const result = await quorum.imports.history({ limit: 10 })
  if (report('Reading the import history', result) && result.ok) useDataStore.setState({ history: result.value })
}

/** Coverage of every stored timeframe of the instrument, each with its gaps. */
export async function selectInstrument(instrumentId: InstrumentId | null): Promise<void> {
  useDataStore.setState({ selectedInstrumentId: instrumentId, coverage: [], coverageLoading: instrumentId !== null })
  if (instrumentId === null) return
  const stored = await quorum.instruments.coverage({ instrumentId })
  if (!report('Reading what is stored', stored) || !stored.ok) {
    useDataStore.setState({ coverageLoading: false })
    return
  }
  const coverage: TimeframeCoverage[] = []
  for (const c of stored.value) {
    const result = await quorum.instruments.gaps({ instrumentId, timeframe: c.timeframe, maxResults: GAPS_SHOWN })
    if (report(`Finding gaps in ${c.timeframe} bars`, result) && result.ok) coverage.push(result.value)
  }
  if (useDataStore.getState().selectedInstrumentId !== instrumentId) return
  const gapTimeframe = useDataStore.getState().gapTimeframe
  useDataStore.setState({
    coverage,
    coverageLoading: false,
    gapTimeframe: coverage.some((c) => c.timeframe === gapTimeframe) ? gapTimeframe : (coverage.find((c) => c.gapCount > 0)?.timeframe ?? null),
  })
}

/** Deletes what the confirm step was about, then refreshes what is shown. */
export async function confirmDelete(): Promise<void> {
  const pending = useDataStore.getState().pendingDelete
  if (!pending) return
  useDataStore.setState({ pendingDelete: null })
  const request = pending.kind === 'instrument' ? { instrumentId: pending.instrumentId } : { instrumentId: pending.instrumentId, timeframe: pending.timeframe }
  const result = await quorum.instruments.delete(request)
  report(`Deleting ${pending.label}`, result)
  if (pending.kind === 'instrument' && useDataStore.getState().selectedInstrumentId === pending.instrumentId) {
    useDataStore.setState({ selectedInstrumentId: null, coverage: [] })
  }
  await afterDataChanged()
}

async function afterDataChanged(): Promise<void> {
  await loadInstruments()
  const selected = useDataStore.getState().selectedInstrumentId
  const stillListed = useStore.getState().instruments.some((i) => i.id === selected)
  await Promise.all([selectInstrument(stillListed ? selected : null), loadHistory()])
}
