import { useEffect } from 'react'
import { useStore } from '../../app/store'
import { loadHistory, selectInstrument } from './data-actions'
import { useDataStore } from './data-store'
import { ConfirmDelete } from './ConfirmDelete'
import { CoveragePanel } from './CoveragePanel'
import { ImportPanel } from './ImportPanel'
import { ImportHistory } from './ImportReportView'
import { InstrumentsPanel } from './InstrumentsPanel'
import './data.css'

/** Instruments and what is stored for each (with gaps), importing bar files, and deleting what the trader does not want. */
export function DataWorkspace() {
  const instruments = useStore((s) => s.instruments)
  const selected = useDataStore((s) => s.selectedInstrumentId)

  useEffect(() => {
    void loadHistory()
  }, [])

  // Show the first instrument's coverage until the trader picks one; follow deletions made elsewhere.
  useEffect(() => {
    if (selected !== null && instruments.some((i) => i.id === selected)) return
    const first = instruments.find((i) => !i.isDemo) ?? instruments[0]
    void selectInstrument(first?.id ?? null)
  }, [instruments, selected])

  return (
    <section className="workspace workspace--data" data-testid="workspace-data" aria-label="Data">
      <div className="data-layout">
        <div className="data-column">
          <InstrumentsPanel />
          <CoveragePanel />
        </div>
        <div className="data-column">
          <ImportPanel />
          <ImportHistory />
        </div>
      </div>
      <ConfirmDelete />
    </section>
  )
}
