import { useEffect, useMemo, useRef, useState } from 'react'
import type { IndicatorInfo } from '../../../shared/domain'
import { useStore } from '../../app/store'
import { addIndicatorToActiveChart, loadIndicatorCatalog } from './chart-actions'
import { filterIndicators } from './chart-search'
import { Icon } from './icons'

/** The Indicators button and its searchable list; adding one puts it on the active chart. */
export function IndicatorPicker({ shortcut }: { shortcut: string }) {
  const open = useStore((s) => s.indicatorPickerOpen)
  const setOpen = useStore((s) => s.setIndicatorPickerOpen)
  const catalog = useStore((s) => s.indicatorCatalog)
  const [query, setQuery] = useState('')
  const [highlight, setHighlight] = useState(0)
  const searchRef = useRef<HTMLInputElement>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const listRef = useRef<HTMLDivElement>(null)

  const groups = useMemo(() => filterIndicators(catalog ?? [], query), [catalog, query])
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups])

  useEffect(() => {
    if (!open) return
    void loadIndicatorCatalog()
    setQuery('')
    setHighlight(0)
    searchRef.current?.focus()
    const onPointerDown = (e: PointerEvent): void => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open, setOpen])

  useEffect(() => {
    listRef.current?.querySelector('[data-highlighted="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [highlight])

  const add = (info: IndicatorInfo | undefined): void => {
    if (!info) return
    addIndicatorToActiveChart(info.name)
    setOpen(false)
  }

  return (
    <div className="picker" ref={rootRef}>
      <button
        type="button"
        className={`tool-button${open ? ' tool-button--active' : ''}`}
        data-testid="indicator-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        title={`Indicators (${shortcut})`}
        onClick={() => setOpen(!open)}
      >
        <Icon name="indicators" />
        <span className="tool-button__label">Indicators</span>
      </button>
      {open ? (
        <div className="popover picker__popover picker__popover--indicators" role="dialog" aria-label="Add an indicator">
          <div className="search-field">
            <Icon name="search" size={15} />
            <input
              ref={searchRef}
              className="search-field__input"
              data-testid="indicator-search"
              placeholder="Search indicators: RSI, moving average, bands…"
              value={query}
              role="combobox"
              aria-expanded="true"
              aria-controls="indicator-list"
              onChange={(e) => {
                setQuery(e.target.value)
                setHighlight(0)
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault()
                  setHighlight((h) => Math.min(h + 1, flat.length - 1))
                } else if (e.key === 'ArrowUp') {
                  e.preventDefault()
                  setHighlight((h) => Math.max(h - 1, 0))
                } else if (e.key === 'Enter') {
                  e.preventDefault()
                  add(flat[highlight])
                } else if (e.key === 'Escape') {
                  e.preventDefault()
                  e.stopPropagation()
                  setOpen(false)
                }
              }}
            />
          </div>
          <div className="picker__list" id="indicator-list" role="listbox" ref={listRef}>
            {catalog === null ? <p className="picker__empty">Reading the indicator library…</p> : null}
            {catalog !== null && flat.length === 0 ? <p className="picker__empty">No indicator matches “{query}”.</p> : null}
            {groups.map((g) => (
              <div key={g.group} className="picker__group" role="group" aria-label={g.group}>
                <div className="picker__group-title">{g.group}</div>
                {g.items.map((info) => {
                  const i = flat.indexOf(info)
                  return (
                    <div
                      key={info.name}
                      role="option"
                      aria-selected={i === highlight}
                      data-highlighted={i === highlight}
                      className="picker__option"
                      data-testid={`indicator-option-${info.name}`}
                      onPointerMove={() => setHighlight(i)}
                      onClick={() => add(info)}
                    >
                      <span className="picker__option-name mono">{info.name}</span>
                      <span className="picker__option-title">{info.title}</span>
                      <span className="picker__option-meta">{info.overlay ? 'on price' : 'own pane'}</span>
                    </div>
                  )
                })}
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  )
}
