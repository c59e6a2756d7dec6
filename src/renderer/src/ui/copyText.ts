import { i18n } from '../i18n/i18n.ts'

export type CopyResult = { ok: true } | { ok: false; reason: string }

/**
 * Puts text on the clipboard. The async Clipboard API first; where it is missing (an insecure
 * context) or refused (a permission handler that denies `clipboard-sanitized-write`, as Electron
 * sessions that deny every permission do), the older `execCommand('copy')` from a hidden textarea,
 * which needs only the click that got us here. `container`: inside an open modal dialog the textarea
 * must be in the dialog (all else is inert).
 */
export async function copyText(text: string, container: HTMLElement = document.body): Promise<CopyResult> {
  let reason: string = i18n.t('clipboard.unavailable')
  if (typeof navigator.clipboard?.writeText === 'function') {
    try {
      await navigator.clipboard.writeText(text)
      return { ok: true }
    } catch (error) {
      reason = error instanceof Error && error.message ? error.message : i18n.t('clipboard.refused')
    }
  }
  return legacyCopy(text, container) ? { ok: true } : { ok: false, reason }
}

function legacyCopy(text: string, container: HTMLElement): boolean {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
  const buffer = document.createElement('textarea')
  buffer.className = 'md-copy-buffer'
  buffer.value = text
  buffer.readOnly = true
  buffer.setAttribute('aria-hidden', 'true')
  buffer.tabIndex = -1
  container.append(buffer)
  try {
    // The copy acts on the focused element's selection.
    buffer.focus({ preventScroll: true })
    buffer.select()
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    buffer.remove()
    previous?.focus({ preventScroll: true })
  }
}
