import { afterEach, describe, expect, it, vi } from 'vitest'
import { nativeInfo } from '../../src/main/native'

describe('native addon loader', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('tells the user to run npm install when the addon is missing', () => {
    vi.stubEnv('QUORUM_NATIVE_PATH', '/nonexistent/quorum_native.node')
    expect(() => nativeInfo()).toThrow(/was not found[\s\S]*\/nonexistent\/quorum_native\.node[\s\S]*Run `npm install`/)
  })

  it('finds the built addon from the source tree and reports its build', () => {
    const info = nativeInfo()
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(info.napiVersion).toBe(8)
    expect(info.compiler).not.toBe('')
  })
})
