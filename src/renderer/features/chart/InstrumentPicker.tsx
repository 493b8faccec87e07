import { useEffect, useMemo, useRef, useState } from 'react'
import type { Instrument, InstrumentId } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { chooseInstrument } from './chart-actions'
import { filterInstruments } from './chart-search'
import { Icon } from './icons'

interface InstrumentPickerProps {
  readonly instruments: readonly Instrument[]
  readonly selected: InstrumentId | null
  /** How the shortcut that focuses the search is written, for the tooltip. */
  readonly shortcut: string
}

/**
 * The symbol search of the active chart: type to filter by symbol or name, arrows to move,
 * Enter to show, Esc to leave it. Ctrl+K or `/` brings the focus here.
 */
export function InstrumentPicker({ instruments, selected, shortcut }: InstrumentPickerProps) {
  const current = instruments.find((i) => i.id === selected)
  const requests = useStore((s) => s.symbolSearchRequests)
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [highlight, setHighlight] = useState(0)
  const inputRef = useRef<HTMLInputElement>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const matches = useMemo(() => filterInstruments(instruments, query), [instruments, query])

  useEffect(() => {
    if (requests > 0) inputRef.current?.focus()
  }, [requests])

  useEffect(() => {
    listRef.current?.querySelector('[data-highlighted="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [highlight, open])

  const close = (): void => {
    setOpen(false)
    setQuery('')
  }
  const choose = (i: Instrument | undefined): void => {
    if (!i) return
    void chooseInstrument(i.id)
    close()
    inputRef.current?.blur()
  }

  return (
    <div
      className="instrument-picker"
      ref={rootRef}
      onBlur={(e) => {
        if (!rootRef.current?.contains(e.relatedTarget as Node | null)) close()
      }}
    >
      <div className={`search-field search-field--symbol${open ? ' search-field--open' : ''}`}>
        <Icon name="search" size={15} />
        <input
          ref={inputRef}
          className="search-field__input search-field__input--symbol"
          data-testid="instrument-picker"
          role="combobox"
          aria-label="Instrument"
          aria-expanded={open}
          aria-controls="instrument-list"
          aria-autocomplete="list"
          title={current ? `${current.symbol} — ${current.name} · ${current.exchange} · ${current.currency} (search: ${shortcut})` : `Search instruments (${shortcut})`}
          placeholder={current ? current.symbol : instruments.length === 0 ? 'No instruments' : 'Symbol'}
          disabled={instruments.length === 0}
          value={open ? query : (current?.symbol ?? '')}
          spellCheck={false}
          autoComplete="off"
          onFocus={() => {
            setOpen(true)
            setQuery('')
            setHighlight(Math.max(0, instruments.findIndex((i) => i.id === selected)))
          }}
          onChange={(e) => {
            setOpen(true)
            setQuery(e.target.value)
            setHighlight(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              setOpen(true)
              setHighlight((h) => Math.min(h + 1, matches.length - 1))
            } else if (e.key === 'ArrowUp') {
              e.preventDefault()
              setHighlight((h) => Math.max(h - 1, 0))
            } else if (e.key === 'Enter') {
              e.preventDefault()
              choose(matches[highlight])
            } else if (e.key === 'Escape') {
              e.preventDefault()
              e.stopPropagation()
              close()
              inputRef.current?.blur()
            }
          }}
        />
        <span className="search-field__name">{!open && current ? current.name : ''}</span>
        <Icon name="chevron-down" size={14} />
      </div>
      {current?.isDemo ? (
        <span className="badge badge--demo" data-testid="demo-badge" title="Generated demo data, not real prices">
          demo
        </span>
      ) : null}
      {open ? (
        <div className="popover picker__popover picker__popover--symbols" role="listbox" id="instrument-list" aria-label="Instruments" ref={listRef}>
          {matches.length === 0 ? <p className="picker__empty">No instrument matches “{query}”.</p> : null}
          {matches.map((i, n) => (
            <div
              key={i.id}
              role="option"
              aria-selected={n === highlight}
              data-highlighted={n === highlight}
              data-current={i.id === selected}
              className="picker__option picker__option--symbol"
              data-testid={`instrument-option-${i.symbol}`}
              onPointerMove={() => setHighlight(n)}
              // Chosen on mousedown, before the input's blur closes the list.
              onPointerDown={(e) => {
                e.preventDefault()
                choose(i)
              }}
            >
              <span className="picker__option-name mono">{i.symbol}</span>
              <span className="picker__option-title">{i.name}</span>
              <span className="picker__option-meta">
                {i.exchange} · {i.currency}
                {i.isDemo ? <span className="badge badge--demo">demo</span> : null}
              </span>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  )
}
