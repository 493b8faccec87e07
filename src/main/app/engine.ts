import { join } from 'node:path'
import packageJson from '../../../package.json'
import type { AppInfo, Handlers, Settings } from '../../shared/contract'
import { DEFAULT_CHART_CONFIG, DEFAULT_CHART_LAYOUT } from '../../shared/contract'
import type { EngineStatus } from '../../shared/domain'
import { DemoTickFeed, demoFeedInstruments } from '../adapters'
import { BacktestService, renderReport, StrategyCatalog } from '../backtest'
import { BarService, IndicatorService, lastCompletedSessionDate, LiveBarService, seedDemoMarket } from '../data'
import type { Clock, Logger, Scheduler } from '../kernel'
import { EngineError, systemScheduler } from '../kernel'
import { listIndicators, nativeInfo } from '../native'
import type { Store } from '../store'
import { openStore } from '../store'
import { DATABASE_FILE } from './data-dir'
import { createDispatcher, type Dispatch } from './dispatcher'
import { createDataHandlers } from './import-handlers'
import { EngineEvents } from './engine-events'

/** Seed of the demo market: fixed, so every install shows the same demo history. */
export const DEMO_SEED = 20_260_101

export interface EngineOptions {
  readonly dataDir: string
  readonly clock: Clock
  readonly logger: Logger
  /** Path of an Electron-ABI build of better-sqlite3 (the desktop app); Node's own build otherwise. */
  readonly sqliteBinding?: string
  /** Generate the demo market into an empty store (on by default). */
  readonly demoData?: boolean
  /** Timers for live feeds and event batching; wall-clock timers by default, a ManualScheduler in tests. */
  readonly scheduler?: Scheduler
  /** Seed of the demo tick feed; by default the start time, so each run's live demo differs. */
  readonly demoFeedSeed?: number
}

export interface Engine {
  readonly dataDir: string
  readonly store: Store
  readonly events: EngineEvents
  readonly handlers: Handlers
  readonly dispatch: Dispatch
  status(): EngineStatus
  close(): void
}

/**
 * The composition root of the engine, shared by the desktop app and `quorum serve`: opens the
 * store (throws a StoreFileError with a message for the trader if the file is damaged), fills an
 * empty store with the demo market, and binds one handler per contract method.
 */
