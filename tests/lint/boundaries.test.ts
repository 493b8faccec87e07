import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.message)
}

describe('boundary lint rules', () => {
  it('refuses a renderer import of engine code', async () => {
    expect(await violations('src/renderer/app/x.ts', "import { createEngine } from '../../main/app'\nexport const a = createEngine\n")).toHaveLength(1)
  })

  it('refuses Node built-ins in the renderer and in shared code', async () => {
    expect(await violations('src/renderer/app/x.ts', "import { readFileSync } from 'node:fs'\nexport const a = readFileSync\n")).toHaveLength(1)
    expect(await violations('src/shared/domain/x.ts', "import { readFileSync } from 'node:fs'\nexport const a = readFileSync\n")).toHaveLength(1)
  })

  it('refuses a shared import from outside src/shared', async () => {
    expect(await violations('src/shared/contract/x.ts', "import { quorum } from '../../renderer/bridge'\nexport const a = quorum\n")).toHaveLength(1)
  })

  it('refuses electron in the engine but allows it in the shell', async () => {
    expect(await violations('src/main/app/x.ts', "import { app } from 'electron'\nexport const a = app\n")).toHaveLength(1)
    expect(await violations('src/main/shell/x.ts', "import { app } from 'electron'\nexport const a = app\n")).toHaveLength(0)
  })

  it('refuses reaching around a room door but allows the door itself', async () => {
    expect(await violations('src/main/data/x.ts', "import { a } from '../store/bar-repository'\nexport const b = a\n")).toHaveLength(1)
    expect(await violations('src/main/data/x.ts', "import { openStore } from '../store'\nexport const b = openStore\n")).toHaveLength(0)
    expect(await violations('src/main/agents/technical/x.ts', "import { a } from '../../store/bar-repository'\nexport const b = a\n")).toHaveLength(1)
  })

  it('refuses an import from a higher layer', async () => {
    expect(await violations('src/main/store/x.ts', "import { createEngine } from '../app'\nexport const a = createEngine\n")).toHaveLength(1)
    expect(await violations('src/main/kernel/x.ts', "import { openStore } from '../store'\nexport const a = openStore\n")).toHaveLength(1)
  })

  it('refuses the wall clock and timers in agents, strategy and execution', async () => {
    expect(await violations('src/main/agents/x.ts', 'export const t = Date.now()\n')).toHaveLength(1)
    expect(await violations('src/main/execution/x.ts', 'export const t = new Date()\n')).toHaveLength(1)
    expect(await violations('src/main/agents/risk/x.ts', 'setTimeout(() => undefined, 1)\n')).toHaveLength(1)
    expect(await violations('src/main/agents/x.ts', 'export const t = new Date(0)\n')).toHaveLength(0)
  })

  it('refuses a direct WebSocket or window.quorum outside the renderer bridge', async () => {
    expect(await violations('src/renderer/features/x.ts', "export const s = new WebSocket('ws://x')\n")).toHaveLength(1)
    expect(await violations('src/renderer/features/x.ts', 'export const q = window.quorum\n')).toHaveLength(1)
    expect(await violations('src/renderer/bridge/x.ts', "export const s = new WebSocket('ws://x')\n")).toHaveLength(0)
  })
})
