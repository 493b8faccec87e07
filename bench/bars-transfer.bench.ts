import { MessageChannel } from 'node:worker_threads'
import type { BarColumns } from '../src/shared/domain'
import { seededRandomWalk } from '../tests/support/seeded-bars'
import { decodeFrame, encodeFrame } from '../src/shared/wire'
import { compare, printHeader } from './harness'

const BAR_COUNT = 1_000_000
const RUNS = 7
const WARMUP = 1

interface BarObject {
  time: number
  open: number
  high: number
  low: number
  close: number
  volume: number
}

/**
 * How bars reach the renderer. Desktop: Electron IPC and postMessage use structured clone, where
 * columnar typed arrays are moved (transfer) or copied as raw memory, and an array of objects
 * is walked field by field. Browser (serve): our wire frames against JSON of objects.
 */
export async function run(): Promise<void> {
  const bars = seededRandomWalk(0x2f6b1a3d, BAR_COUNT)
  const objects = toObjects(bars)
  const label = `${BAR_COUNT / 1e6}M bars`

  printHeader(`bars to the renderer, structured clone (${label})`)
  const { port1, port2 } = new MessageChannel()
  const received = (): Promise<unknown> => new Promise((resolve) => port2.once('message', resolve))
  // Transfer detaches the sender's buffers: each run sends its own copy, made before timing.
  const copies = Array.from({ length: RUNS + WARMUP }, () => copyBars(bars))
  const contenders: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
    [
      'typed arrays transferred',
      async () => {
        const next = copies.pop() ?? copyBars(bars)
        const arrived = received()
        port1.postMessage(next, Object.values(next).map((a: Float64Array) => a.buffer as ArrayBuffer))
        return arrived
      },
    ],
    [
      'typed arrays cloned',
      async () => {
        const arrived = received()
        port1.postMessage(bars)
        return arrived
      },
    ],
  ]
  for (const [how, contender] of contenders) {
    await compare({
      name: `${label}, ${how}`,
      contender,
      reference: async () => {
        const arrived = received()
        port1.postMessage(objects)
        return arrived
      },
      referenceName: 'objects cloned',
      items: BAR_COUNT,
      unit: 'bars',
      runs: RUNS,
      warmup: WARMUP,
    })
  }
  port1.close()

  printHeader(`bars to the browser over the serve WebSocket, encode + decode (${label})`)
  await compare({
    name: `${label}, wire frame (columns)`,
    contender: () => decodeFrame(encodeFrame({ type: 'reply', id: 1, result: { ok: true, value: bars } })),
    reference: () => JSON.parse(JSON.stringify({ type: 'reply', id: 1, result: { ok: true, value: objects } })) as unknown,
    referenceName: 'JSON objects',
    items: BAR_COUNT,
    unit: 'bars',
    runs: RUNS,
    warmup: WARMUP,
  })
}

function toObjects(bars: BarColumns): BarObject[] {
  const out: BarObject[] = new Array<BarObject>(bars.time.length)
  for (let i = 0; i < bars.time.length; i++) {
    out[i] = {
      time: bars.time[i] as number,
      open: bars.open[i] as number,
      high: bars.high[i] as number,
      low: bars.low[i] as number,
      close: bars.close[i] as number,
      volume: bars.volume[i] as number,
    }
  }
  return out
}

function copyBars(bars: BarColumns): BarColumns {
  return {
    time: bars.time.slice(),
    open: bars.open.slice(),
    high: bars.high.slice(),
    low: bars.low.slice(),
    close: bars.close.slice(),
    volume: bars.volume.slice(),
  }
}
