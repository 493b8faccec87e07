import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ServeProcess {
  readonly url: string
  readonly origin: string
  readonly token: string
  readonly dataDir: string
  readonly output: () => string
  stop(): Promise<number | null>
}

/** Starts the built `quorum serve` (bin/quorum.mjs → out/main/cli.js) as a real process on a free port. */
export async function startServeProcess(extraArgs: string[] = [], dataDir = mkdtempSync(join(tmpdir(), 'quorum-e2e-'))): Promise<ServeProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['bin/quorum.mjs', 'serve', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: process.cwd(),
    env: { ...process.env },
  })
  let output = ''
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`quorum serve printed no URL in 30 s:\n${output}`)), 30_000)
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString()
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`quorum serve exited with ${code}:\n${output}`))
    })
  })
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode)
        child.once('exit', (code) => resolve(code))
        child.kill('SIGTERM')
      }),
  }
}
