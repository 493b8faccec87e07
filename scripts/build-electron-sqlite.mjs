#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into resources/native/, leaving node_modules (Node's
// build, used by the tests) untouched. Needs Electron's headers: run it on a connected machine.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js')
const out = join(root, 'resources', 'native', 'better_sqlite3-electron.node')

const staging = mkdtempSync(join(tmpdir(), 'quorum-sqlite-'))
try {
  cpSync(sqliteDir, staging, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) })
  // A nodedir setting silently builds for Node again: clear it for this build.
  const env = { ...process.env, npm_config_nodedir: '' }
  delete env.npm_config_nodedir
  execFileSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: staging, env, stdio: 'inherit' },
  )
  const built = join(staging, 'build', 'Release', 'better_sqlite3.node')
  if (!existsSync(built)) throw new Error(`node-gyp reported success but ${built} is missing`)
  const config = readFileSync(join(staging, 'build', 'config.gypi'), 'utf8')
  if (!config.includes(`"target": "${electronVersion}"`) && !config.includes('"runtime": "electron"')) {
    throw new Error('the build did not target Electron (check npm_config_nodedir and the headers download)')
  }
  mkdirSync(dirname(out), { recursive: true })
  cpSync(built, out)
  console.log(`Electron ${electronVersion} build of better-sqlite3 written to ${out}`)
} finally {
  rmSync(staging, { recursive: true, force: true })
}
