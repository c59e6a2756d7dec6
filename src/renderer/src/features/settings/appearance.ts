import { Theme, UI_LANGUAGES, type Language } from '../../../../shared/domain/settings.ts'

/** The last theme applied, so the next start paints in it before the settings arrive. */
const THEME_KEY = 'instruct-desk.theme'

/**
 * The theme for the whole window: `data-theme` on <html>, whose `color-scheme` the colours in
 * styles.css follow (`light-dark()`); `system` leaves the OS's preference in charge.
 */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
  try {
    localStorage.setItem(THEME_KEY, theme)
  } catch {
    // Storage can be off (a locked-down browser); the theme then applies once the settings load.
  }
}

/** Before the first render: the theme the app had when it last ran. */
export function applyRememberedTheme(): void {
  const remembered = Theme.safeParse(readRemembered())
  if (remembered.success) document.documentElement.dataset.theme = remembered.data
}

function readRemembered(): string | null {
  try {
    return localStorage.getItem(THEME_KEY)
  } catch {
    return null
  }
}

/** The language the interface uses: the chosen one, or for `system` the first of the OS's languages there is a catalog for. */
export function resolveLanguage(language: Language, preferred: readonly string[] = navigator.languages): string {
  if (language !== 'system') return language
  const codes: readonly string[] = UI_LANGUAGES.map((l) => l.code)
  return preferred.map((tag) => tag.split('-')[0] ?? '').find((code) => codes.includes(code)) ?? 'en'
}
