import { useRef, useState } from 'react'
import { IMPORT_FORMATS } from '../../../shared/contract'
import { TIMEFRAMES } from '../../../shared/domain'
import { transportKind } from '../../bridge'
import { cancelImport, clearStaged, previewAll, runImport, runImportPaths, stageFiles, unstageFile } from './data-actions'
import { formatBytes, formatCount, plural } from './data-format'
import type { SharedImportOptions, StagedFile } from './data-store'
import { useDataStore } from './data-store'
import { ImportPreviewView } from './ImportPreviewView'
import { LastImportReport } from './ImportReportView'

const FORMAT_LABELS: Record<string, string> = { auto: 'Detect', yahoo: 'Yahoo', stooq: 'Stooq', ib: 'IB / TWS', generic: 'Generic' }

function fileState(file: StagedFile): { label: string; tone: 'ok' | 'warn' | 'bad' | 'busy' } {
  if (file.previewing) return { label: 'reading…', tone: 'busy' }
  const p = file.preview
  if (!p) return { label: 'not read', tone: 'bad' }
  if (p.fatal) return { label: 'cannot import', tone: 'bad' }
  if (p.rejectedTotal > 0) return { label: plural(p.rejectedTotal, 'bad line'), tone: 'warn' }
  return { label: 'ready', tone: 'ok' }
}

