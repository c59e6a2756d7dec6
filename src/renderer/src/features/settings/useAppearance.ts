import { useEffect } from 'react'
import { i18n } from '../../i18n/i18n.ts'
import { applyTheme, resolveLanguage } from './appearance.ts'
import { useLiveSettings } from './useLiveSettings.ts'

/** Applies the theme and language from Settings to the whole window, and again whenever they change. */
export function useAppearance(): void {
  const settings = useLiveSettings()
  const theme = settings?.theme
  const language = settings?.language
  useEffect(() => {
    if (theme) applyTheme(theme)
  }, [theme])
  useEffect(() => {
    if (!language) return
    const code = resolveLanguage(language)
    document.documentElement.lang = code
    // The catalogs' language; numbers and dates keep following the OS locale.
    if (i18n.language !== code) void i18n.changeLanguage(code)
  }, [language])
}
