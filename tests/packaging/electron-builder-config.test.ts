import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import packageJson from '../../package.json'
import { ELECTRON_SQLITE_FILE } from '../../src/main/shell/sqlite-binding'

interface Target {
  target: string
  arch: string[]
}
interface BuilderConfig {
  appId: string
  productName: string
  files: string[]
  npmRebuild: boolean
  asarUnpack: string[]
  extraResources: Array<{ from: string; to: string }>
  win: { target: Target[] }
  mac: { target: Target[] }
  linux: { target: Target[] }
}

// Packaging downloads Electron, which this machine cannot; the configuration is checked by reading it.
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig

describe('electron-builder configuration', () => {
  it('names the product as package.json does', () => {
    expect(config.productName).toBe(packageJson.productName)
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
  })

  it('builds for Windows, macOS (both architectures) and Linux', () => {
    expect(config.win.target.map((t) => t.target)).toContain('nsis')
    expect(config.mac.target.flatMap((t) => t.arch).sort()).toEqual(['arm64', 'x64'])
    expect(config.linux.target.map((t) => t.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']))
  })

  it('ships the built bundle and the package manifest the main entry points into', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']))
    expect(packageJson.main.startsWith('out/')).toBe(true)
  })

  it('never rebuilds native modules in place, which would break the Node build the tests use', () => {
    expect(config.npmRebuild).toBe(false)
  })

  it('ships the Electron build of better-sqlite3 under the name the shell looks for, and our addon', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: `resources/native/${ELECTRON_SQLITE_FILE}`, to: ELECTRON_SQLITE_FILE },
        { from: 'native/build/Release/quorum_native.node', to: 'native/quorum_native.node' },
      ]),
    )
    expect(config.asarUnpack).toContain('**/*.node')
  })
})
