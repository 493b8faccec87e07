import type { ErrorInfo, ReactNode } from 'react'
import { Component } from 'react'
import { useStore } from './store'

interface State {
  readonly failed: boolean
}

/** A workspace that throws while rendering is replaced by a notice; the frame keeps working. */
export class WorkspaceErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false }

  static getDerivedStateFromError(): State {
    return { failed: true }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const message = error instanceof Error ? error.message : String(error)
    const where = info.componentStack?.trim().split('\n')[0]?.trim()
    useStore.getState().reportError('Drawing the workspace', { code: 'renderer', message: where ? `${message} (${where})` : message })
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    return (
      <div className="workspace workspace--placeholder">
        <div className="placeholder">
          <h1 className="placeholder__title">This workspace stopped</h1>
          <p className="placeholder__text">The error is shown above. Try again, or reload the window if it keeps failing.</p>
          <button type="button" className="button" onClick={() => this.setState({ failed: false })}>
            Try again
          </button>
        </div>
      </div>
    )
  }
}
