import { Fragment, useEffect, useRef } from 'react'
import type { ImportFileReport } from '../../../shared/contract'
import { formatCount, plural } from './data-format'
import { useDataStore } from './data-store'

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}

function FileLines({ file }: { file: ImportFileReport }) {
  if (file.rejected.length === 0 && file.warnings.length === 0) return null
  const name = baseName(file.file)
  return (
    <ul className="data-report__lines mono">
      {file.rejected.map((r) => (
        <li key={`r${r.line}`} className="data-problems__bad" data-testid="data-import-rejected-line">
          {name}:{r.line}: {r.field ? `${r.field}: ` : ''}
          {r.reason}
        </li>
      ))}
      {file.rejectedTotal > file.rejected.length ? <li>… {plural(file.rejectedTotal - file.rejected.length, 'more bad line')}</li> : null}
      {file.warnings.slice(0, 8).map((w, i) => (
        <li key={`w${i}`} className="data-problems__warn">
          {name}
          {w.line === null ? '' : `:${w.line}`}: {w.message}
        </li>
      ))}
      {file.warningsTotal > 8 ? <li className="data-preview__muted">… {plural(file.warningsTotal - 8, 'more warning')}</li> : null}
    </ul>
  )
}

/** The last import's reports: each file imported, rejected or cancelled, then its rejected lines as file:line: reason. */
export function LastImportReport() {
  const reports = useDataStore((s) => s.reports)
  const box = useRef<HTMLDivElement>(null)
  // A finished import's report is what the trader wants to read next: bring it into view.
  useEffect(() => {
    if (reports.length > 0) box.current?.scrollIntoView({ block: 'nearest' })
  }, [reports])
  if (reports.length === 0) return null
  const files = reports.flatMap((r) => r.files)
  const imported = files.filter((f) => f.status === 'imported').length
  const rejected = files.filter((f) => f.status === 'rejected').length
  const cancelled = files.filter((f) => f.status === 'cancelled').length
  const bars = reports.reduce((sum, r) => sum + r.barsImported, 0)
  return (
    <div ref={box} className="data-report-box" data-testid="data-import-report" data-imported={imported} data-rejected={rejected} data-cancelled={cancelled}>
      <div className="data-panel__head">
        <h2 className="panel__title">Last import</h2>
        <span className="data-panel__meta">
          {plural(imported, 'file')} imported · {formatCount(rejected)} rejected{cancelled > 0 ? ` · ${formatCount(cancelled)} cancelled` : ''} ·{' '}
          {plural(bars, 'bar')} · run {reports.map((r) => r.runId).join(', ')}
        </span>
        <button type="button" className="button button--small data-report-box__close" onClick={() => useDataStore.setState({ reports: [] })}>
          Dismiss
        </button>
      </div>
      <table className="data-table data-report">
        <tbody>
          {files.map((f, i) => (
            <Fragment key={`${i}-${f.file}`}>
              <tr data-testid="data-import-report-file" data-status={f.status}>
                <td>
                  <span className={`data-pill data-pill--${f.status === 'imported' ? 'ok' : f.status === 'rejected' ? 'bad' : 'warn'}`}>{f.status}</span>
                </td>
                <td className="data-table__name" title={f.file}>
                  {baseName(f.file)}
                </td>
                <td className="data-report__summary">
                  {f.summary}
                  {f.warningsTotal > 0 ? <span className="data-preview__muted"> · {plural(f.warningsTotal, 'warning')}</span> : null}
                </td>
              </tr>
              {f.rejected.length > 0 || f.warnings.length > 0 ? (
                <tr className="data-report__detail">
                  <td colSpan={3}>
                    <FileLines file={f} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The import history the engine keeps (import_runs), newest first. */
export function ImportHistory() {
  const history = useDataStore((s) => s.history)
  if (history.length === 0) return null
  return (
    <div className="panel data-panel" data-testid="data-import-history">
      <h2 className="panel__title">Recent imports</h2>
      <table className="data-table">
        <tbody>
          {history.map((h) => (
            <tr key={h.runId}>
              <td className="mono data-table__muted">#{h.runId}</td>
              <td className="mono">{new Date(h.startedAt).toLocaleString()}</td>
              <td className="data-table__name" title={h.source}>
                {h.source}
              </td>
              <td>{h.status}</td>
              <td className="mono num">{formatCount(h.filesImported)} ok</td>
              <td className="mono num">{formatCount(h.filesRejected)} rej.</td>
              <td className="mono num">{formatCount(h.barsImported)} bars</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
