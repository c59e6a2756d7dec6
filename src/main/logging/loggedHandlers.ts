import { toErrorInfo } from '../../shared/ipc/errors.ts'
import type { Handlers } from '../ipc/router.ts'
import type { AppLog } from './AppLog.ts'

/** Codes that are the user's own doing or a normal outcome, not problems worth a diagnostics entry. */
const EXPECTED = new Set(['CANCELLED', 'BAD_REQUEST'])

/**
 * Every handler, with its failures logged by channel, code and message. Requests and answers are
 * never logged: they hold what the user typed and what the model said.
 */
export function loggedHandlers(handlers: Handlers, log: AppLog): Handlers {
  const note = (channel: string, error: unknown): void => {
    const info = toErrorInfo(error)
    const entry = { channel, code: info.code, message: info.message }
    if (EXPECTED.has(info.code)) log.info('request ended', entry)
    else if (info.code === 'INTERNAL') log.error('request failed', entry)
    else log.warn('request failed', entry)
  }
  const wrap = <F extends (...args: never[]) => Promise<unknown>>(channel: string, handler: F): F =>
    (async (...args: Parameters<F>) => {
      try {
        return await handler(...args)
      } catch (error) {
        note(channel, error)
        throw error
      }
    }) as F
  const each = <T extends object>(table: T): T =>
    Object.fromEntries(Object.entries(table).map(([channel, handler]) => [channel, wrap(channel, handler as () => Promise<unknown>)])) as T
  return { invoke: each(handlers.invoke), stream: each(handlers.stream) }
}
