import { CHART_SHORTCUTS, LAB_SHORTCUTS, IS_MAC, THEME_SHORTCUT, shortcutLabel } from '../../app/shortcuts'
import { WORKSPACES, useStore } from '../../app/store'
import { changeTheme } from '../../app/theme-actions'

function InfoRow({ label, value }: { label: string; value: string | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="mono" title={value}>
        {value ?? '…'}
      </dd>
    </>
  )
}

export function SettingsWorkspace() {
  const theme = useStore((s) => s.theme)
  const info = useStore((s) => s.appInfo)
  const next = theme === 'dark' ? 'light' : 'dark'
  return (
    <section className="workspace workspace--settings" data-testid="workspace-settings" aria-label="Settings">
      <div className="settings">
        <h1 className="settings__title">Settings</h1>

        <div className="panel">
          <h2 className="panel__title">Appearance</h2>
          <div className="settings__row">
            <span className="settings__label">Theme</span>
            <div className="segmented" role="radiogroup" aria-label="Theme">
              {(['dark', 'light'] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="radio"
                  aria-checked={theme === t}
                  className={`segmented__item${theme === t ? ' segmented__item--active' : ''}`}
                  onClick={() => void changeTheme(t)}
                >
                  {t === 'dark' ? 'Dark' : 'Light'}
                </button>
              ))}
            </div>
            <button
              type="button"
              className="button"
              data-testid="theme-toggle"
              data-theme-current={theme}
              title={`Switch to the ${next} theme (${THEME_SHORTCUT})`}
              onClick={() => void changeTheme(next)}
            >
              Switch to {next}
            </button>
            <span className="settings__hint">{THEME_SHORTCUT}</span>
          </div>
        </div>

        <div className="panel">
          <h2 className="panel__title">Engine</h2>
          <dl className="info-grid">
            <InfoRow label="Version" value={info ? `${info.name} ${info.version}` : undefined} />
            <InfoRow label="Data folder" value={info?.dataDir} />
            <InfoRow label="Database file" value={info?.databaseFile} />
            <InfoRow label="SQLite" value={info?.sqliteVersion} />
            <InfoRow label="Native addon" value={info?.nativeVersion} />
            <InfoRow label="Transport" value={info ? (info.transport === 'ipc' ? 'desktop IPC' : 'WebSocket (quorum serve)') : undefined} />
            <InfoRow label="Platform" value={info?.platform} />
          </dl>
        </div>

        <div className="panel">
          <h2 className="panel__title">Keyboard</h2>
          <dl className="info-grid">
            {WORKSPACES.map((w, i) => (
              <InfoRow key={w.id} label={w.label} value={shortcutLabel(String(i + 1))} />
            ))}
            <InfoRow label="Toggle theme" value={THEME_SHORTCUT} />
          </dl>
          <h3 className="panel__subtitle">Chart</h3>
          <dl className="info-grid info-grid--wide" data-testid="chart-shortcuts">
            {CHART_SHORTCUTS.map((s) => (
              <InfoRow key={s.label} label={s.label} value={s.keys} />
            ))}
          </dl>
          <h3 className="panel__subtitle">Strategy Lab</h3>
          <dl className="info-grid info-grid--wide" data-testid="lab-shortcuts">
            {LAB_SHORTCUTS.map((s) => (
              <InfoRow key={s.label} label={s.label} value={s.keys} />
            ))}
          </dl>
          {IS_MAC ? null : <p className="settings__note">In a browser tab, Ctrl+1…7 may be taken by the browser first.</p>}
        </div>

        <div className="panel">
          <h2 className="panel__title">Notices</h2>
          <p className="settings__note">
            Charts are drawn with TradingView Lightweight Charts™, Copyright © 2025 TradingView, Inc.{' '}
            <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer noopener">
              https://www.tradingview.com/
            </a>
          </p>
        </div>
      </div>
    </section>
  )
}
