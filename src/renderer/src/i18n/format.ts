import { formatBytes as bytesIn, formatDuration as durationIn, type NumberWriter } from '../../../shared/format.ts'

/**
 * Numbers, sizes, durations and dates as the user's locale writes them: 1,234.5 in English,
 * 1.234,5 in German. The words around them come from the catalogs (in the app's language); the
 * way numbers and dates are written follows the OS, whatever language the words are in.
 */
export interface Formats {
  /** Grouped digits; `fractionDigits` fixes the decimals (2 → 0.50), else up to 3 as needed. */
  number(value: number, fractionDigits?: number): string
  /** Decimal units (4.7 GB), as Ollama prints them. */
  bytes(bytes: number): string
  /** Seconds as "5 s", "3 min", "1 h 5 min". */
  duration(seconds: number): string
  /** A day: "Nov 27, 2026" in American English, "27.11.2026" in German. */
  date(value: string | number | Date): string
}

/**
 * One Intl formatter per kind, built once: constructing one costs a fraction of a millisecond, which
 * a list of thousands of rows would pay on every render.
 */
export function createFormats(locale: string | undefined): Formats {
  const grouped = new Intl.NumberFormat(locale)
  const fixed = new Map<number, Intl.NumberFormat>()
  const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' })

  const number = (value: number, fractionDigits?: number): string => {
    if (fractionDigits === undefined) return grouped.format(value)
    let format = fixed.get(fractionDigits)
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits })
      fixed.set(fractionDigits, format)
    }
    return format.format(value)
  }
  const write: NumberWriter = number
  return {
    number,
    bytes: (bytes) => bytesIn(bytes, write),
    duration: (seconds) => durationIn(seconds, write),
    date: (value) => date.format(new Date(value)),
  }
}

/** The OS locale: Electron's navigator.language follows the system's language and region settings. */
const OS_LOCALE = typeof navigator === 'undefined' ? undefined : navigator.language

const os = createFormats(OS_LOCALE)

export const formatNumber = os.number
export const formatBytes = os.bytes
export const formatDuration = os.duration
export const formatDate = os.date
