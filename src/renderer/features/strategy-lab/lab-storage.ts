import { z } from 'zod'
import { Constraint, MAX_STRATEGY_SOURCE, SEARCH_METHODS, StatName } from '../../../shared/contract'
import { Conventions, Timeframe } from '../../../shared/domain'
import type { LabSetup } from './lab-setup'
import { DEFAULT_SETUP } from './lab-setup'

/** The part of Storage these functions use (localStorage in the app, a map in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const EDITOR_KEY = 'quorum.strategyLab.editor'
export const SETUP_KEY = 'quorum.strategyLab.setup'
export const OPEN_RUN_KEY = 'quorum.strategyLab.openRun'

/** What the editor held: the strategy it showed and, while unsaved, the text as typed. */
const StoredEditor = z.object({
  strategyId: z.number().int().positive().nullable(),
  builtinId: z.string().max(100).nullable(),
  /** Null when the editor matched what is saved. */
  draft: z.object({ name: z.string().max(200), source: z.string().max(MAX_STRATEGY_SOURCE) }).nullable(),
})
export type StoredEditor = z.infer<typeof StoredEditor>

const finite = z.number().finite()

const StoredParam = z.object({
  value: finite,
  min: finite,
  max: finite,
  step: finite,
  optimise: z.boolean(),
  declared: z.object({ name: z.string(), default: finite, min: finite, max: finite, step: finite, integer: z.boolean() }),
})

const StoredSetup = z.object({
  data: z.object({ instruments: z.array(z.number().int().positive()).max(100), timeframe: Timeframe, from: z.string().max(10), to: z.string().max(10), adjusted: z.boolean() }),
  conventions: Conventions,
  params: z.record(z.string(), StoredParam),
  optimise: z.object({
    method: z.enum(SEARCH_METHODS),
    trials: z.number().int().positive().max(100_000),
    objective: StatName,
    direction: z.enum(['max', 'min']),
    constraints: z.array(Constraint).max(20),
    seed: z.number().int().min(0),
  }),
  walkForward: z.object({ mode: z.enum(['anchored', 'rolling']), windows: z.number().int(), outOfSampleFraction: finite }),
  monteCarlo: z.object({ method: z.enum(['trade-shuffle', 'block-bootstrap']), iterations: z.number().int(), blockSize: z.number().int(), ruinDrawdown: finite, seed: z.number().int().min(0) }),
})

function readJson(storage: KeyValueStorage, key: string): unknown {
  try {
    const text = storage.getItem(key)
    return text === null ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}

/** The editor as it was left, or null (nothing stored, or something this version cannot read). */
export function readEditor(storage: KeyValueStorage): StoredEditor | null {
  const parsed = StoredEditor.safeParse(readJson(storage, EDITOR_KEY))
  return parsed.success ? parsed.data : null
}

/** Writes the editor's state; a full or refused storage is not worth an error over. */
export function writeEditor(storage: KeyValueStorage, editor: StoredEditor): boolean {
  try {
    storage.setItem(EDITOR_KEY, JSON.stringify(editor))
    return true
  } catch {
    return false
  }
}

/** The run setup as it was left; parts that do not read fall back to the defaults, one part at a time. */
export function readSetup(storage: KeyValueStorage): LabSetup {
  const raw = readJson(storage, SETUP_KEY)
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETUP
  const record = raw as Record<string, unknown>
  const part = <K extends keyof LabSetup>(key: K): LabSetup[K] => {
    const parsed = StoredSetup.shape[key].safeParse(record[key])
    return parsed.success ? (parsed.data as LabSetup[K]) : DEFAULT_SETUP[key]
  }
  return {
    data: part('data'),
    conventions: part('conventions'),
    params: part('params'),
    optimise: part('optimise'),
    walkForward: part('walkForward'),
    monteCarlo: part('monteCarlo'),
  }
}

export function writeSetup(storage: KeyValueStorage, setup: LabSetup): boolean {
  try {
    storage.setItem(SETUP_KEY, JSON.stringify(setup))
    return true
  } catch {
    return false
  }
}

/** The run the results panel showed, to show it again after a reload; null when none. */
export function readOpenRun(storage: KeyValueStorage): number | null {
  const parsed = z.number().int().positive().safeParse(readJson(storage, OPEN_RUN_KEY))
  return parsed.success ? parsed.data : null
}

export function writeOpenRun(storage: KeyValueStorage, id: number | null): void {
  try {
    if (id === null) storage.removeItem(OPEN_RUN_KEY)
    else storage.setItem(OPEN_RUN_KEY, JSON.stringify(id))
  } catch {
    // Not worth an error: the run stays in the history.
  }
}
