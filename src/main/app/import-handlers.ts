import type { Handlers, ImportOptions, ImportReport, ImportRunId, ImportRunResult } from '../../shared/contract'
import { ImportOptions as ImportOptionsSchema, ImportRunId as ImportRunIdSchema } from '../../shared/contract'
import { ImportService, InstrumentDataService, type ImportInput } from '../data'
import type { Clock, Logger } from '../kernel'
import { EngineError } from '../kernel'
import type { Store } from '../store'
import type { EngineEvents } from './engine-events'

export interface DataHandlerDeps {
  readonly store: Store
  readonly clock: Clock
  readonly logger: Logger
  readonly events: EngineEvents
  /** Called after an import or a deletion changed what is stored. */
  readonly onDataChanged: () => void
}

export interface DataHandlers {
  readonly imports: Handlers['imports']
  readonly deleteInstrumentData: Handlers['instruments']['delete']
  readonly gaps: Handlers['instruments']['gaps']
  /** Cancels every running import (engine shutdown). */
  cancelAll(): void
}

/**
 * The Data workspace's handlers: imports (preview, run, cancel, history) with their progress
 * events, coverage gaps and deletion. Runs are cancelled through an AbortController kept per run.
 */
export function createDataHandlers(deps: DataHandlerDeps): DataHandlers {
  const { store, clock, logger, events } = deps
  const service = new ImportService({ store, clock, logger: logger.child('import') })
  const data = new InstrumentDataService(store)
  const running = new Map<ImportRunId, AbortController>()

  const run = async (input: ImportInput, options: ImportOptions, source: string, clientRef: string | null): Promise<ImportRunResult> => {
    const controller = new AbortController()
    let runId: ImportRunId | null = null
    let report: ImportReport
    try {
      report = await service.run(input, options, source, {
        signal: controller.signal,
        onStart: (id) => {
          runId = id
          running.set(id, controller)
        },
        onProgress: (progress) => {
          if (runId !== null) events.emit('importProgress', { runId, clientRef, ...progress })
        },
      })
    } finally {
      if (runId !== null) running.delete(runId)
    }
    if (report.barsImported > 0) deps.onDataChanged()
    events.emit('importFinished', { runId: report.runId, clientRef, report })
    return { runId: report.runId, report }
  }

  return {
    imports: {
      preview: ({ name, content, options }) => service.preview(name, content, options ?? ImportOptionsSchema.parse({})),
      run: ({ files, options, clientRef }) =>
        run({ files }, options ?? ImportOptionsSchema.parse({}), files.length === 1 ? `app: ${files[0]?.name}` : `app: ${files.length} files`, clientRef ?? null),
      runPaths: ({ paths, options, clientRef }) => run({ paths }, options ?? ImportOptionsSchema.parse({}), `app: ${paths.join(', ')}`, clientRef ?? null),
      cancel: ({ runId }) => {
        const controller = running.get(runId)
        if (!controller) {
          const known = store.importRuns.get(runId)
          if (!known) throw new EngineError('not-found', `No import run ${runId}.`)
          return { cancelled: false }
        }
        controller.abort()
        return { cancelled: true }
      },
      history: ({ limit }) =>
        store.importRuns.recent(limit).map((row) => ({
          runId: ImportRunIdSchema.parse(row.id),
          source: row.source,
          startedAt: row.startedAt,
          finishedAt: row.finishedAt,
          status: row.finishedAt === null ? 'running' : row.status === 'cancelled' || row.status === 'failed' ? row.status : 'completed',
          filesImported: row.filesImported,
          filesRejected: row.filesRejected,
          barsImported: row.barsImported,
        })),
    },
    deleteInstrumentData: ({ instrumentId, timeframe }) => {
      const result = data.delete(instrumentId, timeframe)
      deps.onDataChanged()
      return result
    },
    gaps: ({ instrumentId, timeframe, maxResults }) => data.gaps(instrumentId, timeframe, maxResults),
    cancelAll: () => {
      for (const controller of running.values()) controller.abort()
    },
  }
}
