import { i18n } from '../../i18n/i18n.ts'

/**
 * A dropped or picked file's text, or why it has none: too large for the run, or binary (a NUL
 * byte in it, which no text format this screen takes contains).
 */
export async function readTextFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new Error(i18n.t('json:input.tooLarge', { name: file.name, size: file.size, max: maxBytes }))
  }
  const text = await file.text()
  if (text.includes('\u0000')) throw new Error(i18n.t('json:input.notText', { name: file.name }))
  return text
}
