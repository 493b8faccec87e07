/** The chart toolbar's and legend's icons: 18×18 strokes in the current colour. */
export type IconName =
  | 'candles'
  | 'bars'
  | 'line'
  | 'heikin-ashi'
  | 'layout-1'
  | 'layout-2'
  | 'layout-4'
  | 'hline'
  | 'trendline'
  | 'indicators'
  | 'eye'
  | 'eye-off'
  | 'settings'
  | 'close'
  | 'search'
  | 'chevron-down'

const PATHS: Record<IconName, readonly string[]> = {
  candles: ['M5 2.5v3', 'M5 12.5v3', 'M3.5 5.5h3v7h-3z', 'M12.5 4v2.5', 'M12.5 11.5V15', 'M11 6.5h3v5h-3z'],
  bars: ['M5 3v12', 'M3 6h2', 'M5 12h2', 'M13 3v12', 'M11 11h2', 'M13 5h2'],
  line: ['M2.5 13.5l4-5 3.5 3 5.5-7'],
  'heikin-ashi': ['M5 3v2.5', 'M3.5 5.5h3v6h-3z', 'M5 11.5V14', 'M12.5 5.5V7', 'M11 7h3v5.5h-3z', 'M12.5 12.5V15', 'M2.5 16.5h13'],
  'layout-1': ['M2.5 3.5h13v11h-13z'],
  'layout-2': ['M2.5 3.5h13v11h-13z', 'M9 3.5v11'],
  'layout-4': ['M2.5 3.5h13v11h-13z', 'M9 3.5v11', 'M2.5 9h13'],
  hline: ['M2 9h14', 'M4.5 6.5l-2.5 2.5 2.5 2.5'],
  trendline: ['M3.5 14.5l11-11', 'M3.5 14.5m-1.6 0a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0 -3.2 0', 'M14.5 3.5m-1.6 0a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0 -3.2 0'],
  indicators: ['M2.5 13.5c2-6 4-6 6 0s4 6 7-8', 'M2.5 16h13'],
  eye: ['M1.5 9s2.8-5 7.5-5 7.5 5 7.5 5-2.8 5-7.5 5-7.5-5-7.5-5z', 'M9 9m-2.2 0a2.2 2.2 0 1 0 4.4 0a2.2 2.2 0 1 0 -4.4 0'],
  'eye-off': ['M1.5 9s2.8-5 7.5-5 7.5 5 7.5 5-2.8 5-7.5 5-7.5-5-7.5-5z', 'M3 15L15 3'],
  settings: ['M9 6.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z', 'M9 1.8v2', 'M9 14.2v2', 'M1.8 9h2', 'M14.2 9h2', 'M3.9 3.9l1.4 1.4', 'M12.7 12.7l1.4 1.4', 'M3.9 14.1l1.4-1.4', 'M12.7 5.3l1.4-1.4'],
  close: ['M4.5 4.5l9 9', 'M13.5 4.5l-9 9'],
  search: ['M8 3a5 5 0 1 0 0 10a5 5 0 1 0 0-10z', 'M11.6 11.6l3.9 3.9'],
  'chevron-down': ['M5 7l4 4 4-4'],
}

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 18 18" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  )
}
