import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { DateTime } from 'luxon'
import type { BacktestResult, DataSelection, MonteCarloResult, OptimizationResult, ProfileStats, RunResult, WalkForwardResult, OptimizeSettings as OptimizeSettingsType, StrategyRef, TradeColumns } from '../../shared/contract'
import { OptimizeSettings, STAT_PROFILES, StatName, StatProfile, type Constraint } from '../../shared/contract'
import type { BacktestStats, Conventions as ConventionsType, InstrumentId, Timeframe as TimeframeType } from '../../shared/domain'
import { Conventions, EXIT_REASONS, sliceBars, STAT_NAMES, Timeframe } from '../../shared/domain'
import { formatProfileStat } from '../../shared/stats'
import { BacktestService, fingerprintBars, formatStat, renderReport, type LoadedSelection } from '../backtest'
import { BarService } from '../data'
import type { Clock, Logger } from '../kernel'
import { EngineError } from '../kernel'
import { nativeInfo } from '../native'
import type { Store } from '../store'
import { openStore } from '../store'
import { BUILTIN_STRATEGIES } from '../strategy'
import { BarsFileError, readBarsFile } from './bars-file'
import { DATABASE_FILE } from './data-dir'
import type { CommandIo } from './indicator-command'

export const BACKTEST_USAGE = `  quorum backtest --input <file | SYMBOL> --strategy <file | builtin:NAME> [--param key=value ...]
                  [--config <conventions.json>] [--timeframe 1D] [--from DATE] [--to DATE] [--raw]
                  [--monte-carlo N [--mc-method trade-shuffle|block-bootstrap]] [--stats-as backtesting.py]
                  [--report FILE.html] [--json]
      Backtest a strategy over an OHLCV file (any format \`import\` reads; not stored) or over an
      instrument in the local store (the run is saved there). Prints the statistics; --json prints
      the statistics, the trade list and the equity curve. --config holds the conventions
      (fills, commissions, slippage, sizing limits; see docs/backtesting.md). --monte-carlo adds
      N resampled paths: drawdown and return percentiles and the risk of ruin. --stats-as adds the
      run's statistics as another tool defines them, under its labels (docs/metrics.md).
  quorum optimize  (the same input flags) [--method grid|random|tpe] [--trials N]
                  [--objective STAT] [--minimize] [--constraint "trades>=30" ...]
                  [--range name=min:max:step ...] [--seed N]
                  [--walk-forward N [--anchored] [--oos 0.25]] [--report FILE.html] [--json]
      Search the strategy's parameter ranges on both cores. Prints the best trials, the
      Deflated Sharpe Ratio and the Probability of Backtest Overfitting. --walk-forward runs that
      search in N rolling (or anchored) windows and tests each window's best on the bars after it.
`

export interface BacktestCommandFlags {
  readonly input?: string | undefined
  readonly strategy?: string | undefined
  readonly param?: string[] | undefined
  readonly config?: string | undefined
  readonly timeframe?: string | undefined
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly raw?: boolean | undefined
  readonly json?: boolean | undefined
  readonly format?: string | undefined
  readonly symbol?: string | undefined
  readonly tz?: string | undefined
  readonly 'skip-bad-lines'?: boolean | undefined
  readonly method?: string | undefined
  readonly trials?: string | undefined
  readonly objective?: string | undefined
  readonly minimize?: boolean | undefined
  readonly constraint?: string[] | undefined
  readonly range?: string[] | undefined
  readonly seed?: string | undefined
  readonly 'monte-carlo'?: string | undefined
  readonly 'mc-method'?: string | undefined
  readonly 'walk-forward'?: string | undefined
  readonly anchored?: boolean | undefined
  readonly oos?: string | undefined
  readonly report?: string | undefined
  readonly 'stats-as'?: string | undefined
}

export interface BacktestCommandContext extends CommandIo {
  readonly dataDir: string
  readonly clock: Clock
  readonly logger: Logger
  readonly engineVersion: string
  readonly signal?: AbortSignal
}

class UsageError extends Error {}

function parseKeyValues(pairs: readonly string[], flag: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const pair of pairs) {
    const match = /^([A-Za-z_]\w*)=(.+)$/.exec(pair)
    const value = match ? Number(match[2]) : Number.NaN
    if (!match || !Number.isFinite(value)) throw new UsageError(`${flag} must be key=number, got "${pair}"`)
    out[match[1] as string] = value
  }
  return out
}

