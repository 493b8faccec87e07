import { useStore } from './store'

/** Every engine error the renderer met, until the trader dismisses it. */
export function ErrorBanner() {
  const errors = useStore((s) => s.errors)
  const dismissError = useStore((s) => s.dismissError)
  const dismissAll = useStore((s) => s.dismissAllErrors)
  if (errors.length === 0) return null
  return (
    <section className="error-banner" data-testid="error-banner" role="alert" aria-live="assertive">
      <ul className="error-banner__list">
        {errors.map((e) => (
          <li key={e.id} className="error-banner__item">
            <span className="error-banner__context">{e.context} failed</span>
            <span className="error-banner__message" data-testid="error-message">
              {e.message}
            </span>
            <span className="error-banner__code">{e.code}</span>
            {e.count > 1 ? <span className="error-banner__count">×{e.count}</span> : null}
            <button
              type="button"
              className="error-banner__dismiss"
              data-testid="error-dismiss"
              title="Dismiss this error"
              aria-label="Dismiss this error"
              onClick={() => dismissError(e.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {errors.length > 1 ? (
        <button type="button" className="error-banner__dismiss-all" onClick={dismissAll}>
          Dismiss all
        </button>
      ) : null}
    </section>
  )
}
