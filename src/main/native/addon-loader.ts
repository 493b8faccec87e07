import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { NATIVE_BINDING_FUNCTIONS, type NativeBinding } from './addon-binding'

/** Set to an absolute path of `quorum_native.node` to load that file and nothing else. */
export const NATIVE_PATH_ENV = 'QUORUM_NATIVE_PATH'

const BUILD_OUTPUT = join('native', 'build', 'Release', 'quorum_native.node')
/** Where electron-builder.yml's extraResources puts the addon in a packaged app. */
const PACKAGED_OUTPUT = join('native', 'quorum_native.node')

let loaded: NativeBinding | undefined

/** Loads the addon on first use and returns the same binding afterwards. */
export function nativeBinding(): NativeBinding {
  loaded ??= loadBinding()
  return loaded
}

/** Every path the loader would try, in order; exported so a failed load can be diagnosed. */
export function addonCandidatePaths(): string[] {
  const override = process.env[NATIVE_PATH_ENV]
  if (override) return [resolve(override)]
  const candidates: string[] = []
  // Source under Vitest/tsx sits in src/main/native, the bundle in out/main: search every ancestor.
  for (let dir = moduleDirectory(); ; dir = dirname(dir)) {
    candidates.push(join(dir, BUILD_OUTPUT))
    if (dirname(dir) === dir) break
  }
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath
  if (resourcesPath) candidates.push(join(resourcesPath, PACKAGED_OUTPUT))
  return candidates
}

function moduleDirectory(): string {
  // electron-vite's CJS bundle has __dirname; ESM (Vitest, an ESM bundle) has import.meta.url.
  if (typeof __dirname === 'string') return __dirname
  return dirname(fileURLToPath(import.meta.url))
}

function loadBinding(): NativeBinding {
  const candidates = addonCandidatePaths()
  const path = candidates.find((candidate) => existsSync(candidate))
  if (path === undefined) {
    throw new Error(
      `Quorum's native addon (quorum_native.node) was not found. Looked in:\n${candidates.map((c) => `  ${c}`).join('\n')}\n` +
        `Run \`npm install\` in the repository root to build it (it runs node-gyp on native/binding.gyp), ` +
        `or set ${NATIVE_PATH_ENV} to the file's path.`,
    )
  }
  let binding: Partial<Record<keyof NativeBinding, unknown>>
  try {
    // createRequire rather than require: the bundler must leave this runtime path alone.
    binding = createRequire(path)(path) as typeof binding
  } catch (cause) {
    throw new Error(
      `Quorum's native addon at ${path} could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}\n` +
        'Run `npm install` in the repository root to rebuild it for this Node/Electron.',
      { cause },
    )
  }
  const missing = NATIVE_BINDING_FUNCTIONS.filter((name) => typeof binding[name] !== 'function')
  if (missing.length > 0) {
    throw new Error(
      `Quorum's native addon at ${path} is out of date (it lacks ${missing.join(', ')}). ` +
        'Run `npm install` in the repository root to rebuild it.',
    )
  }
  return binding as NativeBinding
}
