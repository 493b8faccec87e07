import type { Theme } from '../../shared/contract'
import { quorum } from '../bridge'
import { useStore } from './store'

/** Applies the theme at once and saves it in the engine's settings. */
export async function changeTheme(theme: Theme): Promise<void> {
  useStore.getState().setTheme(theme)
  const result = await quorum.settings.update({ theme })
  if (!result.ok) useStore.getState().reportError(`Saving the ${theme} theme`, result.error)
}

export function toggleTheme(): Promise<void> {
  return changeTheme(useStore.getState().theme === 'dark' ? 'light' : 'dark')
}

/** Keeps `<html data-theme>` (which the CSS custom properties key on) in step with the store. */
export function followThemeOnDocument(root: HTMLElement): () => void {
  const apply = (theme: Theme): void => {
    root.dataset.theme = theme
  }
  apply(useStore.getState().theme)
  return useStore.subscribe((s, prev) => {
    if (s.theme !== prev.theme) apply(s.theme)
  })
}
