import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

export interface StaticFile {
  readonly body: Buffer
  readonly contentType: string
}

/**
 * Reads a file of the renderer bundle by URL path; anything that would resolve outside the
 * bundle folder (`..`, encoded slashes, absolute paths) is not found.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const rootDir = resolve(root)
  const file = resolve(rootDir, `.${decoded === '/' ? '/index.html' : decoded}`)
  if (!file.startsWith(rootDir + sep)) return null
  try {
    if (!(await stat(file)).isFile()) return null
    return { body: await readFile(file), contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }
  } catch {
    return null
  }
}
