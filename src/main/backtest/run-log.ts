import type { RunRepository, RunRow } from '../store'

/** Where a service records its runs: the store's run table, or memory for runs nobody keeps. */
export type RunLog = Pick<RunRepository, 'start' | 'finish' | 'get' | 'part'>

/**
 * Runs kept only for the life of one command (a CLI backtest of a file that is not in the
 * store): the same bookkeeping as the store's run table, without writing anything.
 */
export class MemoryRunLog implements RunLog {
  private readonly rows = new Map<number, { row: RunRow; parts: Readonly<Record<string, unknown>> }>()
  private nextId = 1

  constructor(private readonly now: () => number) {}

  start(input: Parameters<RunLog['start']>[0]): number {
    const id = this.nextId++
    const row: RunRow = {
      id,
      kind: input.kind,
      parentId: input.parentId ?? null,
      strategyVersionId: input.strategyVersionId ?? null,
      title: input.title,
      status: 'running',
      manifest: input.manifest,
      summary: null,
      error: null,
      startedAt: this.now(),
      finishedAt: null,
    }
    this.rows.set(id, { row, parts: {} })
    return id
  }

  finish(id: number, outcome: Parameters<RunLog['finish']>[1]): boolean {
    const entry = this.rows.get(id)
    if (!entry || entry.row.status !== 'running') return false
    entry.row = { ...entry.row, status: outcome.status, summary: outcome.summary ?? null, error: outcome.error ?? null, finishedAt: this.now() }
    entry.parts = outcome.parts ?? {}
    return true
  }

  get(id: number): RunRow | undefined {
    return this.rows.get(id)?.row
  }

  part(id: number, part: string): unknown {
    return this.rows.get(id)?.parts[part]
  }
}
