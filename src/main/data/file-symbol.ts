/** Words in data file names that name the source or the bar size, never the instrument. */
const NOISE = new Set([
  'yahoo', 'yahoofinance', 'finance', 'stooq', 'backtrader', 'nautilus', 'ib', 'tws', 'ibkr', 'export', 'history', 'historical',
  'data', 'daily', 'day', 'days', 'weekly', 'intraday', 'minute', 'minutes', 'min', 'bars', 'bar', 'prices', 'price', 'ohlc', 'ohlcv',
  'csv', 'txt', 'trades', 'trade', 'bid', 'ask', 'mid', 'adj', 'adjusted', 'raw', 'volume', 'us',
])

const BAR_SIZE = /^\d+(m|min|mins|h|d|w|s|sec)$/i
const DATE_LIKE = /^\d{4,8}$/

/**
 * The instrument a file most likely holds, from its name: `yahoofinance-AAPL-20040819.csv` →
 * AAPL, `aapl.us.txt.gz` (Stooq) → AAPL, `backtrader-orcl-1995-2014.txt` → ORCL. A token written
 * in capitals wins; otherwise the first token that is not a date, a bar size or a source's name.
 * Null when nothing in the name looks like a symbol.
 */
export function symbolFromFileName(path: string): string | null {
  const base = path.split(/[\\/]/).pop() ?? path
  let stem = base.replace(/\.gz$/i, '').replace(/\.(csv|txt|tsv|dat)$/i, '')
  // Stooq names US listings `<ticker>.us`.
  stem = stem.replace(/\.us$/i, '')
  const tokens = stem.split(/[-_\s]+/).filter((t) => t !== '')
  const candidates = tokens.filter((t) => !DATE_LIKE.test(t) && !BAR_SIZE.test(t) && !NOISE.has(t.toLowerCase()) && /[A-Za-z]/.test(t))
  const capitals = candidates.find((t) => /^[A-Z0-9^=.]+$/.test(t) && /[A-Z]/.test(t))
  const chosen = capitals ?? candidates[0]
  return chosen ? chosen.toUpperCase() : null
}

/** Stooq writes US tickers as `AAPL.US`; the exchange suffix is not part of the symbol. */
export function symbolFromTicker(ticker: string, stooq: boolean): string {
  const trimmed = ticker.trim().toUpperCase()
  return stooq ? trimmed.replace(/\.US$/, '') : trimmed
}
