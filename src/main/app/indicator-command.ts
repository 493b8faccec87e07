import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { BarColumns, IndicatorInfo, Timeframe } from '../../shared/domain'
import { isIntraday, MA_TYPES } from '../../shared/domain'
import { computeIndicator, findIndicator, listIndicators } from '../native'
import { BarsFileError, readBarsFile } from './bars-file'

export const INDICATOR_USAGE = `  quorum indicator <NAME> --input <file> [--param key=value ...] [--output <file.csv>]
                   [--format yahoo|stooq|ib|generic] [--symbol S] [--tz ZONE] [--skip-bad-lines]
      Compute an indicator of the native library over an OHLCV file in any format \`import\`
      reads. Writes CSV: one row per input bar, its timestamp (UTC), then the indicator's
      outputs, empty during the warm-up. To stdout unless --output is given.
  quorum indicator --list
      List every indicator with its parameters (defaults and ranges) and outputs.
`

export interface IndicatorCommandFlags {
  readonly input?: string | undefined
  readonly output?: string | undefined
  readonly param?: string[] | undefined
  readonly format?: string | undefined
  readonly symbol?: string | undefined
  readonly tz?: string | undefined
  readonly 'skip-bad-lines'?: boolean | undefined
  readonly list?: boolean | undefined
}

export interface CommandIo {
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown }
}

/** Exit codes: 0 written, 1 the file could not be read as bars, 2 bad usage. */
export async function runIndicatorCommand(name: string | undefined, flags: IndicatorCommandFlags, io: CommandIo): Promise<number> {
  if (flags.list) {
    io.stdout.write(describeIndicators(listIndicators()))
    return 0
  }
  const usage = (message: string): number => {
    io.stderr.write(`quorum indicator: ${message}\n\n${INDICATOR_USAGE}`)
    return 2
  }
  if (!name) return usage('name the indicator, e.g. `quorum indicator RSI --input spy.csv` (see --list)')
  const info = findIndicator(name)
  if (!info) return usage(`unknown indicator "${name}"; \`quorum indicator --list\` shows them all`)
  if (!flags.input) return usage('--input <file> is required')
  const params: Record<string, number> = {}
  for (const pair of flags.param ?? []) {
    const match = /^([A-Za-z][\w]*)=(.+)$/.exec(pair)
    const value = match ? Number(match[2]) : Number.NaN
    if (!match || !Number.isFinite(value)) return usage(`--param must be key=number, got "${pair}"`)
    params[match[1] as string] = value
  }
  let only
  try {
    only = await readBarsFile({ ...flags, input: flags.input })
  } catch (e) {
    if (!(e instanceof BarsFileError)) throw e
    if (e.usage) return usage(e.message)
    for (const line of e.lines) io.stderr.write(`${line}\n`)
    io.stderr.write(`quorum indicator: ${e.message}\n`)
    return 1
  }
  let result
  try {
    result = computeIndicator(info.name, only.bars, params)
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e))
  }
  const csv = toCsv(only.bars, only.timeframe, info, result.outputs)
  if (flags.output) {
    await writeFile(resolve(flags.output), csv)
    io.stderr.write(`${info.name}(${Object.entries(result.params).map(([k, v]) => `${k}=${v}`).join(', ')}) over ${only.bars.time.length} bars of ${only.symbol} written to ${resolve(flags.output)}\n`)
  } else {
    io.stdout.write(csv)
  }
  return 0
}

/** Daily and weekly bars as dates, intraday as UTC instants; numbers in their shortest exact form. */
function toCsv(bars: BarColumns, timeframe: Timeframe, info: IndicatorInfo, outputs: Readonly<Record<string, Float64Array>>): string {
  const columns = info.outputs.map((o) => outputs[o] as Float64Array)
  const stamp = isIntraday(timeframe)
    ? (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z')
    : (t: number): string => new Date(t * 1000).toISOString().slice(0, 10)
  const lines = [['time', ...info.outputs].join(',')]
  for (let i = 0; i < bars.time.length; i++) {
    const cells = [stamp(bars.time[i] as number)]
    for (const column of columns) {
      const v = column[i] as number
      cells.push(Number.isNaN(v) ? '' : String(v))
    }
    lines.push(cells.join(','))
  }
  return `${lines.join('\n')}\n`
}

function describeIndicators(all: readonly IndicatorInfo[]): string {
  const rows = all.map((info) => {
    const params = info.params
      .map((p) => (p.kind === 'ma-type' ? `${p.name}=${p.default} (MA type 0–8: ${MA_TYPES.join(' ')})` : `${p.name}=${p.default} [${p.min}–${p.max}]`))
      .join(', ')
    return `${info.name.padEnd(20)} ${info.title}\n${' '.repeat(21)}params: ${params || 'none'}; outputs: ${info.outputs.join(', ')}`
  })
  return `${rows.join('\n')}\n`
}
