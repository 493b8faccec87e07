/**
 * A small seeded generator (sfc32, seeded through splitmix32) so the demo market is the same on
 * every machine: Math.random cannot be seeded, and sfc32 is fast and statistically sound for
 * simulation, which is all the demo needs (it is not for anything secret).
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number
  /** Standard normal (mean 0, variance 1). */
  normal(): number
}

function splitmix32(state: number): () => number {
  let s = state | 0
  return () => {
    s = (s + 0x9e3779b9) | 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** A generator for `seed` (any safe integer); `stream` gives independent sequences from one seed. */
export function createPrng(seed: number, stream = 0): Prng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`A seed must be a safe integer, got ${seed}.`)
  if (!Number.isSafeInteger(stream) || stream < 0) throw new RangeError(`A stream must be a non-negative safe integer, got ${stream}.`)
  const low = seed >>> 0
  const high = Math.floor(seed / 2 ** 32) >>> 0
  const mix = splitmix32(low ^ Math.imul(high, 0x27d4eb2f) ^ Math.imul(stream + 1, 0x165667b1))
  let a = mix()
  let b = mix()
  let c = mix()
  let d = mix()
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  // The first outputs of sfc32 still show the seed's structure; discard them.
  for (let i = 0; i < 12; i++) next32()
  let spare: number | null = null
  const next = (): number => next32() / 2 ** 32
  return {
    next,
    normal() {
      if (spare !== null) {
        const value = spare
        spare = null
        return value
      }
      // Marsaglia's polar method: only sqrt and log, no trigonometry.
      for (;;) {
        const u = 2 * next() - 1
        const v = 2 * next() - 1
        const s = u * u + v * v
        if (s > 0 && s < 1) {
          const factor = Math.sqrt((-2 * Math.log(s)) / s)
          spare = v * factor
          return u * factor
        }
      }
    },
  }
}