export function ImportPanel() {
  const staged = useDataStore((s) => s.staged)
  const selectedFileId = useDataStore((s) => s.selectedFileId)
  const options = useDataStore((s) => s.options)
  const running = useDataStore((s) => s.running)
  const dragging = useDataStore((s) => s.dragging)
  const input = useRef<HTMLInputElement>(null)
  const [paths, setPaths] = useState('')
  const selected = staged.find((f) => f.id === selectedFileId) ?? null
  const importable = staged.filter((f) => f.preview && !f.preview.fatal && (options.skipBadLines || f.preview.rejectedTotal === 0))

  const setOption = <K extends keyof SharedImportOptions>(key: K, value: SharedImportOptions[K]): void => {
    useDataStore.setState((s) => ({ options: { ...s.options, [key]: value } }))
    void previewAll()
  }

  const onDrop = (e: React.DragEvent): void => {
    e.preventDefault()
    useDataStore.setState({ dragging: false })
    void stageFiles(Array.from(e.dataTransfer.files))
  }

  const percent = running && running.filesTotal > 0 ? Math.round((running.filesDone / running.filesTotal) * 100) : 0

  return (
    <div className="panel data-panel data-panel--import" data-testid="data-import">
      <div className="data-panel__head">
        <h2 className="panel__title">Import bars</h2>
        <span className="data-panel__meta">Yahoo, Stooq, IB/TWS exports or any CSV · .csv .txt .tsv, gzip too</span>
      </div>

      <div
        className={`data-drop${dragging ? ' data-drop--over' : ''}`}
        data-testid="data-import-drop"
        onDragOver={(e) => {
          e.preventDefault()
          if (!dragging) useDataStore.setState({ dragging: true })
        }}
        onDragLeave={() => useDataStore.setState({ dragging: false })}
        onDrop={onDrop}
      >
        <span>Drop bar files here, or</span>
        <button type="button" className="button" onClick={() => input.current?.click()} disabled={running !== null}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept=".csv,.txt,.tsv,.gz,text/csv,text/plain"
          data-testid="data-import-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? [])
            e.target.value = ''
            void stageFiles(files)
          }}
        />
      </div>

      <div className="data-options" data-testid="data-import-options">
        <label className="data-field">
          <span>Format</span>
          <select className="select" value={options.format} onChange={(e) => setOption('format', e.target.value as SharedImportOptions['format'])}>
            {['auto', ...IMPORT_FORMATS].map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <label className="data-field">
          <span>Symbol</span>
          <input
            className="data-input data-field__symbol"
            placeholder="from file"
            value={options.symbol}
            onChange={(e) => useDataStore.setState((s) => ({ options: { ...s.options, symbol: e.target.value } }))}
            onBlur={() => void previewAll()}
          />
        </label>
        <label className="data-field">
          <span>Timeframe</span>
          <select className="select" value={options.timeframe} onChange={(e) => setOption('timeframe', e.target.value as SharedImportOptions['timeframe'])}>
            <option value="">Detect</option>
            {TIMEFRAMES.map((tf) => (
              <option key={tf} value={tf}>
                {tf}
              </option>
            ))}
          </select>
        </label>
        <label className="data-field" title="Zone of timestamps written without an offset; the instrument's zone (America/New_York for new ones) when empty">
          <span>Time zone</span>
          <input
            className="data-input data-field__zone"
            placeholder="instrument's"
            value={options.timeZone}
            onChange={(e) => useDataStore.setState((s) => ({ options: { ...s.options, timeZone: e.target.value } }))}
            onBlur={() => void previewAll()}
          />
        </label>
        <label className="data-field" title="Exchange of instruments this import creates (UNKNOWN when empty); with it, the symbol is looked up on that exchange">
          <span>Exchange</span>
          <input
            className="data-input data-field__short"
            placeholder="UNKNOWN"
            value={options.exchange}
            onChange={(e) => useDataStore.setState((s) => ({ options: { ...s.options, exchange: e.target.value } }))}
          />
        </label>
        <label className="data-field" title="Currency of instruments this import creates (USD when empty)">
          <span>Ccy</span>
          <input
            className="data-input data-field__tiny"
            placeholder="USD"
            value={options.currency}
            onChange={(e) => useDataStore.setState((s) => ({ options: { ...s.options, currency: e.target.value } }))}
          />
        </label>
        <label className="data-field" title="Asset class of instruments this import creates (stock when empty)">
          <span>Class</span>
          <select className="select" value={options.assetClass} onChange={(e) => setOption('assetClass', e.target.value as SharedImportOptions['assetClass'])}>
            <option value="">stock</option>
            {(['etf', 'future', 'fx', 'crypto', 'index'] as const).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="data-field" title="Regular session in exchange time, HH:MM-HH:MM (09:30-16:00 when empty; 00:00-24:00 for markets that never close)">
          <span>Session</span>
          <input
            className="data-input data-field__session"
            placeholder="09:30-16:00"
            value={options.session}
            onChange={(e) => useDataStore.setState((s) => ({ options: { ...s.options, session: e.target.value } }))}
            onBlur={() => void previewAll()}
          />
        </label>
        <label className="data-check" title="Import the good lines of files with bad ones and list the bad lines; by default one bad line keeps its whole file out">
          <input type="checkbox" data-testid="data-import-skip-bad" checked={options.skipBadLines} onChange={(e) => setOption('skipBadLines', e.target.checked)} />
          <span>Skip bad lines</span>
        </label>
      </div>

      {staged.length > 0 ? (
        <table className="data-table data-files" data-testid="data-import-files">
          <thead>
            <tr>
              <th>File</th>
              <th className="num">Size</th>
              <th>Format</th>
              <th>Symbol</th>
              <th>TF</th>
              <th className="num">Bars</th>
              <th>State</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {staged.map((f) => {
              const state = fileState(f)
              return (
                <tr
                  key={f.id}
                  data-testid="data-import-file"
                  data-state={state.tone}
                  className={f.id === selectedFileId ? 'data-table__row--selected' : undefined}
                  onClick={() => useDataStore.setState({ selectedFileId: f.id })}
                >
                  <td className="data-table__name" title={f.name}>
                    {f.name}
                  </td>
                  <td className="mono num">{formatBytes(f.size)}</td>
                  <td>{f.preview?.format ? FORMAT_LABELS[f.preview.format] : '—'}</td>
                  <td className="mono">{f.preview?.symbols.join(', ') || '—'}</td>
                  <td className="mono">{f.preview?.timeframe ?? '—'}</td>
                  <td className="mono num">{f.preview ? formatCount(f.preview.barCount) : ''}</td>
                  <td>
                    <span className={`data-pill data-pill--${state.tone}`}>{state.label}</span>
                  </td>
                  <td className="data-table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      title="Remove from the list"
                      disabled={running !== null}
                      onClick={(e) => {
                        e.stopPropagation()
                        unstageFile(f.id)
                      }}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}

      {selected ? <ImportPreviewView file={selected} /> : null}

      <div className="data-run">
        <button
          type="button"
          className="button button--primary"
          data-testid="data-import-run"
          disabled={running !== null || staged.length === 0}
          title={importable.length < staged.length ? 'Files that cannot be imported as they are will be rejected and reported' : undefined}
          onClick={() => void runImport()}
        >
          Import {staged.length > 0 ? plural(staged.length, 'file') : ''}
        </button>
        {staged.length > 0 && running === null ? (
          <button type="button" className="button" onClick={clearStaged}>
            Clear
          </button>
        ) : null}
        {running ? (
          <div className="data-progress" data-testid="data-import-progress" data-files-done={running.filesDone} data-files-total={running.filesTotal}>
            <div className="data-progress__bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <div className="data-progress__fill" style={{ width: `${percent}%` }} />
            </div>
            <span className="data-progress__text mono">
              {running.filesDone}/{running.filesTotal} files · {formatCount(running.linesDone)} lines
              {running.currentFile ? ` · ${running.currentFile.split(/[\\/]/).pop()}` : ''}
            </span>
            <button type="button" className="button" data-testid="data-import-cancel" disabled={running.cancelling} onClick={() => void cancelImport()}>
              {running.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        ) : null}
      </div>

      <LastImportReport />

      <form
        className="data-paths"
        onSubmit={(e) => {
          e.preventDefault()
          const list = paths
            .split(/\n|;/)
            .map((p) => p.trim())
            .filter((p) => p !== '')
          void runImportPaths(list)
        }}
      >
        <label className="data-field data-field--wide" title="Files or folders on the machine the engine runs on; folders are read recursively">
          <span>{transportKind === 'websocket' ? "On the engine's machine" : 'Files or folders by path'}</span>
          <input className="data-input mono" data-testid="data-import-path" placeholder="/path/to/folder ; /path/to/file.csv" value={paths} onChange={(e) => setPaths(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="data-import-path-run" disabled={running !== null || paths.trim() === ''}>
          Import path
        </button>
      </form>
    </div>
  )
}
