import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../src/main/app.ts'
import type { Settings } from '../../src/shared/domain/settings.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const signal = () => new AbortController().signal
let fake: FakeOllama
let app: App | undefined

beforeEach(async () => {
  fake = await new FakeOllama().start()
})
afterEach(async () => {
  await app?.dispose()
  app = undefined
  await fake.stop()
})

describe('settings channels', () => {
  it('opens the data folder through the host, and says where it is when the host cannot', async () => {
    const dataDir = await tempDir()
    const opened: string[] = []
    app = await createApp({
      host: 'electron',
      dataDir,
      ollamaHost: fake.host,
      env: {},
      openFolder: async (folder) => void opened.push(folder),
    })
    expect(await app.handlers.invoke['settings:status']({}, signal())).toMatchObject({ dataDir, canOpenFolder: true, recovered: null })
    expect(await app.handlers.invoke['settings:openDataFolder']({}, signal())).toBe(true)
    expect(opened).toEqual([dataDir])
    await app.dispose()

    app = await createApp({ host: 'web', dataDir, ollamaHost: fake.host, env: {} })
    expect((await app.handlers.invoke['settings:status']({}, signal())).canOpenFolder).toBe(false)
    await expect(app.handlers.invoke['settings:openDataFolder']({}, signal())).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Only the desktop app can open folders.',
      hint: expect.stringContaining(dataDir),
    })
  })

  it('tells every window when settings change, whoever changed them', async () => {
    app = await createApp({ host: 'web', dataDir: await tempDir(), ollamaHost: fake.host, env: {} })
    const changed: Settings[] = []
    app.events.subscribe((channel, payload) => {
      if (channel === 'settings:changed') changed.push(payload as Settings)
    })
    await app.handlers.invoke['settings:update']({ theme: 'dark' }, signal())
    await app.handlers.invoke['settings:reset']({}, signal())
    expect(changed.map((s) => s.theme)).toEqual(['dark', 'system'])
  })

  it('starts new chats with the options chosen in Settings, and Ollama receives them', async () => {
    app = await createApp({ host: 'web', dataDir: await tempDir(), ollamaHost: fake.host, env: {} })
    await app.handlers.invoke['settings:update'](
      { chatDefaults: { temperature: 0.1, seed: 42, num_ctx: 4096, keep_alive: '15m' } },
      signal(),
    )
    const chat = await app.handlers.invoke['conversations:create']({ model: 'qwen2.5:7b-instruct' }, signal())
    expect(chat.options).toEqual({ temperature: 0.1, seed: 42, num_ctx: 4096, keep_alive: '15m' })
    await app.handlers.stream['chat:reply']({ kind: 'send', conversationId: chat.id, text: 'Hello' }, { signal: signal(), emit: () => {} })
    const sent = fake.requests.find((r) => r.path === '/api/chat')?.body
    expect(sent).toMatchObject({ options: { temperature: 0.1, seed: 42, num_ctx: 4096 }, keep_alive: '15m' })

    // Without chosen options a new chat still sends a window: Ollama's own default is far too small.
    await app.handlers.invoke['settings:update']({ chatDefaults: {} }, signal())
    expect((await app.handlers.invoke['conversations:create']({ model: 'qwen2.5:7b-instruct' }, signal())).options).toEqual({
      num_ctx: 8192,
    })
    // Options given with the request are the chat's own.
    const own = await app.handlers.invoke['conversations:create']({ model: 'qwen2.5:7b-instruct', options: { temperature: 1 } }, signal())
    expect(own.options).toEqual({ temperature: 1 })
  })

  it('exports, refuses a bad import field by field and resets, keeping the secrets', async () => {
    const cipher = { encrypt: (plain: string) => Buffer.from(plain), decrypt: (sealed: Buffer) => sealed.toString() }
    app = await createApp({ host: 'electron', dataDir: await tempDir(), ollamaHost: fake.host, env: {}, secretCipher: cipher })
    await app.handlers.invoke['secrets:set']({ name: 'anthropicKey', value: 'sk-ant-KEEP-ME' }, signal())
    await app.handlers.invoke['settings:update']({ summaryLanguage: 'French' }, signal())
    const { text } = await app.handlers.invoke['settings:export']({}, signal())
    expect(text).toContain('"summaryLanguage": "French"')
    expect(text).not.toContain('KEEP-ME')
    await expect(app.handlers.invoke['settings:import']({ text: text.replace('"French"', '42') }, signal())).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
      fields: { summaryLanguage: 'must be text' },
    })
    expect((await app.handlers.invoke['settings:reset']({}, signal())).summaryLanguage).toBe('')
    expect((await app.handlers.invoke['secrets:status']({}, signal())).anthropicKey).toBe(true)
    // Checking a file shows what it would do, and does nothing.
    expect((await app.handlers.invoke['settings:checkImport']({ text }, signal())).summaryLanguage).toBe('French')
    expect(app.settings.get().summaryLanguage).toBe('')
    expect((await app.handlers.invoke['settings:import']({ text }, signal())).summaryLanguage).toBe('French')
  })

  it('limits how deep JSON may nest to the depth chosen in Settings', async () => {
    app = await createApp({ host: 'web', dataDir: await tempDir(), ollamaHost: fake.host, env: {} })
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
    const repair = (text: string) =>
      app?.handlers.stream['json:repair']({ text, schema: {}, options: { noModel: true } }, { signal: signal(), emit: () => {} })
    expect(await repair(nested(40))).toMatchObject({ ok: true })
    await app.handlers.invoke['settings:update']({ jsonMaxDepth: 32 }, signal())
    await expect(repair(nested(40))).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      message: expect.stringContaining('the limit is 32'),
      hint: expect.stringContaining('Settings'),
    })
  })
})