function parseDate(text: string | undefined, flag: string, endOfDay: boolean): number | undefined {
  if (text === undefined) return undefined
  const d = DateTime.fromISO(text, { zone: 'utc' })
  if (!d.isValid) throw new UsageError(`${flag} must be a date like 2015-01-31, got "${text}"`)
  return (endOfDay && text.length <= 10 ? d.endOf('day') : d).toSeconds()
}

function readStrategy(spec: string | undefined): StrategyRef {
  if (!spec) throw new UsageError(`--strategy <file | builtin:NAME> is required; built-ins: ${BUILTIN_STRATEGIES.map((b) => b.id).join(', ')}`)
  if (spec.startsWith('builtin:')) {
    const id = spec.slice('builtin:'.length)
    const found = BUILTIN_STRATEGIES.find((b) => b.id === id)
    if (!found) throw new UsageError(`no built-in strategy "${id}"; built-ins: ${BUILTIN_STRATEGIES.map((b) => b.id).join(', ')}`)
    return { source: found.source }
  }
  const path = resolve(spec)
  if (!existsSync(path)) throw new UsageError(`the strategy file ${path} does not exist`)
  return { source: readFileSync(path, 'utf8') }
}

function readProfile(text: string | undefined, command: 'backtest' | 'optimize'): StatProfile | undefined {
  if (text === undefined) return undefined
  if (command !== 'backtest') throw new UsageError('--stats-as is for quorum backtest')
  const parsed = StatProfile.safeParse(text)
  if (!parsed.success) throw new UsageError(`--stats-as must be one of ${STAT_PROFILES.join(', ')}, got "${text}"`)
  return parsed.data
}

function readConventions(path: string | undefined): ConventionsType {
  if (path === undefined) return Conventions.parse({})
  const file = resolve(path)
  let value: unknown
  try {
    value = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new UsageError(`--config ${file}: ${e instanceof Error ? e.message : String(e)}`)
  }
  const parsed = Conventions.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(`--config ${file}: ${issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'invalid'}`)
  }
  return parsed.data
}

