import type { InstrumentId } from './ids'
import type { Timeframe } from './timeframe'

export type AssetClass = 'stock' | 'etf' | 'future' | 'fx' | 'crypto' | 'index'

export interface Instrument {
  readonly id: InstrumentId
  readonly symbol: string
  readonly name: string
  readonly exchange: string
  readonly currency: string
  readonly assetClass: AssetClass
  readonly tickSize: number
  /** IANA time zone of the exchange, e.g. `America/New_York`. */
  readonly timeZone: string
  /** Regular session in exchange-local time, `HH:MM-HH:MM`. */
  readonly session: string
  /** True for the generated demo market; never confused with real data. */
  readonly isDemo: boolean
}

/** What is stored for one instrument and timeframe. */
export interface Coverage {
  readonly instrumentId: InstrumentId
  readonly timeframe: Timeframe
  readonly firstTime: number
  readonly lastTime: number
  readonly count: number
}
