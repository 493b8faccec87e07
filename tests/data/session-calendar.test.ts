import { describe, expect, it } from 'vitest'
import { buildSessionCalendar, instrumentSessionCalendar } from '../../src/main/data'
import type { SessionCalendar } from '../../src/shared/domain'

const iso = (seconds: number | undefined): string => new Date((seconds ?? Number.NaN) * 1000).toISOString()

function rows(calendar: SessionCalendar): string[][] {
  return Array.from(calendar.barTime, (_, i) => [
    iso(calendar.barTime[i]).slice(0, 10),
    iso(calendar.sessionStart[i]),
    iso(calendar.regularOpen[i]),
    iso(calendar.regularClose[i]),
    iso(calendar.sessionEnd[i]),
  ])
}

describe('buildSessionCalendar', () => {
  it('moves New York sessions an hour earlier in UTC across the spring DST change, and skips the weekend', () => {
    const calendar = buildSessionCalendar({ timeZone: 'America/New_York', regularHours: '09:30-16:00', extendedHours: '04:00-20:00', from: '2024-03-08', to: '2024-03-11' })
    expect(rows(calendar)).toEqual([
      ['2024-03-08', '2024-03-08T09:00:00.000Z', '2024-03-08T14:30:00.000Z', '2024-03-08T21:00:00.000Z', '2024-03-09T01:00:00.000Z'],
      ['2024-03-11', '2024-03-11T08:00:00.000Z', '2024-03-11T13:30:00.000Z', '2024-03-11T20:00:00.000Z', '2024-03-12T00:00:00.000Z'],
    ])
  })

  it('moves them back in the autumn', () => {
    const calendar = buildSessionCalendar({ timeZone: 'America/New_York', regularHours: '09:30-16:00', from: '2024-11-01', to: '2024-11-04' })
    expect(rows(calendar).map((r) => r[2])).toEqual(['2024-11-01T13:30:00.000Z', '2024-11-04T14:30:00.000Z'])
  })

  it('defaults the session to the regular hours', () => {
    const [day] = rows(buildSessionCalendar({ timeZone: 'Europe/London', regularHours: '08:00-16:30', from: '2024-07-01', to: '2024-07-01' }))
    expect(day).toEqual(['2024-07-01', '2024-07-01T07:00:00.000Z', '2024-07-01T07:00:00.000Z', '2024-07-01T15:30:00.000Z', '2024-07-01T15:30:00.000Z'])
  })

  it('opens an overnight session the evening before, as CME futures trade', () => {
    const calendar = buildSessionCalendar({ timeZone: 'America/Chicago', regularHours: '08:30-15:15', extendedHours: '17:00-16:00', from: '2024-06-03', to: '2024-06-04' })
    expect(rows(calendar)).toEqual([
      ['2024-06-03', '2024-06-02T22:00:00.000Z', '2024-06-03T13:30:00.000Z', '2024-06-03T20:15:00.000Z', '2024-06-03T21:00:00.000Z'],
      ['2024-06-04', '2024-06-03T22:00:00.000Z', '2024-06-04T13:30:00.000Z', '2024-06-04T20:15:00.000Z', '2024-06-04T21:00:00.000Z'],
    ])
  })

  it('runs a round-the-clock market midnight to midnight, every day', () => {
    const calendar = buildSessionCalendar({ timeZone: 'UTC', regularHours: '00:00-24:00', from: '2024-01-06', to: '2024-01-07', weekdays: [1, 2, 3, 4, 5, 6, 7] })
    expect(rows(calendar).map((r) => [r[1], r[4]])).toEqual([
      ['2024-01-06T00:00:00.000Z', '2024-01-07T00:00:00.000Z'],
      ['2024-01-07T00:00:00.000Z', '2024-01-08T00:00:00.000Z'],
    ])
  })

  it('skips holidays', () => {
    const independenceDay = Date.UTC(2024, 6, 4) / 86_400_000
    const calendar = buildSessionCalendar({ timeZone: 'America/New_York', regularHours: '09:30-16:00', from: '2024-07-03', to: '2024-07-05', isHoliday: (day) => day === independenceDay })
    expect(rows(calendar).map((r) => r[0])).toEqual(['2024-07-03', '2024-07-05'])
  })

  it('stamps every day of a week with its Monday for weekly bars', () => {
    const calendar = buildSessionCalendar({ timeZone: 'America/New_York', regularHours: '09:30-16:00', from: '2024-03-06', to: '2024-03-12', barPeriod: 'week' })
    expect(rows(calendar).map((r) => r[0])).toEqual(['2024-03-04', '2024-03-04', '2024-03-04', '2024-03-11', '2024-03-11'])
  })

  it("takes an instrument's zone and regular session", () => {
    const calendar = instrumentSessionCalendar({ timeZone: 'Asia/Tokyo', session: '09:00-15:00' }, { from: '2024-05-07', to: '2024-05-07' })
    expect(rows(calendar)[0]?.slice(2, 4)).toEqual(['2024-05-07T00:00:00.000Z', '2024-05-07T06:00:00.000Z'])
  })

  it.each([
    [{ timeZone: 'Mars/Olympus' }, '"Mars/Olympus" is not a known IANA time zone'],
    [{ regularHours: '9:30-16:00' }, 'regularHours must be local hours as HH:MM-HH:MM'],
    [{ regularHours: '09:30-25:00' }, 'regularHours must be local hours as HH:MM-HH:MM'],
    [{ extendedHours: '10:00-15:00' }, 'The regular hours 09:30-16:00 must lie inside the extended hours 10:00-15:00'],
    [{ from: '2024-02-30' }, 'from must be a calendar date as YYYY-MM-DD'],
    [{ to: '2023-12-31' }, "The calendar's last date 2023-12-31 is before its first date 2024-01-01"],
  ])('rejects %o with a message saying what is wrong', (override, message) => {
    const base = { timeZone: 'America/New_York', regularHours: '09:30-16:00', from: '2024-01-01', to: '2024-01-31' }
    expect(() => buildSessionCalendar({ ...base, ...override })).toThrow(message)
  })
})
