import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import packageJson from '../../../package.json'
import { createLogger, systemClock } from '../kernel'
import { StoreFileError } from '../store'
import { defaultDataDir } from './data-dir'
import { createEngine } from './engine'
import { BACKTEST_USAGE, runBacktestCommand } from './backtest-command'
import { IMPORT_USAGE, runImportCommand } from './import-command'
import { INDICATOR_USAGE, runIndicatorCommand } from './indicator-command'
import { startServer } from './serve'

const USAGE = `Quorum ${packageJson.version}: trading workstation engine

Usage:
  quorum serve [--data-dir DIR] [--port N] [--no-demo]
      Start the engine headless and serve the app to a browser on 127.0.0.1 only.
      Prints the address to open, with a new access token each start.
${IMPORT_USAGE}${INDICATOR_USAGE}${BACKTEST_USAGE}  quorum --version
  quorum --help

Options:
  --data-dir DIR   where the database lives (default: ${defaultDataDir()})
  --port N         port on 127.0.0.1 (default: a free one)
  --no-demo        do not generate the demo market into an empty store
`

/** Exit codes: 0 ok, 1 failure, 2 bad usage, 3 damaged store. */
async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'no-demo': { type: 'boolean', default: false },
        format: { type: 'string' },
        symbol: { type: 'string' },
        timeframe: { type: 'string' },
        tz: { type: 'string' },
        'date-format': { type: 'string' },
        'skip-bad-lines': { type: 'boolean' },
        exchange: { type: 'string' },
        currency: { type: 'string' },
        'asset-class': { type: 'string' },
        'tick-size': { type: 'string' },
        session: { type: 'string' },
        name: { type: 'string' },
        json: { type: 'boolean' },
        warnings: { type: 'boolean' },
        input: { type: 'string' },
        output: { type: 'string' },
        param: { type: 'string', multiple: true },
        list: { type: 'boolean' },
        strategy: { type: 'string' },
        config: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        raw: { type: 'boolean' },
        method: { type: 'string' },
        trials: { type: 'string' },
        objective: { type: 'string' },
        minimize: { type: 'boolean' },
        constraint: { type: 'string', multiple: true },
        range: { type: 'string', multiple: true },
        seed: { type: 'string' },
        'monte-carlo': { type: 'string' },
        'mc-method': { type: 'string' },
        'walk-forward': { type: 'string' },
        anchored: { type: 'boolean' },
        oos: { type: 'string' },
        report: { type: 'string' },
        'stats-as': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    })
  } catch (e) {
    process.stderr.write(`quorum: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.version) {
    process.stdout.write(`${packageJson.version}\n`)
    return 0
  }
  const command = positionals[0]
  if (values.help || !command) {
    process.stdout.write(USAGE)
    return values.help ? 0 : 2
  }
  if (command === 'import') return importFiles(positionals.slice(1), values)
  if (command === 'backtest' || command === 'optimize') return backtestCommand(command, values)
  if (command === 'indicator') return runIndicatorCommand(positionals[1], values, { stdout: process.stdout, stderr: process.stderr })
  if (command !== 'serve') {
    process.stderr.write(`quorum: unknown command "${command}"\n\n${USAGE}`)
    return 2
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`quorum: --port must be a whole number from 0 to 65535, got "${values.port}"\n`)
    return 2
  }
  return serve({ dataDir: resolve(values['data-dir'] ?? defaultDataDir()), port, demo: !values['no-demo'] })
}

async function importFiles(paths: string[], flags: Parameters<typeof runImportCommand>[1] & { 'data-dir'?: string | undefined }): Promise<number> {
  const logger = createLogger({ clock: systemClock, level: process.env.QUORUM_LOG === 'debug' ? 'debug' : 'warn' })
  const controller = new AbortController()
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop)
  try {
    const dataDir = resolve(flags['data-dir'] ?? defaultDataDir())
    return await runImportCommand(paths, flags, dataDir, { stdout: process.stdout, stderr: process.stderr, clock: systemClock, logger, signal: controller.signal })
  } finally {
    process.off('SIGINT', stop)
  }
}

async function backtestCommand(command: 'backtest' | 'optimize', flags: Parameters<typeof runBacktestCommand>[1] & { 'data-dir'?: string | undefined }): Promise<number> {
  const logger = createLogger({ clock: systemClock, level: process.env.QUORUM_LOG === 'debug' ? 'debug' : 'warn' })
  const controller = new AbortController()
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop)
  try {
    return await runBacktestCommand(command, flags, {
      stdout: process.stdout,
      stderr: process.stderr,
      dataDir: resolve(flags['data-dir'] ?? defaultDataDir()),
      clock: systemClock,
      logger,
      engineVersion: packageJson.version,
      signal: controller.signal,
    })
  } finally {
    process.off('SIGINT', stop)
  }
}

async function serve(options: { dataDir: string; port: number; demo: boolean }): Promise<number> {
  const logger = createLogger({ clock: systemClock, level: process.env.QUORUM_LOG === 'debug' ? 'debug' : 'info' })
  // The bundle sits beside this file's folder in out/: out/main/cli.js and out/renderer/.
  const rendererDir = join(__dirname, '..', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write(`quorum: the app bundle is missing at ${rendererDir}; run \`npm run build\` first.\n`)
    return 1
  }
  let engine
  try {
    engine = createEngine({ dataDir: options.dataDir, clock: systemClock, logger, demoData: options.demo })
  } catch (e) {
    if (e instanceof StoreFileError) {
      process.stderr.write(`quorum: ${e.message}\n`)
      return 3
    }
    throw e
  }
  const server = await startServer({ engine, rendererDir, logger: logger.child('serve'), port: options.port })
  process.stdout.write(`Quorum ${packageJson.version} engine ready; data in ${options.dataDir}\nOpen ${server.url}\n`)
  await new Promise<void>((resolveStop) => {
    const stop = (): void => resolveStop()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  engine.close()
  process.stdout.write('Quorum engine stopped.\n')
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`quorum: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 1
  },
)
