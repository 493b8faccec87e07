import type { EquityCurve, RunReport, RunResult, TradeColumns } from '../../shared/contract'
import type { BacktestStats } from '../../shared/domain'
import { EXIT_REASONS, STAT_NAMES } from '../../shared/domain'
import { finiteExtent, histogram } from '../../shared/stats'
import { isoDate } from './data-selection'

/** How each statistic is labelled and formatted in the report (and the UI mirrors it). */
const STAT_FORMAT: Record<keyof BacktestStats, { label: string; kind: 'money' | 'pct' | 'ratio' | 'int' | 'days' }> = {
  startingCash: { label: 'Starting cash', kind: 'money' },
  finalEquity: { label: 'Final equity', kind: 'money' },
  totalReturn: { label: 'Total return', kind: 'pct' },
  annualReturn: { label: 'Annual return', kind: 'pct' },
  volatility: { label: 'Volatility (annual)', kind: 'pct' },
  sharpe: { label: 'Sharpe', kind: 'ratio' },
  sortino: { label: 'Sortino', kind: 'ratio' },
  calmar: { label: 'Calmar', kind: 'ratio' },
  maxDrawdown: { label: 'Max drawdown', kind: 'pct' },
  maxDrawdownDays: { label: 'Max drawdown duration (days)', kind: 'days' },
  maxDrawdownBars: { label: 'Max drawdown duration (bars)', kind: 'int' },
  trades: { label: 'Trades', kind: 'int' },
  winRate: { label: 'Win rate', kind: 'pct' },
  profitFactor: { label: 'Profit factor', kind: 'ratio' },
  expectancy: { label: 'Expectancy (per trade)', kind: 'money' },
  exposure: { label: 'Exposure', kind: 'pct' },
  turnover: { label: 'Turnover (per year)', kind: 'ratio' },
  commissions: { label: 'Commissions', kind: 'money' },
}

export function formatStat(name: keyof BacktestStats, value: number): string {
  if (!Number.isFinite(value)) return value === Infinity ? '∞' : value === -Infinity ? '−∞' : '—'
  switch (STAT_FORMAT[name].kind) {
    case 'money':
      return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    case 'pct':
      return `${(value * 100).toFixed(2)}%`
    case 'ratio':
      return value.toFixed(2)
    case 'int':
    case 'days':
      return Math.round(value).toLocaleString('en-US')
  }
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

function statsTable(stats: BacktestStats): string {
  const rows = STAT_NAMES.map((n) => `<tr><th>${escape(STAT_FORMAT[n].label)}</th><td>${escape(formatStat(n, stats[n]))}</td></tr>`)
  return `<table class="stats">${rows.join('')}</table>`
}

/** A line chart as inline SVG (no script): `values` against `time`, downsampled to `width` points. */
function lineChart(time: ArrayLike<number>, values: ArrayLike<number>, options: { title: string; color: string; percent?: boolean; height?: number }): string {
  const width = 900
  const height = options.height ?? 220
  const n = values.length
  if (n < 2) return ''
  const extent = finiteExtent(values)
  const lo = extent.lo
  let hi = extent.hi
  if (!(hi > lo)) hi = lo + 1
  const points: string[] = []
  const step = Math.max(1, Math.floor(n / width))
  for (let i = 0; i < n; i += step) {
    const x = (i / (n - 1)) * (width - 60) + 55
    const y = height - 20 - (((values[i] ?? lo) - lo) / (hi - lo)) * (height - 40)
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`)
  }
  const label = (v: number): string => (options.percent ? `${(v * 100).toFixed(1)}%` : v.toLocaleString('en-US', { maximumFractionDigits: 0 }))
  const first = time[0] ?? 0
  const last = time[n - 1] ?? 0
  return `<figure><figcaption>${escape(options.title)}</figcaption><svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escape(options.title)}">
<polyline fill="none" stroke="${options.color}" stroke-width="1.5" points="${points.join(' ')}"/>
<text x="0" y="20" class="axis">${escape(label(hi))}</text><text x="0" y="${height - 20}" class="axis">${escape(label(lo))}</text>
<text x="55" y="${height - 3}" class="axis">${escape(isoDate(first))}</text><text x="${width - 80}" y="${height - 3}" class="axis">${escape(isoDate(last))}</text>
</svg></figure>`
}

function histogramChart(values: Float64Array, title: string, percent: boolean): string {
  const { edges, counts } = histogram(values, 40)
  if (counts.length === 0) return ''
  const lo = edges[0] ?? 0
  const hi = edges[edges.length - 1] ?? 0
  const max = Math.max(...counts)
  const width = 900
  const height = 180
  const bw = (width - 60) / counts.length
  const bars = counts.map((c, i) => `<rect x="${(55 + i * bw).toFixed(1)}" y="${(height - 20 - (c / max) * (height - 40)).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${((c / max) * (height - 40)).toFixed(1)}" fill="#4c78a8"/>`)
  const label = (v: number): string => (percent ? `${(v * 100).toFixed(1)}%` : v.toFixed(2))
  return `<figure><figcaption>${escape(title)}</figcaption><svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escape(title)}">${bars.join('')}
<text x="55" y="${height - 3}" class="axis">${escape(label(lo))}</text><text x="${width - 80}" y="${height - 3}" class="axis">${escape(label(hi))}</text></svg></figure>`
}

function tradesTable(trades: TradeColumns, symbols: readonly string[], limit = 500): string {
  const n = trades.pnl.length
  const rows: string[] = []
  for (let i = 0; i < Math.min(n, limit); i++) {
    rows.push(
      `<tr><td>${i + 1}</td><td>${escape(symbols[trades.instrument[i] ?? 0] ?? '')}</td><td>${trades.side[i] === 1 ? 'long' : 'short'}</td>` +
        `<td>${escape(isoDate(trades.entryTime[i] ?? 0))}</td><td>${(trades.entryPrice[i] ?? 0).toFixed(2)}</td>` +
        `<td>${escape(isoDate(trades.exitTime[i] ?? 0))}</td><td>${(trades.exitPrice[i] ?? 0).toFixed(2)}</td>` +
        `<td>${trades.quantity[i] ?? 0}</td><td class="${(trades.pnl[i] ?? 0) >= 0 ? 'pos' : 'neg'}">${(trades.pnl[i] ?? 0).toFixed(2)}</td>` +
        `<td>${(trades.mae[i] ?? 0).toFixed(2)}</td><td>${(trades.mfe[i] ?? 0).toFixed(2)}</td><td>${trades.barsHeld[i] ?? 0}</td><td>${escape(EXIT_REASONS[trades.exitReason[i] ?? 0] ?? '')}</td></tr>`,
    )
  }
  const more = n > limit ? `<p>${n - limit} more trades are in the run's data (CLI: <code>quorum backtest --json</code>).</p>` : ''
  return `<table class="trades"><thead><tr><th>#</th><th>Symbol</th><th>Side</th><th>Entry</th><th>Price</th><th>Exit</th><th>Price</th><th>Qty</th><th>P&amp;L</th><th>MAE</th><th>MFE</th><th>Bars</th><th>Exit reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`
}

