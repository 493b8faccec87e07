/**
 * The serve WebSocket accepts messages of up to 16 MiB; files travel in batches below this, so a
 * browser can import a folder's worth of files in a few calls. Electron IPC has no such limit.
 */
export const WEBSOCKET_BATCH_BYTES = 12 * 1024 * 1024

/** Files smaller than this are sent as they are: compressing them saves nothing worth the time. */
const COMPRESS_FROM_BYTES = 256 * 1024

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/**
 * A picked file's bytes for the engine, gzip-compressed in the browser when large (bar files
 * shrink four to eight times; the engine recognises gzip by its magic bytes, whatever the name).
 */
export async function readFileForImport(file: File): Promise<Uint8Array> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.length < COMPRESS_FROM_BYTES || isGzip(bytes) || typeof CompressionStream === 'undefined') return bytes
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))
  const compressed = new Uint8Array(await new Response(stream).arrayBuffer())
  return compressed.length < bytes.length ? compressed : bytes
}

/** Groups items into batches whose byte sizes add up to at most `limit` (an item larger than that goes alone). */
export function batchBySize<T>(items: readonly T[], sizeOf: (item: T) => number, limit: number): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  let size = 0
  for (const item of items) {
    const n = sizeOf(item)
    if (current.length > 0 && size + n > limit) {
      batches.push(current)
      current = []
      size = 0
    }
    current.push(item)
    size += n
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** True for the names a folder import would pick up (.csv, .txt, .tsv, optionally .gz). */
export function looksImportable(name: string): boolean {
  return /\.(csv|txt|tsv)(\.gz)?$/i.test(name)
}
