/**
 * Trade prints in columnar form: one array per field, all the same length, in time order (equal
 * times allowed: one timestamp often carries several prints).
 */
export interface TickColumns {
  /** Epoch seconds (UTC), with sub-second precision as a fraction. */
  readonly time: Float64Array
  readonly price: Float64Array
  /** Shares or contracts traded; every size is greater than zero. */
  readonly size: Float64Array
  /** The vendor's sale-condition flags as a bitmask per print (e.g. odd lot, out of sequence); optional. */
  readonly conditions?: Uint32Array
}

/** One trade print as an object: for a live feed, one at a time. */
export interface Tick {
  readonly time: number
  readonly price: number
  readonly size: number
  /** Sale-condition flags; 0 when the feed has none. */
  readonly conditions: number
}

/** One bar as an object (the row of BarColumns): the bar a builder is still filling. */
export interface Bar {
  /** Open time in epoch seconds, as in BarColumns. */
  readonly time: number
  readonly open: number
  readonly high: number
  readonly low: number
  readonly close: number
  readonly volume: number
}

/**
 * Trading days in columnar form, one row per day, every value in UTC epoch seconds. A tick
 * belongs to the day whose session holds it: sessionStart ≤ time < sessionEnd (extended hours
 * included); regularOpen ≤ time < regularClose marks the regular session within it. Days are in
 * time order and never overlap.
 */
export interface SessionCalendar {
  /**
   * The time stamped on the bar the day belongs to: the session date at 00:00 UTC (how `1D` bars
   * are stamped). Consecutive days with the same barTime form one bar (weekly bars carry the
   * week's Monday). Never decreases.
   */
  readonly barTime: Float64Array
  readonly sessionStart: Float64Array
  readonly sessionEnd: Float64Array
  readonly regularOpen: Float64Array
  readonly regularClose: Float64Array
}

interface ConditionFilter {
  /**
   * Ticks whose conditions share any bit with this mask are ignored as if they never arrived
   * (neither price nor volume counts). Defaults to 0: nothing is excluded.
   */
  readonly excludedConditions?: number
}

/**
 * Buckets [start, start + period) with start = floor((t - anchor) / period) * period + anchor,
 * as resampling uses. Each bar is stamped with its bucket's start.
 */
export interface TimeBarSpec extends ConditionFilter {
  readonly type: 'time'
  /** A positive whole number of seconds: 1 to days. */
  readonly periodSeconds: number
  /** Shifts bucket boundaries by this many whole seconds; defaults to 0. */
  readonly anchorSeconds?: number
}

/**
 * Every closed bar holds exactly `volumePerBar`. A print that overflows the open bar is split: the
 * part that fills it closes it, whole bars of the rest close at once at the print's price, and the
 * remainder opens the next bar. Bars are stamped with their first print's time, so several can
 * share a time. One print may close at most 2^20 bars.
 */
export interface VolumeBarSpec extends ConditionFilter {
  readonly type: 'volume'
  readonly volumePerBar: number
}

/**
 * Each bar spans at most `range` price units from low to high. A print that would widen it past
 * `range` (outside [high - range, low + range]) closes it and opens the next bar at its own price;
 * gaps are not filled with synthetic bars. Bars are stamped with their first print's time.
 */
export interface RangeBarSpec extends ConditionFilter {
  readonly type: 'range'
  readonly range: number
}

/**
 * One bar per trading day of `calendar` (or per shared barTime), stamped with its barTime. Prints
 * outside every session, or outside regular hours when `regularHoursOnly`, are ignored.
 */
export interface SessionBarSpec extends ConditionFilter {
  readonly type: 'session'
  readonly calendar: SessionCalendar
  readonly regularHoursOnly?: boolean
}

/** How ticks become bars; a tagged union on `type`. */
export type AggregationSpec = TimeBarSpec | VolumeBarSpec | RangeBarSpec | SessionBarSpec

export type AggregationType = AggregationSpec['type']
