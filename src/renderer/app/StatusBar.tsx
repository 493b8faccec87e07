import { THEME_SHORTCUT } from './shortcuts'
import { useStore } from './store'
import { toggleTheme } from './theme-actions'
import type { Tone } from './status-tones'
import { BROKER_SHOWN, CONNECTION_SHOWN, DATA_SHOWN, ENGINE_SHOWN, PENDING, UNKNOWN, UNREACHABLE } from './status-tones'

function StatusItem(props: { testId: string; label: string; tone: Tone; text: string; title?: string }) {
  return (
    <span className="status-item" data-testid={props.testId} data-tone={props.tone} title={props.title ?? `${props.label}: ${props.text}`}>
      <span className={`status-dot status-dot--${props.tone}`} aria-hidden="true" />
      <span className="status-item__label">{props.label}</span>
      <span className="status-item__text">{props.text}</span>
    </span>
  )
}

export function StatusBar() {
  const status = useStore((s) => s.status)
  const transport = useStore((s) => s.transport)
  const connection = useStore((s) => s.connection)
  const version = useStore((s) => s.appInfo?.version)
  const theme = useStore((s) => s.theme)
  const nextTheme = theme === 'dark' ? 'light' : 'dark'

  // While the link is down the last status is stale: say so rather than show it as current.
  const linkDown = connection === 'closed'
  const engine = linkDown ? UNREACHABLE : status ? ENGINE_SHOWN[status.engine] : PENDING
  const data = linkDown ? UNKNOWN : status ? DATA_SHOWN[status.data] : PENDING
  const broker = linkDown ? UNKNOWN : status ? BROKER_SHOWN[status.broker] : PENDING
  const link = CONNECTION_SHOWN[connection]
  const transportLabel = transport === 'ipc' ? 'desktop IPC' : transport === 'websocket' ? 'browser WebSocket' : '…'

  return (
    <footer className="status-bar">
      <StatusItem testId="status-engine" label="Engine" {...engine} />
      <StatusItem testId="status-data" label="Data" {...data} />
      <StatusItem testId="status-broker" label="Broker" {...broker} />
      {status?.message && !linkDown ? (
        <span className="status-bar__message" title={status.message}>
          {status.message}
        </span>
      ) : (
        <span className="status-bar__spacer" />
      )}
      <StatusItem testId="status-transport" label={transportLabel} tone={link.tone} text={link.text} title={`Transport: ${transportLabel}, ${link.text}`} />
      <button
        type="button"
        className="status-bar__theme"
        data-testid="theme-toggle"
        data-theme-current={theme}
        title={`Switch to the ${nextTheme} theme (${THEME_SHORTCUT})`}
        onClick={() => void toggleTheme()}
      >
        Theme: {theme === 'dark' ? 'dark' : 'light'}
      </button>
      <span className="status-item status-item--version" data-testid="app-version" data-version={version ?? ""} title="Quorum version">
        {version ? `Quorum ${version}` : 'Quorum'}
      </span>
    </footer>
  )
}
