#!/usr/bin/env node
// The `quorum` command: the headless engine and CLI, from the bundle `npm run build` writes.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('quorum: the engine is not built yet; run `npm run build` (or `npm run serve`) first.\n')
  process.exit(1)
}
await import(pathToFileURL(cli).href)
