import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { startSession } from './app/session'
import { installShortcuts } from './app/shortcuts'
import { followThemeOnDocument } from './app/theme-actions'
import { reportUncaughtErrors } from './app/uncaught-errors'
import './styles/theme.css'
import './styles/base.css'
import './styles/frame.css'
import './styles/chart.css'
import './styles/workspaces.css'

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('index.html has no #root element')

reportUncaughtErrors(window)
followThemeOnDocument(document.documentElement)
installShortcuts(window)
startSession()

createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
