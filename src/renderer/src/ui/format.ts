export { formatBytes, formatDuration } from '../../../shared/format.ts'

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
}
