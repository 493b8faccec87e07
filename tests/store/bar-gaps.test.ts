import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NYSE_CALENDAR } from '../../src/main/data'
import type { Store } from '../../src/main/store'
import { findBarGaps } from '../../src/main/store'
import { ACME, makeTempDir, openTempStore } from './store-fixture'
import { allocateBars } from '../../src/shared/domain'

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000
const utc = (iso: string): number => Date.parse(`${iso}Z`) / 1000
const NEW_YORK = { timeZone: 'America/New_York', session: '09:30-16:00' }

function times(values: readonly number[]): Float64Array {
  return Float64Array.from(values)
}

/** New York regular-session minute bars of a day, as UTC instants, leaving out the given local HH:MM. */
function sessionMinutes(date: string, utcOpen: string, skip: readonly string[] = []): number[] {
  const open = utc(`${date}T${utcOpen}:00`)
  const out: number[] = []
  for (let m = 0; m < 390; m++) {
    const local = 9 * 60 + 30 + m
    const hhmm = `${String(Math.floor(local / 60)).padStart(2, '0')}:${String(local % 60).padStart(2, '0')}`
    if (!skip.includes(hhmm)) out.push(open + m * 60)
  }
  return out
}

describe('findBarGaps', () => {
  it('finds missing weekdays in daily bars, one gap per hole, and skips weekends', () => {
    const scan = findBarGaps(times([day('2024-01-02'), day('2024-01-03'), day('2024-01-09'), day('2024-01-10')]), '1D', NEW_YORK)
    expect(scan).toEqual({ gaps: [{ from: day('2024-01-04'), to: day('2024-01-08'), missing: 3 }], total: 1, missingBars: 3, truncated: false })
  })

  it('does not count exchange holidays when given a calendar', () => {
    // Friday 29 March 2024 was Good Friday.
    const bars = times([day('2024-03-28'), day('2024-04-01')])
    expect(findBarGaps(bars, '1D', NEW_YORK).total).toBe(1)
    expect(findBarGaps(bars, '1D', { ...NEW_YORK, isHoliday: NYSE_CALENDAR.isHoliday }).total).toBe(0)
  })

  it('finds missing weeks in weekly bars', () => {
    const scan = findBarGaps(times([day('2024-01-01'), day('2024-01-08'), day('2024-01-29')]), '1W', NEW_YORK)
    expect(scan.gaps).toEqual([{ from: day('2024-01-15'), to: day('2024-01-22'), missing: 2 }])
  })

  it('finds missing minutes inside the session, in exchange time across a DST change, and ignores extended hours', () => {
    const winter = sessionMinutes('2024-03-08', '14:30', ['10:15', '10:16', '10:17'])
    const summer = sessionMinutes('2024-03-11', '13:30', ['15:58'])
    // A pre-market bar at 08:00 New York time is outside the regular session: not a gap.
    const bars = times([utc('2024-03-08T13:00:00'), ...winter, ...summer])
    const scan = findBarGaps(bars, '1m', NEW_YORK)
    expect(scan.gaps).toEqual([
      { from: utc('2024-03-08T15:15:00'), to: utc('2024-03-08T15:17:00'), missing: 3 },
      { from: utc('2024-03-11T19:58:00'), to: utc('2024-03-11T19:58:00'), missing: 1 },
    ])
  })

  it('counts a weekday without any intraday bar as a whole missing session', () => {
    const bars = times([...sessionMinutes('2024-01-02', '14:30'), ...sessionMinutes('2024-01-04', '14:30')])
    expect(findBarGaps(bars, '1m', NEW_YORK).gaps).toEqual([{ from: utc('2024-01-03T14:30:00'), to: utc('2024-01-03T20:59:00'), missing: 390 }])
  })

  it('keeps the first maxResults gaps but counts them all', () => {
    const daily = [day('2024-01-02'), day('2024-01-04'), day('2024-01-08'), day('2024-01-10'), day('2024-01-12')]
    const scan = findBarGaps(times(daily), '1D', NEW_YORK, { maxResults: 2 })
    expect(scan.gaps.length).toBe(2)
    expect(scan).toMatchObject({ total: 4, missingBars: 4, truncated: true })
  })
})

