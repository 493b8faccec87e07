import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'

/** Screenshots of the end-to-end tests land here. */
export const E2E_OUTPUT_DIR = join(process.cwd(), 'test-output', 'e2e')

/** Debian's Chromium (apt-get install chromium), or another one named by QUORUM_CHROMIUM. */
export function chromiumPath(): string {
  const found = [process.env.QUORUM_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p): p is string => !!p && existsSync(p))
  if (!found) throw new Error('Chromium not found: install Debian chromium (apt-get install chromium) or set QUORUM_CHROMIUM')
  return found
}

/**
 * Real headless Chromium through playwright-core. The background-networking flags keep it from
 * calling out on a machine whose network is closed, which otherwise fills the log with refusals.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(E2E_OUTPUT_DIR, { recursive: true })
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}