function equitySection(equity: EquityCurve): string {
  return lineChart(equity.time, equity.equity, { title: 'Equity', color: '#2e7d32' }) + lineChart(equity.time, equity.drawdown, { title: 'Drawdown', color: '#c62828', percent: true, height: 150 })
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#1d1d1f}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.2rem .6rem;border-bottom:1px solid #e3e3e3;text-align:right}th{text-align:left;font-weight:600}
table.trades td,table.trades th{font-size:12px}.pos{color:#2e7d32}.neg{color:#c62828}.axis{font-size:11px;fill:#666}figure{margin:1rem 0}figcaption{font-weight:600}
pre{background:#f6f6f6;padding:.8rem;overflow:auto;font-size:12px}.meta td{text-align:left}`

/**
 * One self-contained HTML file for a run (no scripts, no network): what was run (the manifest,
 * including the strategy source), the statistics, the charts as inline SVG, and the trades.
 */
export function renderReport(result: RunResult, generatedAt: number): RunReport {
  const m = result.manifest
  const symbols = m.data.instruments.map((i) => i.symbol)
  const params = Object.entries(m.params)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ')
  const meta = `<table class="meta">
<tr><th>Strategy</th><td>${escape(m.strategy.name)} (version ${escape(m.strategy.hash.slice(0, 12))})</td></tr>
<tr><th>Parameters</th><td>${escape(params || 'defaults')}</td></tr>
<tr><th>Data</th><td>${escape(m.data.instruments.map((i) => `${i.symbol} ${m.data.timeframe}, ${i.bars} bars ${isoDate(i.firstTime)} – ${isoDate(i.lastTime)} (fingerprint ${i.fingerprint.slice(0, 12)})`).join('; '))}${m.data.adjusted ? ', adjusted' : ', raw prices'}</td></tr>
<tr><th>Conventions</th><td><code>${escape(JSON.stringify(m.conventions))}</code></td></tr>
<tr><th>Engine</th><td>Quorum ${escape(m.engineVersion)}, native ${escape(m.nativeVersion)}</td></tr>
<tr><th>Run</th><td>#${result.run.id}, ${escape(new Date(result.run.startedAt).toISOString())}</td></tr>
</table>`
  let body = ''
  switch (result.kind) {
    case 'backtest':
      body = `<h2>Statistics</h2>${statsTable(result.stats)}<h2>Equity and drawdown</h2>${equitySection(result.equity)}<h2>Trades</h2>${tradesTable(result.trades, symbols)}`
      break
    case 'optimization': {
      const o = result.overfitting
      const top = topTrials(result)
      body =
        `<h2>Search</h2><p>${o.trials} trials (${escape(m.settings?.method ?? '')}), objective ${escape(m.settings?.objective ?? '')} (${escape(m.settings?.direction ?? '')}).</p>` +
        `<h2>Is it overfit?</h2><table><tr><th>Best trial's Sharpe</th><td>${o.bestSharpe.toFixed(2)}</td></tr><tr><th>Sharpe expected from luck, best of ${o.trials}</th><td>${o.expectedMaxSharpe.toFixed(2)}</td></tr>` +
        `<tr><th>Deflated Sharpe Ratio</th><td>${Number.isFinite(o.deflatedSharpe) ? `${(o.deflatedSharpe * 100).toFixed(1)}%` : '—'}</td></tr>` +
        `<tr><th>Probability of Backtest Overfitting (CSCV, ${o.blocks} blocks)</th><td>${o.pbo === null ? '—' : `${(o.pbo * 100).toFixed(1)}%`}</td></tr></table>` +
        `<p>The Deflated Sharpe Ratio is the probability that the best trial's Sharpe is not luck given how many trials were run; PBO is the probability that the best in-sample choice ranks below the median out of sample.</p>` +
        `<h2>Best trials</h2>${top}`
      break
    }
    case 'walk-forward':
      body =
        `<h2>Out-of-sample statistics (stitched)</h2>${statsTable(result.stats)}<p>Walk-forward efficiency: ${Number.isFinite(result.efficiency) ? result.efficiency.toFixed(2) : '—'}</p>` +
        `<h2>Stitched out-of-sample equity</h2>${equitySection(result.equity)}<h2>Windows (${escape(result.mode)})</h2><table><thead><tr><th>#</th><th>In sample</th><th>Out of sample</th><th>Parameters</th><th>IS annual</th><th>OOS annual</th></tr></thead><tbody>` +
        result.windows
          .map(
            (w, i) =>
              `<tr><td>${i + 1}</td><td>${isoDate(w.inSampleFrom)} – ${isoDate(w.inSampleTo)}</td><td>${isoDate(w.outOfSampleFrom)} – ${isoDate(w.outOfSampleTo)}</td><td>${escape(
                w.params
                  ? Object.entries(w.params)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(' ')
                  : 'no feasible trial',
              )}</td><td>${(w.inSampleAnnualReturn * 100).toFixed(1)}%</td><td>${(w.outOfSampleAnnualReturn * 100).toFixed(1)}%</td></tr>`,
          )
          .join('') +
        '</tbody></table>'
      break
    case 'monte-carlo':
      body =
        `<h2>Monte Carlo (${escape(result.method)}, ${result.iterations} paths)</h2><table><thead><tr><th></th><th>5th pct</th><th>median</th><th>95th pct</th></tr></thead><tbody>` +
        `<tr><th>Total return</th><td>${(result.totalReturn.p5 * 100).toFixed(1)}%</td><td>${(result.totalReturn.p50 * 100).toFixed(1)}%</td><td>${(result.totalReturn.p95 * 100).toFixed(1)}%</td></tr>` +
        `<tr><th>Max drawdown</th><td>${(result.maxDrawdown.p5 * 100).toFixed(1)}%</td><td>${(result.maxDrawdown.p50 * 100).toFixed(1)}%</td><td>${(result.maxDrawdown.p95 * 100).toFixed(1)}%</td></tr></tbody></table>` +
        `<p>Risk of ruin (a drawdown of ${(result.ruinDrawdown * 100).toFixed(0)}% or more): <strong>${(result.riskOfRuin * 100).toFixed(1)}%</strong></p>` +
        histogramChart(result.maxDrawdown.values, 'Max drawdown distribution', true) +
        histogramChart(result.totalReturn.values, 'Total return distribution', true)
      break
  }
  const title = `${result.run.title}`
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title><style>${STYLE}</style></head><body>
<h1>${escape(title)}</h1>${meta}${body}<h2>Strategy source</h2><pre>${escape(m.strategy.source)}</pre><p><small>Generated by Quorum on ${escape(new Date(generatedAt).toISOString())}.</small></p></body></html>`
  const fileName = `quorum-run-${result.run.id}-${result.kind}.html`
  return { fileName, html }
}

function topTrials(result: Extract<RunResult, { kind: 'optimization' }>): string {
  const t = result.trials
  const width = STAT_NAMES.length
  const n = t.feasible.length
  const objective = result.manifest.settings?.objective ?? 'sharpe'
  const sign = result.manifest.settings?.direction === 'min' ? -1 : 1
  const k = STAT_NAMES.indexOf(objective)
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => t.feasible[i])
    .sort((a, b) => sign * ((t.stats[b * width + k] ?? -Infinity) - (t.stats[a * width + k] ?? -Infinity)))
    .slice(0, 20)
  const head = `<tr>${t.paramNames.map((p) => `<th>${escape(p)}</th>`).join('')}<th>Sharpe</th><th>Total return</th><th>Max DD</th><th>Trades</th></tr>`
  const rows = order.map((i) => {
    const s = (name: (typeof STAT_NAMES)[number]): number => t.stats[i * width + STAT_NAMES.indexOf(name)] ?? NaN
    return `<tr>${t.paramNames.map((_, j) => `<td>${t.params[i * t.paramNames.length + j]}</td>`).join('')}<td>${formatStat('sharpe', s('sharpe'))}</td><td>${formatStat('totalReturn', s('totalReturn'))}</td><td>${formatStat('maxDrawdown', s('maxDrawdown'))}</td><td>${formatStat('trades', s('trades'))}</td></tr>`
  })
  return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
}
