import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { gunzip as gunzipCallback } from 'node:zlib'

const gunzip = promisify(gunzipCallback)

/** Extensions a folder import picks up (each also gzip-compressed, e.g. `.txt.gz`). */
export const IMPORT_EXTENSIONS = ['.csv', '.txt', '.tsv'] as const

/** One file to import: its bytes, or a path to read them from when its turn comes. */
export type ImportSource = { readonly name: string; readonly content: Uint8Array } | { readonly name: string; readonly path: string }

/** A path that could not be used; reported as a rejected file, the others go on. */
export interface UnreadablePath {
  readonly name: string
  readonly reason: string
}

export function isImportableFileName(name: string): boolean {
  const lower = name.toLowerCase()
  const stem = lower.endsWith('.gz') ? lower.slice(0, -3) : lower
  return (IMPORT_EXTENSIONS as readonly string[]).includes(extname(stem))
}

/**
 * Expands files and folders (recursively, in name order, hidden entries skipped) into the files
 * to import. A folder contributes only files with an importable extension; a file named
 * explicitly is taken whatever its extension.
 */
export async function expandPaths(paths: readonly string[]): Promise<{ sources: ImportSource[]; unreadable: UnreadablePath[] }> {
  const sources: ImportSource[] = []
  const unreadable: UnreadablePath[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const full = join(dir, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile() && isImportableFileName(entry.name)) sources.push({ name: full, path: full })
    }
  }
  for (const given of paths) {
    const full = resolve(given)
    try {
      const info = await stat(full)
      if (info.isDirectory()) await walk(full)
      else sources.push({ name: full, path: full })
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      unreadable.push({ name: full, reason: code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code ?? String(e)})` })
    }
  }
  return { sources, unreadable }
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/**
 * The text of a file's bytes: inflated when gzip-compressed (whatever its name; off the main
 * thread), decoded as UTF-8, or UTF-16 when it starts with that byte-order mark (Excel's
 * "Unicode text"). A UTF-8 byte-order mark is dropped.
 */
export async function decodeContent(bytes: Uint8Array): Promise<string> {
  const raw = isGzip(bytes) ? new Uint8Array(await gunzip(bytes)) : bytes
  if (raw.length >= 2 && raw[0] === 0xff && raw[1] === 0xfe) return new TextDecoder('utf-16le').decode(raw)
  if (raw.length >= 2 && raw[0] === 0xfe && raw[1] === 0xff) return new TextDecoder('utf-16be').decode(raw)
  return new TextDecoder('utf-8').decode(raw)
}

export async function readSource(source: ImportSource): Promise<string> {
  const bytes = 'content' in source ? source.content : await readFile(source.path)
  return decodeContent(bytes)
}
