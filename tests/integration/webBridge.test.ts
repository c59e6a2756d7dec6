import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES, type ServerFrame } from '../../src/shared/ipc/transport.ts'
import { BridgeSocket, startBridgeHarness, type BridgeHarness } from '../support/bridgeHarness.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let h: BridgeHarness
const sockets: BridgeSocket[] = []

beforeEach(async () => {
  h = await startBridgeHarness(await tempDir())
})
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close())
  await h.close()
})

async function connect(options?: { token?: string; origin?: string }): Promise<BridgeSocket> {
  const socket = new BridgeSocket(h.bridge, options)
  sockets.push(socket)
  await socket.opened()
  return socket
}

const resultOf = (id: number) => (f: ServerFrame) => (f.kind === 'result' || f.kind === 'end') && f.id === id

describe('web bridge HTTP', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(h.bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
  })

  it('answers 401 without the token or with a wrong one', async () => {
    const base = `http://127.0.0.1:${h.bridge.port}/`
    expect((await fetch(base)).status).toBe(401)
    expect((await fetch(`${base}?token=wrong`)).status).toBe(401)
  })

  it('serves the renderer with the token, sets a strict CSP and a cookie for later assets', async () => {
    const res = await fetch(h.bridge.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(res.headers.get('content-security-policy')).toContain(`ws://127.0.0.1:${h.bridge.port}`)
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? ''
    const again = await fetch(`http://127.0.0.1:${h.bridge.port}/index.html`, { headers: { cookie } })
    expect(again.status).toBe(200)
  })

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`http://127.0.0.1:${h.bridge.port}/..%2f..%2fsettings.json?token=${h.bridge.token}`)
    expect(res.status).toBe(404)
  })
})

describe('web bridge socket', () => {
  it('refuses a socket without the token (401) or from a foreign origin (403)', async () => {
    await expect(connect({ token: 'nope' })).rejects.toThrow(/401/)
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow(/403/)
  })

  it('answers an invoke with the handler result', async () => {
    const socket = await connect()
    socket.send({ kind: 'invoke', id: 1, channel: 'ollama:recheck', payload: {} })
    expect(await socket.next(resultOf(1))).toMatchObject({ envelope: { ok: true, data: { state: 'running', version: '0.12.6' } } })
  })

  it('answers malformed frames, unknown channels and bad payloads with error envelopes and keeps serving', async () => {
    const socket = await connect()
    socket.send('this is not json')
    socket.send({ kind: 'launch', id: 2 })
    socket.send({ kind: 'invoke', id: 3, channel: 'fs:readFile', payload: { path: '/etc/passwd' } })
    socket.send({ kind: 'invoke', id: 4, channel: 'settings:update', payload: { ollamaHost: ['x'] } })
    socket.send({ kind: 'invoke', id: 5, channel: 'app:info', payload: {} })
    expect(await socket.next((f) => f.kind === 'result' && f.id === -1)).toMatchObject({
      envelope: { ok: false, error: { code: 'BAD_REQUEST' } },
    })
    expect(await socket.next(resultOf(2))).toMatchObject({ envelope: { ok: false, error: { code: 'BAD_REQUEST' } } })
    expect(await socket.next(resultOf(3))).toMatchObject({ envelope: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } })
    expect(await socket.next(resultOf(4))).toMatchObject({ envelope: { ok: false, error: { code: 'BAD_REQUEST' } } })
    expect(await socket.next(resultOf(5))).toMatchObject({ envelope: { ok: true, data: { name: 'Instruct Desk', host: 'web' } } })
  })

  it('closes a socket that sends more than 16 MB with 1009, and the bridge keeps serving others', async () => {
    const socket = await connect()
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)))
    socket.send({ kind: 'invoke', id: 1, channel: 'app:info', payload: { pad: 'x'.repeat(MAX_MESSAGE_BYTES + 10) } })
    expect(await closed).toBe(1009)
    const other = await connect()
    other.send({ kind: 'invoke', id: 9, channel: 'app:info', payload: {} })
    expect(await other.next(resultOf(9))).toMatchObject({ envelope: { ok: true } })
  })

  it('streams chat tokens in batches and ends with the result', async () => {
    // Tokens faster than frames, as a GPU produces them: several share a message.
    h.fake.tokenDelayMs = 0.5
    h.fake.reply = 'A reply long enough to be spread over several frames of the stream pump. '.repeat(4)
    const socket = await connect()
    socket.send({
      kind: 'stream',
      id: 7,
      channel: 'chat:send',
      payload: { model: 'qwen2.5:7b-instruct', messages: [{ role: 'user', content: 'hi' }] },
    })
    const end = await socket.next(resultOf(7))
    expect(end).toMatchObject({ kind: 'end', envelope: { ok: true, data: { content: h.fake.reply } } })
    const batches = socket.frames.filter((f): f is Extract<ServerFrame, { kind: 'events' }> => f.kind === 'events' && f.id === 7)
    const text = batches
      .flatMap((b) => b.events as { text: string }[])
      .map((e) => e.text)
      .join('')
    expect(text).toBe(h.fake.reply)
    const tokenCount = h.fake.reply.match(/.{1,4}/gs)?.length ?? 0
    expect(batches.length).toBeLessThan(tokenCount / 2)
  })

  it('cancel stops the stream and the request to Ollama', async () => {
    h.fake.tokenDelayMs = 40
    const socket = await connect()
    socket.send({
      kind: 'stream',
      id: 8,
      channel: 'chat:send',
      payload: { model: 'qwen2.5:7b-instruct', messages: [{ role: 'user', content: 'hi' }] },
    })
    await socket.next((f) => f.kind === 'events' && f.id === 8)
    socket.send({ kind: 'cancel', id: 8 })
    expect(await socket.next(resultOf(8))).toMatchObject({ envelope: { ok: false, error: { code: 'CANCELLED' } } })
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(h.fake.requests.filter((r) => r.path === '/api/chat').at(-1)?.aborted).toBe(true)
  })

  it('broadcasts Ollama status changes to connected sockets', async () => {
    const socket = await connect()
    h.app.ollama.start()
    await socket.next((f) => f.kind === 'broadcast' && (f.payload as { state: string }).state === 'running')
    await h.fake.stop()
    const down = await socket.next((f) => f.kind === 'broadcast' && (f.payload as { state: string }).state !== 'running')
    expect(down).toMatchObject({ channel: 'ollama:status', payload: { state: expect.stringMatching(/not-running|not-installed/) } })
  })
})
