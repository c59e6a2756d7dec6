import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en/index.ts'
import { formatBytes, formatDate, formatDuration, formatNumber } from './format.ts'

/** Every catalog's keys are typed: a key that is not in the catalog, or a forgotten `{{value}}`, does not compile. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: typeof en
    /** What `{{value, format}}` takes, for the formats registered below. */
    interpolationFormatTypeMap: { number: number; bytes: number; duration: number; date: string | number }
  }
}

/**
 * The app's one i18next instance. The catalogs are bundled (the CSP allows no fetching of code or
 * text), so it is ready when this module has run: no loading state, no suspense. Words come from the
 * catalog of the app's language, English, the only complete one; numbers and dates inside them
 * follow the OS locale (`format.ts`), whatever the language.
 */
export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  resources: { en },
  ns: Object.keys(en),
  defaultNS: 'common',
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" for "&".
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
})

// `{{count, number}}`, `{{size, bytes}}`, `{{left, duration}}`, `{{when, date}}`: the OS locale's
// cached formatters instead of i18next's own, which would follow the catalog's language.
const formatter = i18n.services.formatter
formatter?.add('number', (value: number, _lng, options: { fractionDigits?: number }) => formatNumber(value, options.fractionDigits))
formatter?.add('bytes', (value: number) => formatBytes(value))
formatter?.add('duration', (value: number) => formatDuration(value))
formatter?.add('date', (value: string | number) => formatDate(value))
