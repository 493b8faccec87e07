import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportReport } from '../../../src/shared/contract'
import { DATABASE_FILE } from '../../../src/main/app'
import { importOptionsFromFlags, runImportCommand, type ImportCommandFlags } from '../../../src/main/app/import-command'
import { ManualClock, silentLogger } from '../../../src/main/kernel'
import { openStore } from '../../../src/main/store'

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'import')
const ROOT = join(__dirname, '..', '..', '..')

let dataDir: string

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'quorum-cli-import-'))
})

afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

async function run(paths: string[], flags: ImportCommandFlags = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runImportCommand(paths, flags, dataDir, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    clock: new ManualClock(Date.parse('2026-01-05T12:00:00Z')),
    logger: silentLogger,
  })
  return { code, stdout, stderr }
}

describe('quorum import', () => {
  it('imports files into the data folder and exits 0 when all were imported', async () => {
    const { code, stdout } = await run([join(FIXTURES, 'yahoo-acme.csv'), join(FIXTURES, 'stooq-classic.txt')])
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toBe(`imported  ${join(FIXTURES, 'yahoo-acme.csv')}: 5 ACME 1D bars, 2024-01-02 to 2024-01-08`)
    expect(lines[1]).toBe(`imported  ${join(FIXTURES, 'stooq-classic.txt')}: 5 bars of 2 symbols (ALFA, BETA)`)
    expect(lines.at(-1)).toMatch(/^Done: 2 files imported, 0 rejected; 10 bars from 12 lines in/)
    const store = openStore({ file: join(dataDir, DATABASE_FILE), logger: silentLogger, readonly: true })
    expect(store.instruments.list().map((i) => i.symbol)).toEqual(['ACME', 'ALFA', 'BETA'])
    store.close()
  })

  it('exits 1 and prints each rejected line as file:line: reason when a file is rejected', async () => {
    const bad = join(FIXTURES, 'bad-lines.csv')
    const { code, stdout } = await run([bad])
    expect(code).toBe(1)
    expect(stdout).toContain(`rejected  ${bad}: 7 bad lines, so nothing of the file was imported`)
    expect(stdout).toContain(`${bad}:6: high: high 50 is below low 50.2\n`)
    expect(stdout).toContain(`${bad}:9: volume: volume -5 is negative\n`)
  })

  it('imports the good lines with --skip-bad-lines and lists gaps with --warnings', async () => {
    const bad = join(FIXTURES, 'bad-lines.csv')
    const { code, stdout } = await run([bad], { 'skip-bad-lines': true, warnings: true, symbol: 'XYZ' })
    expect(code).toBe(0)
    expect(stdout).toContain(`imported  ${bad}: 5 XYZ 1D bars, 2024-02-28 to 2024-03-12; 7 bad lines skipped`)
    expect(stdout).toContain(`${bad}:10: warning: XYZ: 4 weekdays missing, 2024-03-04 to 2024-03-07 (between lines 4 and 10)`)
  })

  it('prints the report as JSON with --json', async () => {
    const { code, stdout } = await run([join(FIXTURES, 'ib-export.csv')], { json: true, symbol: 'SPY', exchange: 'ARCA' })
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as ImportReport
    expect(report.files[0]).toMatchObject({ status: 'imported', format: 'ib', timeframe: '1m', barsImported: 4 })
    expect(report.options.instrument).toEqual({ exchange: 'ARCA' })
  })

  it('refuses bad flags, naming the flag, with exit code 2', async () => {
    expect(await run([join(FIXTURES, 'yahoo-acme.csv')], { tz: 'Mars/Olympus' })).toMatchObject({ code: 2, stderr: expect.stringContaining('--tz: not an IANA time zone') })
    expect(await run([join(FIXTURES, 'yahoo-acme.csv')], { timeframe: '2m' })).toMatchObject({ code: 2, stderr: expect.stringContaining('--timeframe') })
    expect(await run([])).toMatchObject({ code: 2, stderr: expect.stringContaining('name at least one file or folder') })
    expect(() => importOptionsFromFlags({ 'tick-size': 'abc' })).toThrow('--tick-size')
  })

  const cli = join(ROOT, 'out', 'main', 'cli.js')
  it.skipIf(!existsSync(cli))('runs as `node bin/quorum.mjs import` from the built bundle', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'quorum.mjs'), 'import', join(FIXTURES, 'folder'), join(FIXTURES, 'bad-lines.csv'), '--data-dir', dataDir], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(1)
    expect(result.stdout).toContain(`imported  ${join(FIXTURES, 'folder', 'alfa-daily.csv')}: 2 ALFA 1D bars, 2024-02-01 to 2024-02-02`)
    expect(result.stdout).toContain(`${join(FIXTURES, 'bad-lines.csv')}:5: close: "abc" is not a number`)
    expect(result.stdout).toMatch(/Done: 1 file imported, 1 rejected/)
  })
})
