export { formatBytes, formatDuration } from '../../../shared/format.ts'

/** One formatter for every date on screen: building one per call costs a fraction of a millisecond, which long lists repeat on every render. */
const DATE = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' })

export function formatDate(value: string | number): string {
  return DATE.format(new Date(value))
}
