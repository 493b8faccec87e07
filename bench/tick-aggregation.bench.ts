import { aggregateTicks, aggregateTicksAsync, createBarBuilder, readBandwidthProbe } from '../src/main/native'
import type { AggregationSpec, TickColumns } from '../src/shared/domain'
import { mulberry32 } from '../tests/support/seeded-bars'
import { compare, printHeader } from './harness'

const TICK_COUNT = 10_000_000
/** Pushing from JS costs a native call per tick, so that comparison runs on a tenth of the tape. */
const STREAM_COUNT = 1_000_000
/** time + price + size, as Float64 each. */
const BYTES_PER_TICK = 24
const ONE_MINUTE: AggregationSpec = { type: 'time', periodSeconds: 60 }

/** A seeded tape: about 20 prints a second on a cent grid, a fifth of them sharing a timestamp. */
function seededTape(seed: number, count: number): TickColumns {
  const random = mulberry32(seed)
  const time = new Float64Array(count)
  const price = new Float64Array(count)
  const size = new Float64Array(count)
  let t = 1_704_274_200
  let cents = 47_500
  for (let i = 0; i < count; i++) {
    if (random() >= 0.2) t += -Math.log(1 - random()) * 0.0625
    cents = Math.max(1, cents + Math.round((random() - 0.5) * 5))
    time[i] = t
    price[i] = cents / 100
    size[i] = random() < 0.3 ? 1 + Math.floor(random() * 99) : 100 * (1 + Math.floor(random() * 4))
  }
  return { time, price, size }
}

function head(ticks: TickColumns, n: number): TickColumns {
  return { time: ticks.time.subarray(0, n), price: ticks.price.subarray(0, n), size: ticks.size.subarray(0, n) }
}

export async function run(): Promise<void> {
  const ticks = seededTape(20_240_103, TICK_COUNT)
  const label = `${TICK_COUNT / 1e6}M ticks → 1m`

  printHeader(`tick aggregation: native batch vs reading the same arrays (${label}, ${BYTES_PER_TICK} bytes a tick)`)
  const batch = await compare({
    name: `${label}, native batch`,
    contender: () => aggregateTicks(ticks, ONE_MINUTE),
    reference: () => readBandwidthProbe(ticks),
    referenceName: 'read probe',
    items: TICK_COUNT * BYTES_PER_TICK,
    unit: 'bytes',
    runs: 11,
  })
  const gbPerSecond = (ms: number): string => ((TICK_COUNT * BYTES_PER_TICK) / (ms / 1000) / 1e9).toFixed(1)
  console.log(
    `  tick input read at ${gbPerSecond(batch.contenderMs)} GB/s by aggregation, ${gbPerSecond(batch.referenceMs)} GB/s by the probe ` +
      `(${((TICK_COUNT / batch.contenderMs) * 1000 / 1e6).toFixed(0)} M ticks/s)`,
  )

  printHeader(`tick aggregation: native async vs native sync (${label})`)
  await compare({
    name: `${label}, native async`,
    contender: () => aggregateTicksAsync(ticks, ONE_MINUTE),
    reference: () => aggregateTicks(ticks, ONE_MINUTE),
    referenceName: 'native sync',
    items: TICK_COUNT,
    unit: 'ticks',
    runs: 11,
  })

  const stream = head(ticks, STREAM_COUNT)
  printHeader(`tick aggregation: streaming push per tick from JS vs one batch call (${STREAM_COUNT / 1e6}M ticks → 1m)`)
  await compare({
    name: `${STREAM_COUNT / 1e6}M ticks → 1m, push per tick`,
    contender: () => {
      const builder = createBarBuilder(ONE_MINUTE)
      const { time, price, size } = stream
      for (let i = 0; i < STREAM_COUNT; i++) builder.push(time[i] as number, price[i] as number, size[i] as number)
      return builder.flush()
    },
    reference: () => aggregateTicks(stream, ONE_MINUTE),
    referenceName: 'native batch',
    items: STREAM_COUNT,
    unit: 'ticks',
    runs: 7,
    warmup: 2,
  })
}
