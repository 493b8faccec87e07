import { resolve } from 'node:path'
import { ImportFormat } from '../../shared/contract'
import { analyseText, readSource, type ParsedSeries } from '../data'

/** The flags by which CLI commands read one OHLCV file without storing it. */
export interface BarsFileFlags {
  readonly input: string
  readonly format?: string | undefined
  readonly symbol?: string | undefined
  readonly tz?: string | undefined
  readonly 'skip-bad-lines'?: boolean | undefined
}

/** Why a file could not be read as one series: bad usage (exit 2) or bad data (exit 1), with the rejected lines. */
export class BarsFileError extends Error {
  constructor(
    message: string,
    readonly usage: boolean,
    /** `file:line: reason` for each rejected line reported. */
    readonly lines: readonly string[] = [],
  ) {
    super(message)
    this.name = 'BarsFileError'
  }
}

/**
 * Reads one series of bars from a file in any format `quorum import` reads, with the importer's
 * checks (a bad line rejects the file unless --skip-bad-lines), for the commands that compute
 * on a file without storing it (`indicator`, `backtest`, `optimize`).
 */
export async function readBarsFile(flags: BarsFileFlags): Promise<ParsedSeries> {
  const format = flags.format === undefined ? 'auto' : ImportFormat.safeParse(flags.format)
  if (format !== 'auto' && !format.success) throw new BarsFileError(`--format must be one of ${ImportFormat.options.join(', ')}, got "${flags.format}"`, true)
  const path = resolve(flags.input)
  let text: string
  try {
    text = await readSource({ name: flags.input, path })
  } catch (e) {
    throw new BarsFileError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`, false)
  }
  const timeZone = flags.tz ?? 'America/New_York'
  const analysed = await analyseText(text, {
    name: flags.input,
    symbol: flags.symbol,
    timeZone: flags.tz,
    skipBadLines: flags['skip-bad-lines'] ?? false,
    overrides: { format: format === 'auto' ? 'auto' : format.data },
    resolveInstrument: () => ({ timeZone, session: '09:30-16:00', calendar: null }),
  })
  if (analysed.fatal) throw new BarsFileError(`${flags.input}: ${analysed.fatal}`, false)
  if (analysed.rejectedTotal > 0 && !flags['skip-bad-lines']) {
    throw new BarsFileError(
      `${analysed.rejectedTotal} bad line(s) in ${flags.input}; fix them or pass --skip-bad-lines.`,
      false,
      analysed.rejected.map((bad) => `${flags.input}:${bad.line}: ${bad.reason}`),
    )
  }
  const series = flags.symbol ? analysed.series.filter((s) => s.symbol === flags.symbol) : analysed.series
  if (series.length !== 1) {
    const symbols = analysed.series.map((s) => s.symbol).join(', ') || 'none'
    throw new BarsFileError(`${flags.input} holds ${analysed.series.length} symbols (${symbols}); pick one with --symbol`, true)
  }
  const [only] = series
  if (!only) throw new BarsFileError(`${flags.input} holds no bars`, true)
  return only
}
