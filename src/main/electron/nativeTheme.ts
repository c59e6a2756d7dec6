import { nativeTheme } from 'electron'
import type { SettingsStore } from '../storage/SettingsStore.ts'

/** The window's native parts (title bar, menus, dialogs, scroll bars) follow the theme chosen in Settings, as the page does. */
export function followThemeSetting(settings: SettingsStore): void {
  nativeTheme.themeSource = settings.get().theme
  settings.onChange((value) => {
    nativeTheme.themeSource = value.theme
  })
}
