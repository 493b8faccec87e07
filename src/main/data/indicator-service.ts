import type { ComputedIndicator } from '../../shared/contract'
import type { InstrumentId, Timeframe } from '../../shared/domain'
import { sliceBars } from '../../shared/domain'
import { EngineError } from '../kernel'
import { computeIndicatorAsync, findIndicator } from '../native'
import type { BarService } from './bar-service'

/** Upper bound on the history an indicator is computed over, in bars. */
const MAX_HISTORY = 5_000_000

export interface ComputeIndicatorOptions {
  readonly instrumentId: InstrumentId
  readonly timeframe: Timeframe
  readonly name: string
  readonly params: Readonly<Record<string, number>>
  readonly limit: number
  readonly before?: number
}

/**
 * Indicator values for the window of bars a chart shows. They are computed over the whole
 * stored history up to the window's end, so an EMA or RSI on screen has the same value as in a
 * backtest or in TA-Lib run over the full file, wherever the window starts.
 */
export class IndicatorService {
  constructor(private readonly bars: BarService) {}

  async compute(options: ComputeIndicatorOptions): Promise<ComputedIndicator> {
    if (!findIndicator(options.name)) throw new EngineError('not-found', `Unknown indicator "${options.name}".`)
    const history = await this.bars.load({ instrumentId: options.instrumentId, timeframe: options.timeframe, limit: MAX_HISTORY, before: options.before })
    let result
    try {
      result = await computeIndicatorAsync(options.name, history.bars, options.params)
    } catch (e) {
      if (e instanceof RangeError || e instanceof TypeError) throw new EngineError('invalid-request', e.message)
      throw e
    }
    const n = history.bars.time.length
    const start = Math.max(0, n - options.limit)
    const window = sliceBars(history.bars, start, n)
    return {
      name: result.name,
      params: result.params,
      lookback: result.lookback,
      time: window.time.slice(),
      outputs: Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.slice(start)])),
    }
  }
}
