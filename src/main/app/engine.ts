import { join } from 'node:path'
import packageJson from '../../../package.json'
import type { AppInfo, Handlers, Settings } from '../../shared/contract'
import type { EngineStatus } from '../../shared/domain'
import { BarService, lastCompletedSessionDate, seedDemoMarket } from '../data'
import type { Clock, Logger } from '../kernel'
import { EngineError } from '../kernel'
import { nativeInfo } from '../native'
import type { Store } from '../store'
import { openStore } from '../store'
import { DATABASE_FILE } from './data-dir'
import { createDispatcher, type Dispatch } from './dispatcher'
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
  const instrumentCount = store.instruments.list().length
  setStatus({
    engine: 'ready',
    data: instrumentCount > 0 ? 'ready' : 'empty',
    message: instrumentCount > 0 ? `${instrumentCount} instruments in the local store.` : 'The local store has no instruments yet.',
  })

  const bars = new BarService(store)
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
    },
    bars: {
      load: (req) => bars.load(req),
    },
    settings: {
      get: () => store.settings.get(),
      update: (patch) => {
        const next: Settings = store.settings.update(patch)
        events.emit('settings', next)
        return next
      },
    },
  }

  return {
    dataDir: options.dataDir,
    store,
    events,
    handlers,
    dispatch: createDispatcher(handlers, logger.child('dispatch')),
    status: () => status,
    close: () => store.close(),
  }
}
