/**
 * The window's decisions of the security baseline (DESIGN §7) without Electron, so tests can check
 * them; `electron/window.ts` applies them (its webPreferences are checked by the security linter).
 */

/** The window may only ever show the app itself: any other address is refused. */
export function mayNavigate(url: string, rendererUrl: string): boolean {
  const target = parse(url)
  const app = parse(rendererUrl)
  if (!target || !app) return false
  // file: URLs all have the origin "null": the app's own files are those under its renderer folder.
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname
  return target.origin === app.origin
}

/** What a link the user clicked may open outside the app: only https, never a local or custom scheme. */
export function openableExternally(url: string): boolean {
  const target = parse(url)
  return target?.protocol === 'https:' && target.username === '' && target.password === ''
}

/** The one permission granted: writing plain text to the clipboard (Copy buttons), which reads nothing back. */
export function permissionGranted(permission: string): boolean {
  return permission === 'clipboard-sanitized-write'
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
