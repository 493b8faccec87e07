import { useStore } from '../../app/store'
import { quorum } from '../../bridge'

/** How long typing pauses before the engine checks the source. */
export const CHECK_DELAY_MS = 300

const lab = () => useStore.getState()

let checkTimer: ReturnType<typeof setTimeout> | null = null
let checkSequence = 0

/** Asks the engine to check the editor's source once typing pauses; only the newest answer counts. */
export function scheduleCheck(delayMs = CHECK_DELAY_MS): void {
  if (checkTimer !== null) clearTimeout(checkTimer)
  checkTimer = setTimeout(() => {
    checkTimer = null
    void checkNow()
  }, delayMs)
}

export async function checkNow(): Promise<void> {
  const source = lab().labDocument.source
  const sequence = ++checkSequence
  lab().setLabChecking(true)
  const result = await quorum.strategies.check({ source })
  if (sequence !== checkSequence) return
  if (!result.ok) {
    lab().setLabCheckFailure(`The engine could not check the strategy: ${result.error.message}`)
    return
  }
  lab().setLabCheck(source, result.value)
  if (result.value.ok) lab().applyLabParams(result.value.params)
}
