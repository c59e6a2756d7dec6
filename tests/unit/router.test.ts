import { describe, expect, it } from 'vitest'
import { Settings } from '../../src/shared/domain/settings.ts'
import { invokeChannels, streamChannels } from '../../src/shared/ipc/contract.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'
import { Router, type Handlers } from '../../src/main/ipc/router.ts'

const TRUSTED = { origin: 'file://' }

/** Every channel answers; the ones these tests do not use say so if called. */
const unusedOf = (channels: object) =>
  Object.fromEntries(
    Object.keys(channels).map((name) => [
      name,
      async () => {
        throw new Error('not in this test')
      },
    ]),
  )
const unused = unusedOf(invokeChannels) as unknown as Handlers['invoke']
const unusedStreams = unusedOf(streamChannels) as unknown as Handlers['stream']

function handlers(overrides: Partial<Handlers['invoke']> = {}, chat?: Handlers['stream']['chat:send']): Handlers {
  const base = {
    ...unused,
    'app:info': async () => ({
      name: 'Instruct Desk',
      version: '1.0.0',
      host: 'cli' as const,
      platform: 'linux-x64',
      nodeVersion: '24',
      dataDir: '/tmp',
    }),
    'ollama:status': async () => ({ state: 'checking' as const, host: 'h' }),
    'ollama:recheck': async () => ({ state: 'checking' as const, host: 'h' }),
    'models:list': async () => [],
    'settings:get': async () => Settings.parse({}),
    'settings:update': async () => Settings.parse({}),
  }
  return {
    invoke: { ...base, ...overrides },
    stream: { ...unusedStreams, 'chat:send': chat ?? (async () => ({ content: '' })) },
  }
}

const router = (h = handlers()) => new Router(h, (sender) => sender.origin === 'file://')

describe('Router.invoke', () => {
  it('answers a valid request with an ok envelope', async () => {
    const answer = await router().invoke('app:info', {}, TRUSTED)
    expect(answer).toMatchObject({ ok: true, data: { name: 'Instruct Desk' } })
  })

  it('rejects an unknown channel with UNKNOWN_CHANNEL, including prototype names', async () => {
    for (const channel of ['nope:nothing', '__proto__', 'constructor', 42, null]) {
      const answer = await router().invoke(channel, {}, TRUSTED)
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    }
  })

  it('rejects a malformed payload with BAD_REQUEST naming the field', async () => {
    const answer = await router().invoke('settings:update', { ollamaHost: 42 }, TRUSTED)
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('BAD_REQUEST')
    expect(answer.error.message).toContain('ollamaHost')
  })

  it('rejects unexpected fields rather than silently dropping them', async () => {
    const answer = await router().invoke('app:info', { extra: true }, TRUSTED)
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('refuses a sender from another origin before looking at the payload', async () => {
    const answer = await router().invoke('app:info', {}, { origin: 'https://evil.example' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('turns a thrown AppError into its envelope and anything else into INTERNAL', async () => {
    const appError = router(
      handlers({
        'models:list': async () => {
          throw new AppError({ code: 'OLLAMA_NOT_RUNNING', message: 'down', hint: 'start it', retryable: true })
        },
      }),
    )
    expect(await appError.invoke('models:list', {}, TRUSTED)).toEqual({
      ok: false,
      error: { code: 'OLLAMA_NOT_RUNNING', message: 'down', hint: 'start it', retryable: true },
    })
    const crash = router(
      handlers({
        'models:list': async () => {
          throw new TypeError('boom')
        },
      }),
    )
    expect(await crash.invoke('models:list', {}, TRUSTED)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('boom') },
    })
  })

  it('does not pass a handler answer that breaks the contract', async () => {
    const broken = router(handlers({ 'models:list': async () => [{ name: 1 }] as never }))
    expect(await broken.invoke('models:list', {}, TRUSTED)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})

describe('Router.stream', () => {
  const request = { model: 'm', messages: [{ role: 'user', content: 'hi' }] }

  it('delivers the first events at once, the rest batched, and the result at the end', async () => {
    const r = router(
      handlers({}, async (_req, { emit }) => {
        emit({ type: 'token', text: 'a' })
        emit({ type: 'token', text: 'b' })
        for (const text of ['c', 'd', 'e']) {
          await Promise.resolve()
          emit({ type: 'token', text })
        }
        return { content: 'abcde' }
      }),
    )
    const batches: unknown[][] = []
    const answer = await r.stream('chat:send', request, TRUSTED, { signal: new AbortController().signal, events: (b) => batches.push(b) })
    expect(answer).toEqual({ ok: true, data: { content: 'abcde' } })
    const token = (text: string) => ({ type: 'token', text })
    expect(batches.flat()).toEqual(['a', 'b', 'c', 'd', 'e'].map(token))
    // Emitted together, sent together; the next one at once; the rest wait for the frame (or the end).
    expect(batches).toEqual([[token('a'), token('b')], [token('c')], [token('d'), token('e')]])
  })

  it('answers with what a stopped handler hands back, when it finishes instead of failing', async () => {
    const controller = new AbortController()
    const r = router(
      handlers(
        {},
        (_req, { signal }) =>
          new Promise((resolve) => signal.addEventListener('abort', () => resolve({ content: 'the part done before Stop' }))),
      ),
    )
    const pending = r.stream('chat:send', request, TRUSTED, { signal: controller.signal, events: () => {} })
    controller.abort()
    expect(await pending).toEqual({ ok: true, data: { content: 'the part done before Stop' } })
  })

  it('passes cancellation to the handler and answers CANCELLED', async () => {
    const controller = new AbortController()
    let sawAbort = false
    const r = router(
      handlers(
        {},
        (_req, { signal }) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => {
              sawAbort = true
              reject(signal.reason)
            })
          }),
      ),
    )
    const pending = r.stream('chat:send', request, TRUSTED, { signal: controller.signal, events: () => {} })
    controller.abort()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(sawAbort).toBe(true)
  })

  it('validates stream requests like invokes', async () => {
    const answer = await router().stream('chat:send', { model: '', messages: [] }, TRUSTED, {
      signal: new AbortController().signal,
      events: () => {},
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })
})
