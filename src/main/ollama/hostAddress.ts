import { AppError } from '../../shared/ipc/errors.ts'

export const DEFAULT_OLLAMA_PORT = 11434
export const DEFAULT_OLLAMA_HOST = `http://127.0.0.1:${DEFAULT_OLLAMA_PORT}`

/**
 * Turns what a person types (`localhost`, `host:port`, `http://host`, `[::1]`) into a full base
 * URL. A plain-http host without a port means Ollama's port, not 80 — the npm client would
 * otherwise try port 80. `0.0.0.0` is a bind address, so we connect to loopback instead.
 */
export function normalizeHost(input: string | undefined): string {
  const typed = (input ?? '').trim()
  if (typed === '') return DEFAULT_OLLAMA_HOST
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed.startsWith(':') ? `127.0.0.1${typed}` : typed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw invalidHost(typed, 'it is not a host name or address')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidHost(typed, `${url.protocol} is not http or https`)
  if (url.search || url.hash) throw invalidHost(typed, 'it contains a query or fragment')
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1'
  if (url.hostname === '[::]') url.hostname = '[::1]'
  if (url.port === '' && url.protocol === 'http:') url.port = String(DEFAULT_OLLAMA_PORT)
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.protocol}//${url.host}${path}`
}

function invalidHost(typed: string, reason: string): AppError {
  return new AppError({
    code: 'SETTINGS_INVALID',
    message: `"${typed.slice(0, 100)}" is not a usable Ollama address: ${reason}.`,
    hint: 'Use a form like 127.0.0.1:11434, localhost, or https://ollama.example.com.',
  })
}

/** A host on this machine is one the app may supervise; anything else is remote. */
export function isLoopbackHost(baseUrl: string): boolean {
  const { hostname } = new URL(baseUrl)
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** Host setting → `OLLAMA_HOST` → default, as the design orders them. */
export function resolveHost(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (configured && configured.trim() !== '') return normalizeHost(configured)
  return normalizeHost(env.OLLAMA_HOST)
}
