import type { Clock } from './clock'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
  child(scope: string): Logger
}

export interface LogSink {
  write(line: string): void
}

/** One JSON line per entry (time, level, scope, message, fields) on stderr or a given sink. */
export function createLogger(options: { clock: Clock; level?: LogLevel; sink?: LogSink; scope?: string }): Logger {
  const min = RANK[options.level ?? 'info']
  const sink = options.sink ?? { write: (line: string) => process.stderr.write(line) }
  const make = (scope: string): Logger => {
    const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
      if (RANK[level] < min) return
      const entry = { t: new Date(options.clock.now()).toISOString(), level, scope, msg, ...fields }
      sink.write(`${JSON.stringify(entry)}\n`)
    }
    return {
      debug: (m, f) => log('debug', m, f),
      info: (m, f) => log('info', m, f),
      warn: (m, f) => log('warn', m, f),
      error: (m, f) => log('error', m, f),
      child: (s) => make(scope ? `${scope}.${s}` : s),
    }
  }
  return make(options.scope ?? '')
}

/** A logger that drops everything: for tests that assert on behaviour, not logs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
}