describe('store: gaps, adjustment factors and import runs', () => {
  let dir: { dir: string; cleanup: () => void }
  let store: Store

  beforeEach(() => {
    dir = makeTempDir()
    store = openTempStore(dir.dir)
  })

  afterEach(() => {
    store.close()
    dir.cleanup()
  })

  it("scans the stored bars' gaps in the instrument's own session and zone", () => {
    const acme = store.instruments.upsert(ACME)
    const bars = allocateBars(3)
    bars.time.set([day('2024-01-02'), day('2024-01-05'), day('2024-01-08')])
    bars.open.fill(1)
    bars.high.fill(2)
    bars.low.fill(0.5)
    bars.close.fill(1.5)
    store.bars.writeBars(acme.id, '1D', bars)
    expect(store.bars.gaps(acme.id, '1D')).toEqual({ gaps: [{ from: day('2024-01-03'), to: day('2024-01-04'), missing: 2 }], total: 1, missingBars: 2, truncated: false })
    expect(store.bars.gaps(acme.id, '1m').total).toBe(0)
  })

  it('replaces adjustment factors in a range, never storing factors of 1', () => {
    const acme = store.instruments.upsert(ACME)
    const t = [day('2024-01-02'), day('2024-01-03'), day('2024-01-04')]
    store.adjustments.replaceRange(acme.id, '1D', t[0]!, t[2]!, { time: Float64Array.from(t), factor: Float64Array.of(0.5, 1, 0.8) })
    expect(Array.from(store.adjustments.load(acme.id, '1D', 0, Number.MAX_VALUE).factor)).toEqual([0.5, 0.8])
    store.adjustments.replaceRange(acme.id, '1D', t[1]!, t[2]!, { time: Float64Array.of(t[2]!), factor: Float64Array.of(0.9) })
    const after = store.adjustments.load(acme.id, '1D', 0, Number.MAX_VALUE)
    expect(Array.from(after.time)).toEqual([t[0], t[2]])
    expect(Array.from(after.factor)).toEqual([0.5, 0.9])
    expect(store.adjustments.has(acme.id, '1D')).toBe(true)
    expect(() =>
      store.adjustments.replaceRange(acme.id, '1D', t[0]!, t[0]!, { time: Float64Array.of(t[0]!), factor: Float64Array.of(-1) }),
    ).toThrow(/factors must be positive/)
    // The failed replace changed nothing.
    expect(store.adjustments.load(acme.id, '1D', 0, Number.MAX_VALUE).time.length).toBe(2)
  })

  it('deletes factors with their instrument', () => {
    const acme = store.instruments.upsert(ACME)
    store.adjustments.replaceRange(acme.id, '1D', 0, 10, { time: Float64Array.of(5), factor: Float64Array.of(0.5) })
    store.instruments.delete(acme.id)
    expect(store.adjustments.has(acme.id, '1D')).toBe(false)
  })

  it('records an import run when it starts and its report when it finishes', () => {
    const run = store.importRuns.start('cli: /data/acme.csv')
    expect(store.importRuns.get(run.id)).toMatchObject({ source: 'cli: /data/acme.csv', finishedAt: null, report: {} })
    expect(store.importRuns.recent()[0]).toMatchObject({ id: run.id, status: null, filesImported: 0 })
    store.importRuns.finish(run.id, { status: 'completed', filesImported: 2, filesRejected: 1, barsImported: 500 })
    expect(store.importRuns.recent()[0]).toMatchObject({ id: run.id, status: 'completed', filesImported: 2, filesRejected: 1, barsImported: 500 })
    expect(store.importRuns.get(run.id)?.finishedAt).not.toBeNull()
    expect(() => store.importRuns.finish(9999, {})).toThrow('No import run with id 9999')
  })
})
