#!/usr/bin/env node
// `npm start`: runs the desktop app if the Electron binary is here, and otherwise says so in one
// line and offers the headless mode, instead of a download attempt and a stack trace.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(pkgDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

/** Electron 42+ fetches its binary on first run; try that once, quietly, with a time limit. */
function fetchElectron() {
  let installer
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js')
  } catch {
    return
  }
  console.error('Quorum: fetching the Electron binary (first run)...')
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 300_000 })
}

let binary = electronBinary()
if (!binary) {
  fetchElectron()
  binary = electronBinary()
}
if (!binary) {
  console.error(
    'Quorum: the Electron binary could not be fetched on this machine; run `npm run serve` to use Quorum in your browser instead.',
  )
  process.exit(1)
}
const child = spawn(binary, [root], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
