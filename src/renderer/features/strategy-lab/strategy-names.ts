/** The name itself when free, else the first free "name (2)", "name (3)"… (names are unique, case-insensitively). */
export function uniqueName(name: string, taken: readonly string[]): string {
  const base = name.trim() || 'Untitled strategy'
  const used = new Set(taken.map((t) => t.toLowerCase()))
  if (!used.has(base.toLowerCase())) return base
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`
    if (!used.has(candidate.toLowerCase())) return candidate
  }
}

/** What New puts in the editor: a working strategy to change, not an empty page. */
export function newStrategySource(name: string): string {
  return `strategy "${name.replace(/["\\]/g, '')}"
# Long while the close is above its moving average.
param len = 20 in 10..100 step 10

let ma = sma(close, len)

long entry: crossover(close, ma)
long exit:  crossunder(close, ma)
`
}
