import { i18n } from '../../i18n/i18n.ts'

/** Extra headers as the user edits them: one `Name: value` per line. */
export function headersToText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')
}

/** Parses the lines back; a line without a colon is reported by number rather than dropped. */
export function textToHeaders(text: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {}
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue
    const colon = line.indexOf(':')
    if (colon <= 0) return { error: i18n.t('settings:draft.badHeader', { line: index + 1 }) }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return { headers }
}
