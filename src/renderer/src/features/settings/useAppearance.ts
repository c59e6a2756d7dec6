import { useEffect } from 'react'
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
    if (language) document.documentElement.lang = resolveLanguage(language)
  }, [language])
}
