import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../src/main/app.ts'
import type { SecretCipher } from '../../src/main/storage/SecretStore.ts'
import { FakeAnthropic } from '../support/fakeAnthropic.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const TOKEN = 'sk-live-0123456789abcdef'
let fake: FakeOllama
const apps: App[] = []

/** Stands in for the OS keychain: real encryption with a key that never touches the disk. */
function testCipher(): SecretCipher {
  const key = randomBytes(32)
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

async function start(dataDir: string, secretCipher?: SecretCipher, env: NodeJS.ProcessEnv = {}, anthropicBaseUrl?: string): Promise<App> {
  const app = await createApp({ host: 'web', dataDir, ollamaHost: fake.host, secretCipher, env, anthropicBaseUrl })
  apps.push(app)
  return app
}

const signal = () => new AbortController().signal
const lastHeaders = () => fake.requests.at(-1)?.headers ?? {}

beforeEach(async () => {
  fake = await new FakeOllama().start()
})
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.dispose()))
  await fake.stop()
})

describe('a bearer token for a remote Ollama', () => {
  it('goes on every request, is stored only encrypted, and is never handed back', async () => {
    const dataDir = await tempDir()
    const cipher = testCipher()
    const app = await start(dataDir, cipher)
    expect(await app.handlers.invoke['secrets:set']({ name: 'ollamaToken', value: TOKEN }, signal())).toEqual({
      ollamaToken: true,
      anthropicKey: false,
      anthropicKeyFromEnvironment: false,
      persistent: true,
    })
    await app.handlers.invoke['models:list']({}, signal())
    expect(lastHeaders().authorization).toBe(`Bearer ${TOKEN}`)

    for (const file of await readdir(dataDir, { recursive: true })) {
      const text = await readFile(path.join(dataDir, file)).catch(() => Buffer.alloc(0))
      expect(text.includes(TOKEN), `${file} holds the token in plain text`).toBe(false)
    }
    const reopened = await start(dataDir, cipher)
    expect(await reopened.handlers.invoke['secrets:status']({}, signal())).toEqual({
      ollamaToken: true,
      anthropicKey: false,
      anthropicKeyFromEnvironment: false,
      persistent: true,
    })
    await reopened.handlers.invoke['models:list']({}, signal())
    expect(lastHeaders().authorization).toBe(`Bearer ${TOKEN}`)

    await reopened.handlers.invoke['secrets:clear']({ name: 'ollamaToken' }, signal())
    await reopened.handlers.invoke['models:list']({}, signal())
    expect(lastHeaders().authorization).toBeUndefined()
  })

  it('without a keychain keeps the token in memory only and says so', async () => {
    const dataDir = await tempDir()
    const app = await start(dataDir)
    expect(await app.handlers.invoke['secrets:set']({ name: 'ollamaToken', value: TOKEN }, signal())).toEqual({
      ollamaToken: true,
      anthropicKey: false,
      anthropicKeyFromEnvironment: false,
      persistent: false,
    })
    await app.handlers.invoke['models:list']({}, signal())
    expect(lastHeaders().authorization).toBe(`Bearer ${TOKEN}`)
    expect(await readdir(dataDir)).not.toContain('secrets.json')
    expect((await start(dataDir)).secrets.status().ollamaToken).toBe(false)
  })

  it('sends extra headers from settings and rejects a header that could not be sent', async () => {
    const app = await start(await tempDir())
    await app.handlers.invoke['settings:update']({ ollamaHeaders: { 'X-Proxy-Route': 'gpu-box' } }, signal())
    await app.handlers.invoke['models:list']({}, signal())
    expect(lastHeaders()['x-proxy-route']).toBe('gpu-box')
    await expect(app.handlers.invoke['settings:update']({ ollamaHeaders: { 'Bad Header': 'x' } }, signal())).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
      fields: { ollamaHeaders: '"Bad Header": not a valid header name' },
    })
  })
})

describe('the Anthropic API key', () => {
  let anthropic: FakeAnthropic
  beforeEach(async () => {
    anthropic = await new FakeAnthropic().start()
  })
  afterEach(async () => {
    await anthropic.stop()
  })

  it('is stored only encrypted with a keychain, used for Claude, and never written or handed back in plain text', async () => {
    const dataDir = await tempDir()
    const cipher = testCipher()
    const app = await start(dataDir, cipher, {}, anthropic.baseURL)
    await expect(app.handlers.invoke['claude:models']({}, signal())).rejects.toMatchObject({ code: 'CLAUDE_NOT_CONFIGURED' })
    expect(anthropic.requests).toHaveLength(0)
    const status = await app.handlers.invoke['secrets:set']({ name: 'anthropicKey', value: anthropic.apiKey }, signal())
    expect(status).toMatchObject({ anthropicKey: true, anthropicKeyFromEnvironment: false, persistent: true })
    expect(JSON.stringify(status)).not.toContain(anthropic.apiKey)
    const models = await app.handlers.invoke['claude:models']({}, signal())
    expect(models.map((m) => m.id)).toEqual(anthropic.models.map((m) => m.id))
    for (const file of await readdir(dataDir, { recursive: true })) {
      const text = await readFile(path.join(dataDir, file)).catch(() => Buffer.alloc(0))
      expect(text.includes(anthropic.apiKey), `${file} holds the key in plain text`).toBe(false)
    }
    const reopened = await start(dataDir, cipher, {}, anthropic.baseURL)
    expect((await reopened.handlers.invoke['claude:models']({}, signal())).length).toBeGreaterThan(0)
  })

  it('without a keychain is refused, and ANTHROPIC_API_KEY from the environment is used instead', async () => {
    const withoutKey = await start(await tempDir(), undefined, {}, anthropic.baseURL)
    await expect(
      withoutKey.handlers.invoke['secrets:set']({ name: 'anthropicKey', value: anthropic.apiKey }, signal()),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('ANTHROPIC_API_KEY'),
    })
    expect(withoutKey.secrets.status()).toMatchObject({ anthropicKey: false, anthropicKeyFromEnvironment: false })

    const fromEnvironment = await start(await tempDir(), undefined, { ANTHROPIC_API_KEY: anthropic.apiKey }, anthropic.baseURL)
    expect(fromEnvironment.secrets.status()).toMatchObject({ anthropicKey: false, anthropicKeyFromEnvironment: true })
    expect((await fromEnvironment.handlers.invoke['claude:models']({}, signal())).length).toBeGreaterThan(0)
  })
})
