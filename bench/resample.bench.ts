import { resampleBars, resampleBarsAsync, type ResampleSpec } from '../src/main/native'
import { seededRandomWalk } from '../tests/support/seeded-bars'
import { compare, printHeader } from './harness'
import { resampleBarsReference } from './reference/resample-ts'

const BAR_COUNT = 1_000_000
const TARGETS: ReadonlyArray<readonly [string, ResampleSpec]> = [
  ['5m', { periodSeconds: 300 }],
  ['1h', { periodSeconds: 3600 }],
  ['1D (UTC)', { periodSeconds: 86400 }],
]

export async function run(): Promise<void> {
  const bars = seededRandomWalk(20240103, BAR_COUNT)
  const label = `${BAR_COUNT / 1e6}M 1m bars`

  printHeader(`resample: native sync vs plain TS (${label})`)
  for (const [target, spec] of TARGETS) {
    await compare({
      name: `${label} → ${target}, native sync`,
      contender: () => resampleBars(bars, spec),
      reference: () => resampleBarsReference(bars, spec.periodSeconds, spec.anchorSeconds),
      referenceName: 'plain TS',
      items: BAR_COUNT,
      unit: 'bars',
    })
  }

  printHeader(`resample: native async vs native sync (${label})`)
  for (const [target, spec] of TARGETS) {
    await compare({
      name: `${label} → ${target}, native async`,
      contender: () => resampleBarsAsync(bars, spec),
      reference: () => resampleBars(bars, spec),
      referenceName: 'native sync',
      items: BAR_COUNT,
      unit: 'bars',
    })
  }
}
