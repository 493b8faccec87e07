import type { RunResult } from '../../../shared/contract'
import { useStore } from '../../app/store'
import { BacktestStatsView } from './BacktestStatsView'
import { CompareView } from './CompareView'
import { EquityView } from './EquityView'
import { HeatmapView } from './HeatmapView'
import type { ResultTab } from './lab-runs-slice'
import { LAB_KEYS } from './lab-shortcuts'
import { TAB_LABELS, tabsFor } from './lab-runs-slice'
import { MonteCarloDistributions, MonteCarloPaths } from './MonteCarloView'
import { OverfittingView } from './OverfittingView'
import { runDataLabel, runTime } from './run-context'
import { exportReport, openRun } from './run-history-actions'
import { StatsTable } from './StatsTable'
import { TradePriceView } from './TradePriceView'
import { TradesTable } from './TradesTable'
import { TrialsTable } from './TrialsTable'
import { WalkForwardWindows } from './WalkForwardView'

function TabContent({ result, tab }: { readonly result: RunResult; readonly tab: ResultTab }) {
  const instruments = useStore((s) => s.instruments)
  const time = runTime(result.manifest, instruments)
  switch (result.kind) {
    case 'backtest':
      if (tab === 'equity') return <EquityView equity={result.equity} timeZone={time.timeZone} intraday={time.intraday} />
      if (tab === 'price') return <TradePriceView result={result} />
      if (tab === 'trades') return <TradesTable result={result} />
      return <BacktestStatsView result={result} />
    case 'optimization':
      if (tab === 'heatmap') return <HeatmapView result={result} />
      if (tab === 'overfitting') return <OverfittingView result={result} />
      return <TrialsTable result={result} />
    case 'walk-forward':
      if (tab === 'equity') return <EquityView equity={result.equity} timeZone={time.timeZone} intraday={time.intraday} testId="lab-wf-equity" />
      if (tab === 'statistics') return <StatsTable stats={result.stats} />
      return <WalkForwardWindows result={result} />
    case 'monte-carlo':
      if (tab === 'paths') return <MonteCarloPaths result={result} />
      return <MonteCarloDistributions result={result} />
  }
}

/** What the run is, in one line: kind, data, parameters or the best trial. */
function RunHeadline({ result }: { readonly result: RunResult }) {
  const best = result.kind === 'optimization' && result.bestRunId !== null ? result.bestRunId : null
  return (
    <div className="lab-results__head">
      <span className="lab-results__title" title={result.run.title}>
        #{result.run.id} · {result.run.title}
      </span>
      <span className="lab-hint">{runDataLabel(result.manifest)}</span>
      <span className="lab-spacer" />
      {best !== null ? (
        <button type="button" className="button button--small" data-testid="lab-open-best" onClick={() => void openRun(best)} title="Open the best trial's full backtest (equity, trades)">
          Open best trial
        </button>
      ) : null}
      <button type="button" className="button button--small" data-testid="lab-export-report" onClick={() => void exportReport(result.run.id)} title="Download a self-contained HTML report of this run">
        Export report
      </button>
    </div>
  )
}

/** The results of the run shown (or two runs compared), in tabs. */
export function ResultsPanel() {
  const result = useStore((s) => s.labResult)
  const comparison = useStore((s) => s.labComparison)
  const tab = useStore((s) => s.labResultTab)
  const setTab = useStore((s) => s.setLabResultTab)
  const showComparison = useStore((s) => s.showLabComparison)
  const tabs = tabsFor(result, comparison !== null)
  const current = tabs.includes(tab) ? tab : (tabs[0] ?? 'statistics')
  if (!result && !comparison) {
    return (
      <section className="panel lab-panel lab-results lab-results--empty" data-testid="lab-results" data-kind="">
        <p className="lab-empty">Run a backtest ({LAB_KEYS.runBacktest}) or open a run from the history to see its results here.</p>
      </section>
    )
  }
  return (
    <section className="panel lab-panel lab-results" data-testid="lab-results" data-kind={comparison ? 'compare' : result?.kind} data-run-id={comparison ? '' : result?.run.id} aria-label="Results">
      {comparison ? (
        <div className="lab-results__head">
          <span className="lab-results__title">
            Comparing #{comparison.a.run.id} and #{comparison.b.run.id}
          </span>
          <span className="lab-spacer" />
          {result ? (
            <button type="button" className="button button--small" onClick={() => showComparison(null)}>
              Back to #{result.run.id}
            </button>
          ) : null}
        </div>
      ) : result ? (
        <RunHeadline result={result} />
      ) : null}
      <div className="lab-tabs" role="tablist" aria-label="Result views">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={t === current} className={`lab-tab${t === current ? ' lab-tab--active' : ''}`} data-testid={`lab-tab-${t}`} onClick={() => setTab(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div className="lab-results__body" role="tabpanel" data-tab={current}>
        {comparison ? <CompareView comparison={comparison} /> : result ? <TabContent key={`${result.run.id}-${current}`} result={result} tab={current} /> : null}
      </div>
    </section>
  )
}
