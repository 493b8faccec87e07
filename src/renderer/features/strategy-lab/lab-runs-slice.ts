import type { StateCreator } from 'zustand'
import type { BacktestResult, RunResult, RunSummary } from '../../../shared/contract'
import type { QuorumStore } from '../../app/store'

/** The tabs of the results panel; each kind of run shows some of them. */
export type ResultTab = 'statistics' | 'equity' | 'price' | 'trades' | 'trials' | 'heatmap' | 'overfitting' | 'windows' | 'distributions' | 'paths' | 'compare'

export const RESULT_TABS: Readonly<Record<RunResult['kind'] | 'compare', readonly ResultTab[]>> = {
  backtest: ['statistics', 'equity', 'price', 'trades'],
  optimization: ['trials', 'heatmap', 'overfitting'],
  'walk-forward': ['windows', 'equity', 'statistics'],
  'monte-carlo': ['distributions', 'paths'],
  compare: ['compare'],
}

export const TAB_LABELS: Readonly<Record<ResultTab, string>> = {
  statistics: 'Statistics',
  equity: 'Equity',
  price: 'Price & trades',
  trades: 'Trades',
  trials: 'Trials',
  heatmap: 'Heatmap',
  overfitting: 'DSR & PBO',
  windows: 'Windows',
  distributions: 'Distributions',
  paths: 'Paths',
  compare: 'Compare',
}

/** Two backtests side by side: `a` the older run, so B − A reads as what changed since. */
export interface LabComparison {
  readonly a: BacktestResult
  readonly b: BacktestResult
}

export interface LabRunsSlice {
  readonly labRuns: readonly RunSummary[]
  readonly labRunsLoaded: boolean
  /** The run the results panel shows. */
  readonly labResult: RunResult | null
  /** A run being read (its id), for the history's busy mark. */
  readonly labOpeningRunId: number | null
  readonly labResultTab: ResultTab
  /** Runs ticked for Compare, oldest pick first; at most two. */
  readonly labCompareIds: readonly number[]
  /** Shown instead of the open run while set. */
  readonly labComparison: LabComparison | null
  setLabRuns(runs: readonly RunSummary[]): void
  /** Shows a run; the tab stays when the new run has it, else the run's first tab. */
  showLabResult(result: RunResult): void
  setLabOpeningRunId(id: number | null): void
  setLabResultTab(tab: ResultTab): void
  toggleLabCompare(id: number): void
  showLabComparison(comparison: LabComparison | null): void
  /** A run was deleted: drop it from everything that names it. */
  forgetLabRun(id: number): void
}

export function tabsFor(result: RunResult | null, comparing: boolean): readonly ResultTab[] {
  if (comparing) return RESULT_TABS.compare
  return result ? RESULT_TABS[result.kind] : []
}

export const createLabRunsSlice: StateCreator<QuorumStore, [], [], LabRunsSlice> = (set) => ({
  labRuns: [],
  labRunsLoaded: false,
  labResult: null,
  labOpeningRunId: null,
  labResultTab: 'statistics',
  labCompareIds: [],
  labComparison: null,
  setLabRuns: (labRuns) => set({ labRuns, labRunsLoaded: true }),
  showLabResult: (result) =>
    set((s) => {
      const tabs = RESULT_TABS[result.kind]
      return { labResult: result, labComparison: null, labResultTab: tabs.includes(s.labResultTab) ? s.labResultTab : (tabs[0] ?? 'statistics') }
    }),
  setLabOpeningRunId: (labOpeningRunId) => set({ labOpeningRunId }),
  setLabResultTab: (labResultTab) => set({ labResultTab }),
  toggleLabCompare: (id) =>
    set((s) => {
      if (s.labCompareIds.includes(id)) return { labCompareIds: s.labCompareIds.filter((x) => x !== id) }
      return { labCompareIds: [...s.labCompareIds, id].slice(-2) }
    }),
  showLabComparison: (labComparison) => set((s) => ({ labComparison, labResultTab: labComparison ? 'compare' : (tabsFor(s.labResult, false)[0] ?? 'statistics') })),
  forgetLabRun: (id) =>
    set((s) => ({
      labRuns: s.labRuns.filter((r) => r.id !== id),
      labResult: s.labResult?.run.id === id ? null : s.labResult,
      labCompareIds: s.labCompareIds.filter((x) => x !== id),
      labComparison: s.labComparison && (s.labComparison.a.run.id === id || s.labComparison.b.run.id === id) ? null : s.labComparison,
    })),
})

/** The backtest run Monte Carlo would resample for the run shown: itself, an optimisation's best trial, or a simulation's source. */
export function monteCarloSource(result: RunResult | null): { readonly runId: number; readonly label: string } | null {
  if (!result) return null
  switch (result.kind) {
    case 'backtest':
      return { runId: result.run.id, label: `run #${result.run.id}` }
    case 'optimization':
      return result.bestRunId === null ? null : { runId: result.bestRunId, label: `best trial, run #${result.bestRunId}` }
    case 'monte-carlo': {
      const source = result.manifest.extra?.sourceRunId
      return typeof source === 'number' ? { runId: source, label: `run #${source}` } : null
    }
    case 'walk-forward':
      return null
  }
}