export function createEngine(options: EngineOptions): Engine {
  const { clock, logger } = options
  const store = openStore({ file: join(options.dataDir, DATABASE_FILE), logger: logger.child('store'), nativeBinding: options.sqliteBinding, clock })
  const events = new EngineEvents()
  let status: EngineStatus = { engine: 'starting', data: 'empty', broker: 'not-configured', message: 'Starting the engine.' }
  const setStatus = (next: Partial<EngineStatus>): void => {
    status = { ...status, ...next }
    events.emit('status', status)
  }

  try {
    if ((options.demoData ?? true) && store.instruments.list().length === 0) {
      setStatus({ data: 'generating-demo', message: 'Generating the demo market.' })
      const endDate = lastCompletedSessionDate(clock.now())
      const seeded = seedDemoMarket(store, { seed: DEMO_SEED, endDate, logger: logger.child('demo') })
      logger.info('demo market generated', { instruments: seeded.instruments.length, endDate })
    }
  } catch (e) {
    store.close()
    throw e
  }
  const dataStatus = (): Pick<EngineStatus, 'data' | 'message'> => {
    const count = store.instruments.list().length
    return count > 0
      ? { data: 'ready', message: `${count} instruments in the local store.` }
      : { data: 'empty', message: 'The local store has no instruments yet.' }
  }
  setStatus({ engine: 'ready', ...dataStatus() })

  const bars = new BarService(store)
  const indicators = new IndicatorService(bars)
  // The demo feed starts with the first live subscription to a demo instrument, not with the engine.
  let demoFeed: DemoTickFeed | undefined
  const live = new LiveBarService({
    instruments: store.instruments,
    sourceFor: (instrument) =>
      instrument.isDemo
        ? (demoFeed ??= new DemoTickFeed({
            clock,
            scheduler: options.scheduler ?? systemScheduler,
            seed: options.demoFeedSeed ?? Math.floor(clock.now() / 1000),
            instruments: demoFeedInstruments(store),
          }))
        : null,
    scheduler: options.scheduler ?? systemScheduler,
    clock,
    logger: logger.child('live'),
    emit: (event) => events.emit('liveBars', event),
  })
  const dataHandlers = createDataHandlers({
    store,
    clock,
    logger,
    events,
    onDataChanged: () => setStatus(dataStatus()),
  })
  const strategies = new StrategyCatalog(store)
  const backtests = new BacktestService({
    store,
    bars,
    clock,
    logger: logger.child('backtest'),
    engineVersion: packageJson.version,
    nativeVersion: nativeInfo().version,
    emitProgress: (progress) => events.emit('jobProgress', progress),
  })
  const info = (transport: AppInfo['transport']): AppInfo => ({
    name: packageJson.productName,
    version: packageJson.version,
    dataDir: options.dataDir,
    databaseFile: store.file,
    sqliteVersion: store.sqliteVersion,
    nativeVersion: nativeInfo().version,
    transport,
    platform: `${process.platform}-${process.arch}`,
  })

  const handlers: Handlers = {
    app: {
      info: (_req, ctx) => info(ctx.transport),
      status: () => status,
    },
    instruments: {
      list: () => store.instruments.list(),
      coverage: ({ instrumentId }) => {
        if (!store.instruments.get(instrumentId)) throw new EngineError('not-found', `No instrument with id ${instrumentId}.`)
        return store.bars.coverage(instrumentId)
      },
      delete: dataHandlers.deleteInstrumentData,
      gaps: dataHandlers.gaps,
    },
    imports: dataHandlers.imports,
    bars: {
      load: (req) => bars.load(req),
    },
    live: {
      subscribe: ({ instrumentId, timeframe }) => live.subscribe(instrumentId, timeframe),
      unsubscribe: ({ subscriptionId }) => ({ unsubscribed: live.unsubscribe(subscriptionId) }),
    },
    indicators: {
      list: () => listIndicators(),
      compute: (req) => indicators.compute(req),
    },
    settings: {
      get: () => store.settings.get(),
      update: (patch) => {
        const next: Settings = store.settings.update(patch)
        events.emit('settings', next)
        return next
      },
    },
    charts: {
      getLayout: ({ id }) => {
        const saved = store.charts.getLayout(id)
        if (saved) return saved
        // Nothing saved yet: one chart showing what the settings remembered from before layouts existed.
        const { lastInstrumentId, lastTimeframe } = store.settings.get()
        return { ...DEFAULT_CHART_LAYOUT, charts: [{ ...DEFAULT_CHART_CONFIG, instrumentId: lastInstrumentId, timeframe: lastTimeframe }] }
      },
      saveLayout: ({ id, layout }) => ({ updatedAt: store.charts.saveLayout(id, layout) }),
      listDrawings: ({ instrumentId }) => store.charts.listDrawings(instrumentId),
      saveDrawing: ({ id, instrumentId, ...shape }) => {
        if (!store.instruments.get(instrumentId)) throw new EngineError('not-found', `No instrument with id ${instrumentId} to draw on.`)
        if (id === undefined) return store.charts.addDrawing(instrumentId, shape)
        const updated = store.charts.updateDrawing(id, instrumentId, shape)
        if (!updated) throw new EngineError('not-found', `No drawing ${id} on instrument ${instrumentId}; it may have been deleted in another window.`)
        return updated
      },
      deleteDrawing: ({ id }) => ({ deleted: store.charts.deleteDrawing(id) }),
    },
    strategies: {
      list: () => strategies.list(),
      builtins: () => strategies.builtins(),
      get: ({ id }) => strategies.get(id),
      save: (req) => strategies.save(req),
      delete: ({ id }) => strategies.delete(id),
      check: ({ source }) => strategies.check(source),
    },
    backtests: {
      run: (req) => backtests.backtest(req),
      optimize: (req) => backtests.optimize(req),
      walkForward: (req) => backtests.walkForward(req),
      monteCarlo: (req) => backtests.monteCarlo(req),
      cancel: ({ jobId }) => ({ cancelled: backtests.cancel(jobId) }),
    },
    runs: {
      list: (req) => backtests.listRuns(req),
      get: ({ id }) => backtests.getRun(id),
      delete: ({ id }) => ({ deleted: backtests.deleteRun(id) }),
      report: ({ id }) => renderReport(backtests.getRun(id), clock.now()),
      statsAs: ({ id, profile }) => backtests.runStatsAs(id, profile),
    },
  }

  return {
    dataDir: options.dataDir,
    store,
    events,
    handlers,
    dispatch: createDispatcher(handlers, logger.child('dispatch')),
    status: () => status,
    close: () => {
      dataHandlers.cancelAll()
      backtests.cancelAll()
      live.dispose()
      demoFeed?.dispose()
      store.close()
    },
  }
}
