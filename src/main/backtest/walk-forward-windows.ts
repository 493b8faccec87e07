import { EngineError } from '../kernel'

export interface WindowSpan {
  /** Bar indices into the timeline, `to` exclusive. */
  readonly inSampleFrom: number
  readonly inSampleTo: number
  readonly outOfSampleFrom: number
  readonly outOfSampleTo: number
}

/**
 * Splits `bars` bars into `windows` walk-forward windows. The out-of-sample stretches tile the
 * end of the timeline back to back, each `b` bars; a rolling in-sample window is the `a` bars
 * before its out-of-sample stretch, with b / (a + b) = outOfSampleFraction and a + windows·b =
 * bars; an anchored one starts at bar 0 and grows.
 */
export function walkForwardWindows(bars: number, windows: number, outOfSampleFraction: number, mode: 'anchored' | 'rolling'): WindowSpan[] {
  const ratio = outOfSampleFraction / (1 - outOfSampleFraction)
  const inSample = Math.floor(bars / (1 + windows * ratio))
  const outOfSample = Math.floor((bars - inSample) / windows)
  if (inSample < 30 || outOfSample < 10) {
    throw new EngineError(
      'invalid-request',
      `${bars} bars are too few for ${windows} walk-forward windows with ${Math.round(outOfSampleFraction * 100)}% out of sample: ` +
        `each would have ${inSample} in-sample and ${outOfSample} out-of-sample bars (at least 30 and 10). Use fewer windows or more data.`,
    )
  }
  const start = bars - windows * outOfSample
  return Array.from({ length: windows }, (_, w) => {
    const outOfSampleFrom = start + w * outOfSample
    return {
      inSampleFrom: mode === 'anchored' ? 0 : outOfSampleFrom - inSample,
      inSampleTo: outOfSampleFrom,
      outOfSampleFrom,
      outOfSampleTo: outOfSampleFrom + outOfSample,
    }
  })
}
