import { describe, expect, it } from 'vitest'
import { TimestampReader, createWallClockConverter, dateFormatsMatching } from '../../src/main/data/timestamp-parser'
import type { DateFormat } from '../../src/shared/contract'

const utc = (iso: string): number => Date.parse(`${iso}Z`) / 1000

function read(format: DateFormat, text: string, time?: string): TimestampReader {
  const reader = new TimestampReader(format)
  if (!reader.read(text, time)) throw new Error(reader.error)
  return reader
}

describe('TimestampReader', () => {
  it('reads ISO dates and date-times as wall-clock times, and offsets as instants', () => {
    expect(read('iso', '2024-01-02')).toMatchObject({ value: utc('2024-01-02T00:00:00'), dateOnly: true, absolute: false })
    expect(read('iso', '2024-01-02 09:30:00')).toMatchObject({ value: utc('2024-01-02T09:30:00'), dateOnly: false, absolute: false })
    expect(read('iso', '2024-01-02T09:30')).toMatchObject({ value: utc('2024-01-02T09:30:00') })
    expect(read('iso', '2021-12-31 23:01:00.000000').value).toBe(utc('2021-12-31T23:01:00'))
    expect(read('iso', '2012-02-01 00:00:00+00:00')).toMatchObject({ value: utc('2012-02-01T00:00:00'), absolute: true })
    expect(read('iso', '2024-01-02T09:30:00-05:00')).toMatchObject({ value: utc('2024-01-02T14:30:00'), absolute: true })
    expect(read('iso', '2024-01-02T14:30:00Z')).toMatchObject({ value: utc('2024-01-02T14:30:00'), absolute: true })
  })

  it("reads IB's yyyyMMdd dates, with two spaces before the time and an optional zone name", () => {
    expect(read('yyyymmdd', '20240102')).toMatchObject({ value: utc('2024-01-02T00:00:00'), dateOnly: true })
    expect(read('yyyymmdd', '20240102  09:30:00')).toMatchObject({ value: utc('2024-01-02T09:30:00'), absolute: false })
    // 09:30 in New York in January is 14:30 UTC.
    expect(read('yyyymmdd', '20240102 09:30:00 US/Eastern')).toMatchObject({ value: utc('2024-01-02T14:30:00'), absolute: true })
    expect(read('yyyymmdd', '20240702 09:30:00 America/New_York').value).toBe(utc('2024-07-02T13:30:00'))
  })

  it('reads US, European and Unix dates, and a time from its own column', () => {
    expect(read('mdy', '1/2/2024').value).toBe(utc('2024-01-02T00:00:00'))
    expect(read('mdy', '01/02/2024 4:00 PM').value).toBe(utc('2024-01-02T16:00:00'))
    expect(read('dmy', '02.01.2024').value).toBe(utc('2024-01-02T00:00:00'))
    expect(read('dmy', '31/12/2023').value).toBe(utc('2023-12-31T00:00:00'))
    expect(read('epoch-s', '1704205800')).toMatchObject({ value: 1_704_205_800, absolute: true })
    expect(read('epoch-ms', '1509836520000')).toMatchObject({ value: 1_509_836_520, absolute: true })
    expect(read('iso', '2006-01-02', '09:01:00').value).toBe(utc('2006-01-02T09:01:00'))
    expect(read('yyyymmdd', '20240102', '153000').value).toBe(utc('2024-01-02T15:30:00'))
  })

  it('names what is wrong with a date it cannot read', () => {
    const reader = new TimestampReader('iso')
    expect(reader.read('2024-13-01', undefined)).toBe(false)
    expect(reader.error).toContain('"2024-13-01" is not a date')
    expect(reader.read('2023-02-29', undefined)).toBe(false)
    expect(reader.error).toContain('no such day')
    expect(reader.read('yesterday', undefined)).toBe(false)
    expect(reader.error).toContain('expected yyyy-mm-dd')
    expect(reader.read('2024-01-02', '25:00')).toBe(false)
    expect(reader.read('20240102 09:30:00 Mars/Olympus', undefined)).toBe(false)
  })
})

describe('dateFormatsMatching', () => {
  it('prefers yyyymmdd over Unix seconds for eight-digit dates and milliseconds for thirteen digits', () => {
    expect(dateFormatsMatching(['20240102', '20240103'])[0]).toBe('yyyymmdd')
    expect(dateFormatsMatching(['1509836520000', '1509836580000'])[0]).toBe('epoch-ms')
    expect(dateFormatsMatching(['1704205800', '1704205860'])[0]).toBe('epoch-s')
  })

  it('reads slashed dates month first unless a first part above 12 proves them day first', () => {
    expect(dateFormatsMatching(['03/04/2024', '03/05/2024'])).toEqual(['mdy', 'dmy'])
    expect(dateFormatsMatching(['13/04/2024', '14/04/2024'])).toEqual(['dmy'])
    expect(dateFormatsMatching(['13.04.2024'])).toEqual(['dmy'])
  })
})

describe('createWallClockConverter', () => {
  it("turns New York wall-clock times into instants across daylight saving changes", () => {
    const toInstant = createWallClockConverter('America/New_York')
    expect(toInstant(utc('2024-01-02T09:30:00'))).toBe(utc('2024-01-02T14:30:00'))
    expect(toInstant(utc('2024-07-02T09:30:00'))).toBe(utc('2024-07-02T13:30:00'))
    // The Monday after the March 2024 change (10 March), and the Friday before it.
    expect(toInstant(utc('2024-03-08T09:30:00'))).toBe(utc('2024-03-08T14:30:00'))
    expect(toInstant(utc('2024-03-11T09:30:00'))).toBe(utc('2024-03-11T13:30:00'))
  })

  it('moves a wall-clock time in the skipped spring hour forward, as the clocks did', () => {
    const toInstant = createWallClockConverter('America/New_York')
    // 02:30 did not exist on 10 March 2024; 03:30 EDT is 07:30 UTC.
    expect(toInstant(utc('2024-03-10T02:30:00'))).toBe(utc('2024-03-10T07:30:00'))
  })
})