function readSettings(flags: BacktestCommandFlags): OptimizeSettingsType {
  const ranges: Record<string, { min: number; max: number; step: number }> = {}
  for (const r of flags.range ?? []) {
    const m = /^([A-Za-z_]\w*)=([^:]+):([^:]+):([^:]+)$/.exec(r)
    const [min, max, step] = m ? [Number(m[2]), Number(m[3]), Number(m[4])] : [NaN, NaN, NaN]
    if (!m || ![min, max, step].every(Number.isFinite)) throw new UsageError(`--range must be name=min:max:step, got "${r}"`)
    ranges[m[1] as string] = { min, max, step }
  }
  const constraints: Constraint[] = []
  for (const c of flags.constraint ?? []) {
    const m = /^\s*(\w+)\s*(>=|<=)\s*(-?[\d.eE+-]+)\s*$/.exec(c)
    const stat = StatName.safeParse(m?.[1])
    if (!m || !stat.success || !Number.isFinite(Number(m[3]))) throw new UsageError(`--constraint must be like "trades>=30" with a statistic of ${STAT_NAMES.join(', ')}; got "${c}"`)
    constraints.push({ stat: stat.data, op: m[2] as '>=' | '<=', value: Number(m[3]) })
  }
  const parsed = OptimizeSettings.safeParse({
    method: flags.method,
    trials: flags.trials === undefined ? undefined : Number(flags.trials),
    objective: flags.objective,
    direction: flags.minimize ? 'min' : 'max',
    constraints,
    ranges,
    seed: flags.seed === undefined ? undefined : Number(flags.seed),
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(`--${String(issue?.path[0] ?? 'method')}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

/** A file read with the importer (not stored), as one instrument of a run. */
async function loadFile(input: string, flags: BacktestCommandFlags, timeframe: TimeframeType | undefined): Promise<{ data: LoadedSelection; timeframe: TimeframeType }> {
  let series
  try {
    series = await readBarsFile({ ...flags, input })
  } catch (e) {
    if (!(e instanceof BarsFileError)) throw e
    if (e.usage) throw new UsageError(e.message)
    throw new EngineError('invalid-request', [...e.lines.slice(0, 5), e.message].join('\n'))
  }
  if (timeframe && timeframe !== series.timeframe) throw new EngineError('invalid-request', `${input} holds ${series.timeframe} bars, not ${timeframe}; resample by importing it first`)
  const bars = series.bars
  const n = bars.time.length
  return {
    timeframe: series.timeframe,
    data: {
      series: [bars],
      instruments: [{ id: 0 as InstrumentId, symbol: series.symbol, exchange: 'file', bars: n, firstTime: bars.time[0] ?? NaN, lastTime: bars.time[n - 1] ?? NaN, fingerprint: fingerprintBars(bars) }],
    },
  }
}

/** Exit codes: 0 done, 1 the run failed (bad strategy, data, parameters), 2 bad usage, 130 cancelled. */
export async function runBacktestCommand(command: 'backtest' | 'optimize', flags: BacktestCommandFlags, context: BacktestCommandContext): Promise<number> {
  const { stdout, stderr } = context
  let store: Store | undefined
  try {
    if (!flags.input) throw new UsageError('--input <file | SYMBOL> is required')
    const strategy = readStrategy(flags.strategy)
    const conventions = readConventions(flags.config)
    const params = parseKeyValues(flags.param ?? [], '--param')
    const timeframeFlag = flags.timeframe === undefined ? undefined : Timeframe.safeParse(flags.timeframe)
    if (timeframeFlag && !timeframeFlag.success) throw new UsageError(`--timeframe must be one of ${Timeframe.options.join(', ')}`)
    const from = parseDate(flags.from, '--from', false)
    const to = parseDate(flags.to, '--to', true)
    const settings = command === 'optimize' ? readSettings(flags) : undefined
    const statsAs = readProfile(flags['stats-as'], command)

    store = openStore({ file: resolve(context.dataDir, DATABASE_FILE), logger: context.logger.child('store'), clock: context.clock })
    const service = new BacktestService({
      store,
      bars: new BarService(store),
      clock: context.clock,
      logger: context.logger,
      engineVersion: context.engineVersion,
      nativeVersion: nativeInfo().version,
      emitProgress: (p) => {
        if (!flags.json && p.total > 0 && p.done > 0) stderr.write(`\r${p.phase}: ${Math.round((p.done / p.total) * 100)}%   `)
      },
    })
    context.signal?.addEventListener('abort', () => service.cancelAll(), { once: true })
    const path = resolve(flags.input)
    let data: DataSelection | { preloaded: LoadedSelection; timeframe: TimeframeType; adjusted: boolean }
    let persist = true
    if (existsSync(path)) {
      const file = await loadFile(flags.input, flags, timeframeFlag?.data)
      data = { preloaded: restrict(file.data, from, to), timeframe: file.timeframe, adjusted: false }
      persist = false
    } else {
      const matches = store.instruments.list().filter((i) => i.symbol.toUpperCase() === flags.input?.toUpperCase())
      if (matches.length === 0) throw new UsageError(`--input "${flags.input}" is neither a file nor a symbol in the store at ${store.file}`)
      if (matches.length > 1) throw new UsageError(`--input "${flags.input}" names ${matches.length} instruments (${matches.map((m) => m.exchange).join(', ')}); import under distinct symbols`)
      const instrument = matches[0] as (typeof matches)[number]
      const timeframe = timeframeFlag?.data ?? store.bars.coverage(instrument.id)[0]?.timeframe ?? '1D'
      data = { instruments: [instrument.id], timeframe, from, to, adjusted: !flags.raw }
    }
    const reportTo = flags.report === undefined ? undefined : resolve(flags.report)
    if (command === 'backtest') {
      const mcRuns = flags['monte-carlo'] === undefined ? undefined : Number(flags['monte-carlo'])
      const mcMethod = flags['mc-method'] ?? 'trade-shuffle'
      if (mcRuns !== undefined && !(Number.isInteger(mcRuns) && mcRuns >= 100 && mcRuns <= 100_000)) throw new UsageError(`--monte-carlo must be a whole number of paths from 100 to 100000, got "${flags['monte-carlo']}"`)
      if (mcMethod !== 'trade-shuffle' && mcMethod !== 'block-bootstrap') throw new UsageError(`--mc-method must be trade-shuffle or block-bootstrap, got "${mcMethod}"`)
      const result = await service.backtest({ strategy, data, params, conventions }, { persist })
      const mc = mcRuns === undefined ? undefined : await service.monteCarloOf(result, { method: mcMethod, iterations: mcRuns, blockSize: 20, ruinDrawdown: 0.5, seed: 1 }, { persist })
      const other = statsAs === undefined ? undefined : await service.statsAs(result, statsAs, 'preloaded' in data ? data.preloaded : undefined)
      if (!flags.json) stderr.write('\r')
      stdout.write(
        flags.json
          ? `${JSON.stringify({ ...backtestJson(result), ...(mc ? { monteCarlo: monteCarloJson(mc) } : {}), ...(other ? { statsAs: profileJson(other) } : {}) })}\n`
          : describeBacktest(result) + (other ? describeProfile(other) : '') + (mc ? describeMonteCarlo(mc) : '') + (persist ? `Saved as run ${result.run.id}.\n` : ''),
      )
      if (reportTo) writeReport(reportTo, mc ?? result, context, stdout, !flags.json)
    } else if (flags['walk-forward'] !== undefined) {
      const windows = Number(flags['walk-forward'])
      const oos = flags.oos === undefined ? 0.25 : Number(flags.oos)
      if (!(Number.isInteger(windows) && windows >= 2 && windows <= 50)) throw new UsageError(`--walk-forward must be a number of windows from 2 to 50, got "${flags['walk-forward']}"`)
      if (!(oos > 0 && oos < 1)) throw new UsageError(`--oos must be the out-of-sample share, above 0 and below 1 (e.g. 0.25), got "${flags.oos}"`)
      const result = await service.walkForward(
        { strategy, data, conventions, settings: settings ?? OptimizeSettings.parse({}), mode: flags.anchored ? 'anchored' : 'rolling', windows, outOfSampleFraction: oos },
        { persist },
      )
      if (!flags.json) stderr.write('\r')
      stdout.write(flags.json ? `${JSON.stringify(walkForwardJson(result))}\n` : describeWalkForward(result, persist))
      if (reportTo) writeReport(reportTo, result, context, stdout, !flags.json)
    } else {
      const result = await service.optimize({ strategy, data, conventions, settings: settings ?? OptimizeSettings.parse({}) }, { persist })
      if (!flags.json) stderr.write('\r')
      stdout.write(flags.json ? `${JSON.stringify(optimizationJson(result))}\n` : describeOptimization(result, persist))
      if (reportTo) writeReport(reportTo, result, context, stdout, !flags.json)
    }
    return 0
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`quorum ${command}: ${e.message}\n\n${BACKTEST_USAGE}`)
      return 2
    }
    if (e instanceof EngineError) {
      stderr.write(`\rquorum ${command}: ${e.message}\n`)
      return e.code === 'cancelled' ? 130 : 1
    }
    throw e
  } finally {
    store?.close()
  }
}

function restrict(data: LoadedSelection, from: number | undefined, to: number | undefined): LoadedSelection {
  if (from === undefined && to === undefined) return data
  const bars = data.series[0]
  const instrument = data.instruments[0]
  if (!bars || !instrument) return data
  let start = 0
  let end = bars.time.length
  while (start < end && (bars.time[start] ?? 0) < (from ?? -Infinity)) start++
  while (end > start && (bars.time[end - 1] ?? 0) > (to ?? Infinity)) end--
  if (end <= start) throw new EngineError('invalid-request', 'No bars of the file fall between --from and --to.')
  const cut = sliceBars(bars, start, end)
  return { series: [cut], instruments: [{ ...instrument, bars: end - start, firstTime: cut.time[0] ?? NaN, lastTime: cut.time[end - start - 1] ?? NaN, fingerprint: fingerprintBars(cut) }] }
}

const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z')

function statsLines(stats: BacktestStats): string {
  const width = 30
  return STAT_NAMES.map((n) => `  ${n.padEnd(width)}${formatStat(n, stats[n])}`).join('\n')
}

function tradesJson(trades: TradeColumns, symbols: readonly string[]): object[] {
  return Array.from(trades.pnl, (_, i) => ({
    symbol: symbols[trades.instrument[i] ?? 0],
    side: trades.side[i] === 1 ? 'long' : 'short',
    entryTime: iso(trades.entryTime[i] ?? 0),
    entryPrice: trades.entryPrice[i],
    exitTime: iso(trades.exitTime[i] ?? 0),
    exitPrice: trades.exitPrice[i],
    quantity: trades.quantity[i],
    pnl: trades.pnl[i],
    commission: trades.commission[i],
    mae: trades.mae[i],
    mfe: trades.mfe[i],
    barsHeld: trades.barsHeld[i],
    exitReason: EXIT_REASONS[trades.exitReason[i] ?? 0],
  }))
}

function backtestJson(result: BacktestResult): object {
  const symbols = result.manifest.data.instruments.map((i) => i.symbol)
  return {
    runId: result.run.id,
    strategy: result.manifest.strategy.name,
    params: result.manifest.params,
    stats: result.stats,
    trades: tradesJson(result.trades, symbols),
    equity: Array.from(result.equity.time, (t, i) => ({
      time: iso(t),
      equity: result.equity.equity[i],
      ...(result.equity.cash && { cash: result.equity.cash[i] }),
      drawdown: result.equity.drawdown[i],
    })),
  }
}

function describeBacktest(result: BacktestResult): string {
  const m = result.manifest
  const data = m.data.instruments.map((i) => `${i.symbol} ${m.data.timeframe}, ${i.bars} bars ${iso(i.firstTime).slice(0, 10)} to ${iso(i.lastTime).slice(0, 10)}`).join('; ')
  const params = Object.entries(m.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
  return `${m.strategy.name}${params ? ` (${params})` : ''} on ${data}\n${statsLines(result.stats)}\n`
}

function profileJson(profile: ProfileStats): object {
  return { profile: profile.profile, title: profile.title, stats: Object.fromEntries(profile.stats.map((s) => [s.label, s.value])) }
}

function describeProfile(profile: ProfileStats): string {
  const width = Math.max(...profile.stats.map((s) => s.label.length)) + 2
  return `As ${profile.title} computes them:\n${profile.stats.map((s) => `  ${s.label.padEnd(width)}${formatProfileStat(s)}`).join('\n')}\n`
}

function optimizationJson(result: OptimizationResult): object {
  const width = STAT_NAMES.length
  const t = result.trials
  return {
    runId: result.run.id,
    strategy: result.manifest.strategy.name,
    settings: result.manifest.settings,
    best: result.bestParams,
    bestRunId: result.bestRunId,
    overfitting: { ...result.overfitting, logits: Array.from(result.overfitting.logits) },
    trials: Array.from(t.feasible, (f, i) => ({
      params: Object.fromEntries(t.paramNames.map((name, j) => [name, t.params[i * t.paramNames.length + j]])),
      feasible: f === 1,
      stats: Object.fromEntries(STAT_NAMES.map((n, k) => [n, t.stats[i * width + k]])),
    })),
  }
}

function describeOptimization(result: OptimizationResult, persisted: boolean): string {
  const o = result.overfitting
  const s = result.manifest.settings
  const t = result.trials
  const width = STAT_NAMES.length
  const k = STAT_NAMES.indexOf(s?.objective ?? 'sharpe')
  const sign = s?.direction === 'min' ? -1 : 1
  const order = Array.from(t.feasible, (_, i) => i)
    .filter((i) => t.feasible[i])
    .sort((a, b) => sign * ((t.stats[b * width + k] ?? -Infinity) - (t.stats[a * width + k] ?? -Infinity)))
    .slice(0, 10)
  const lines = order.map((i) => {
    const params = t.paramNames.map((name, j) => `${name}=${t.params[i * t.paramNames.length + j]}`).join(' ')
    const stat = (n: (typeof STAT_NAMES)[number]): string => formatStat(n, t.stats[i * width + STAT_NAMES.indexOf(n)] ?? NaN)
    return `  ${params.padEnd(28)} ${s?.objective ?? 'sharpe'} ${formatStat(s?.objective ?? 'sharpe', t.stats[i * width + k] ?? NaN).padStart(9)}  return ${stat('totalReturn').padStart(9)}  maxDD ${stat('maxDrawdown').padStart(8)}  trades ${stat('trades')}`
  })
  return (
    `${result.manifest.strategy.name}: ${o.trials} trials (${s?.method}), objective ${s?.objective} (${s?.direction})\n` +
    `Best trials:\n${lines.join('\n') || '  none met the constraints'}\n` +
    `Deflated Sharpe Ratio: ${pct(o.deflatedSharpe)} (best Sharpe ${o.bestSharpe.toFixed(2)} vs ${o.expectedMaxSharpe.toFixed(2)} expected from luck over ${o.trials} trials)\n` +
    `Probability of Backtest Overfitting (CSCV): ${pct(o.pbo)}\n` +
    (persisted ? `Saved as run ${result.run.id}${result.bestRunId ? `; best trial in full as run ${result.bestRunId}` : ''}.\n` : '')
  )
}

function writeReport(path: string, result: RunResult, context: BacktestCommandContext, stdout: CommandIo['stdout'], say: boolean): void {
  writeFileSync(path, renderReport(result, context.clock.now()).html)
  if (say) stdout.write(`Report written to ${path}\n`)
}

const pct = (x: number | null): string => (x === null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`)

function monteCarloJson(mc: MonteCarloResult): object {
  const d = (x: MonteCarloResult['totalReturn']) => ({ p5: x.p5, p50: x.p50, p95: x.p95 })
  return { method: mc.method, iterations: mc.iterations, totalReturn: d(mc.totalReturn), maxDrawdown: d(mc.maxDrawdown), riskOfRuin: mc.riskOfRuin, ruinDrawdown: mc.ruinDrawdown }
}

function describeMonteCarlo(mc: MonteCarloResult): string {
  return (
    `Monte Carlo (${mc.method}, ${mc.iterations} paths), 5th / 50th / 95th percentile:\n` +
    `  total return   ${pct(mc.totalReturn.p5)} / ${pct(mc.totalReturn.p50)} / ${pct(mc.totalReturn.p95)}\n` +
    `  max drawdown   ${pct(mc.maxDrawdown.p5)} / ${pct(mc.maxDrawdown.p50)} / ${pct(mc.maxDrawdown.p95)}\n` +
    `  risk of ruin (drawdown of ${pct(mc.ruinDrawdown)} or more): ${pct(mc.riskOfRuin)}\n`
  )
}

function walkForwardJson(result: WalkForwardResult): object {
  return {
    runId: result.run.id,
    strategy: result.manifest.strategy.name,
    mode: result.mode,
    efficiency: result.efficiency,
    stats: result.stats,
    windows: result.windows.map((w) => ({ ...w, inSampleFrom: iso(w.inSampleFrom), inSampleTo: iso(w.inSampleTo), outOfSampleFrom: iso(w.outOfSampleFrom), outOfSampleTo: iso(w.outOfSampleTo) })),
    equity: Array.from(result.equity.time, (t, i) => ({ time: iso(t), equity: result.equity.equity[i] })),
  }
}

function describeWalkForward(result: WalkForwardResult, persisted: boolean): string {
  const rows = result.windows.map((w, i) => {
    const params = w.params
      ? Object.entries(w.params)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')
      : 'no feasible trial'
    return `  ${i + 1}. in ${iso(w.inSampleFrom).slice(0, 10)}..${iso(w.inSampleTo).slice(0, 10)}  out ${iso(w.outOfSampleFrom).slice(0, 10)}..${iso(w.outOfSampleTo).slice(0, 10)}  ${params.padEnd(22)} IS annual ${pct(w.inSampleAnnualReturn).padStart(7)}  OOS annual ${pct(w.outOfSampleAnnualReturn).padStart(7)}`
  })
  return (
    `${result.manifest.strategy.name}: walk-forward (${result.mode}), ${result.windows.length} windows\n${rows.join('\n')}\n` +
    `Walk-forward efficiency: ${Number.isFinite(result.efficiency) ? result.efficiency.toFixed(2) : '—'}\nStitched out-of-sample statistics:\n${statsLines(result.stats)}\n` +
    (persisted ? `Saved as run ${result.run.id}.\n` : '')
  )
}
