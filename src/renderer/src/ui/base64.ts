import { i18n } from '../i18n/i18n.ts'

/**
 * A blob's bytes as base64. FileReader encodes off the page's main thread; converting in script
 * (String.fromCharCode + btoa) holds the page for tens of milliseconds per megabyte.
 */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error(i18n.t('fileUnreadable')))
    reader.readAsDataURL(blob)
  })
}
