import type { DeletedInstrumentData, TimeframeCoverage } from '../../shared/contract'
import type { Instrument, InstrumentId, Timeframe } from '../../shared/domain'
import { EngineError } from '../kernel'
import type { Store } from '../store'
import { calendarForTimeZone } from './exchange-calendar'

/** What the Data workspace reads and removes: coverage with its gaps, and deletion of an instrument or one timeframe. */
export class InstrumentDataService {
  constructor(private readonly store: Store) {}

  /** Coverage of one timeframe with the gaps in it; exchange holidays (NYSE for New York instruments) are not gaps. */
  gaps(instrumentId: InstrumentId, timeframe: Timeframe, maxResults: number): TimeframeCoverage {
    const instrument = this.instrument(instrumentId)
    const coverage = this.store.bars.coverage(instrumentId).find((c) => c.timeframe === timeframe)
    if (!coverage) throw new EngineError('not-found', `${instrument.symbol} has no stored ${timeframe} bars.`)
    const calendar = calendarForTimeZone(instrument.timeZone)
    const scan = this.store.bars.gaps(instrumentId, timeframe, { maxResults, isHoliday: calendar?.isHoliday })
    return {
      ...coverage,
      gaps: scan.gaps,
      gapCount: scan.total,
      missingBars: scan.missingBars,
      truncated: scan.truncated,
      hasAdjustments: this.store.adjustments.has(instrumentId, timeframe),
      calendar: calendar?.name ?? null,
    }
  }

  /** Removes one timeframe's bars and factors, or the instrument with everything stored for it, in one transaction. */
  delete(instrumentId: InstrumentId, timeframe: Timeframe | undefined): DeletedInstrumentData {
    const instrument = this.instrument(instrumentId)
    const result = this.store.transaction((): DeletedInstrumentData => {
      if (timeframe !== undefined) {
        const bars = this.store.bars.deleteBars(instrumentId, timeframe)
        this.store.adjustments.deleteTimeframeFactors(instrumentId, timeframe)
        return { instrumentId, timeframe, bars, instrumentDeleted: false }
      }
      const bars = this.store.bars.count(instrumentId)
      // Bars, factors and drawings go with the instrument (ON DELETE CASCADE).
      this.store.instruments.delete(instrumentId)
      return { instrumentId, timeframe: null, bars, instrumentDeleted: true }
    })
    this.store.audit.append('trader', timeframe === undefined ? 'instrument.deleted' : 'bars.deleted', {
      instrumentId,
      symbol: instrument.symbol,
      exchange: instrument.exchange,
      timeframe: timeframe ?? null,
      bars: result.bars,
    })
    return result
  }

  private instrument(instrumentId: InstrumentId): Instrument {
    const instrument = this.store.instruments.get(instrumentId)
    if (!instrument) throw new EngineError('not-found', `No instrument with id ${instrumentId}; it may have been deleted in another window.`)
    return instrument
  }
}
