import type { IndicatorInfo, Instrument } from '../../../shared/domain'

/** Instruments matching the query: symbol matches first (exact, prefix, anywhere), then names. */
export function filterInstruments(instruments: readonly Instrument[], query: string): Instrument[] {
  const q = query.trim().toLowerCase()
  if (q === '') return [...instruments]
  const rank = (i: Instrument): number => {
    const symbol = i.symbol.toLowerCase()
    if (symbol === q) return 5
    if (symbol.startsWith(q)) return 4
    if (symbol.includes(q)) return 3
    const name = i.name.toLowerCase()
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 2
    if (name.includes(q) || i.exchange.toLowerCase() === q) return 1
    return 0
  }
  return instruments
    .map((i) => [i, rank(i)] as const)
    .filter(([, r]) => r > 0)
    .sort((a, b) => b[1] - a[1] || a[0].symbol.localeCompare(b[0].symbol))
    .map(([i]) => i)
}

/** TA-Lib's groups in the order a trader reaches for them; others follow alphabetically. */
const GROUP_ORDER = ['Overlap Studies', 'Momentum Indicators', 'Volatility Indicators', 'Volume Indicators', 'Cycle Indicators', 'Pattern Recognition', 'Price Transform', 'Statistic Functions', 'Math Transform', 'Math Operators']

function groupRank(group: string): number {
  const i = GROUP_ORDER.indexOf(group)
  return i < 0 ? GROUP_ORDER.length : i
}

/** Indicators matching the query (name, title or group), grouped: in GROUP_ORDER when nothing is typed, else in order of their best match. */
export function filterIndicators(catalog: readonly IndicatorInfo[], query: string): { group: string; items: IndicatorInfo[] }[] {
  const q = query.trim().toLowerCase()
  const score = (i: IndicatorInfo): number => {
    if (q === '') return 1
    const name = i.name.toLowerCase()
    if (name === q) return 4
    if (name.startsWith(q)) return 3
    if (i.title.toLowerCase().includes(q)) return 2
    if (name.includes(q) || i.group.toLowerCase().includes(q)) return 1
    return 0
  }
  const matches = catalog.filter((i) => score(i) > 0)
  const groups = new Map<string, IndicatorInfo[]>()
  for (const i of [...matches].sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name))) {
    const list = groups.get(i.group) ?? []
    list.push(i)
    groups.set(i.group, list)
  }
  return [...groups]
    .map(([group, items]) => ({ group, items }))
    .sort((a, b) => (q === '' ? groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group) : 0))
}
