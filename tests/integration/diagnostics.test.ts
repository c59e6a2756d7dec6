import { existsSync, readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../src/main/app.ts'
import { AppLog } from '../../src/main/logging/AppLog.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let fake: FakeOllama
let app: App | undefined
const signal = () => new AbortController().signal
const cipher = {
  encrypt: (plain: string) => Buffer.from([...plain].reverse().join('')),
  decrypt: (sealed: Buffer) => [...sealed.toString()].reverse().join(''),
}

beforeEach(async () => {
  fake = await new FakeOllama().start()
})
afterEach(async () => {
  await app?.dispose()
  app = undefined
  await fake.stop()
})

describe('logs and Copy diagnostics', () => {
  it('reports versions, Ollama, settings and recent problems — and no secret, header value or chat text', async () => {
    const dataDir = await tempDir()
    app = await createApp({ host: 'web', dataDir, ollamaHost: fake.host, secretCipher: cipher, env: {} })
    await app.handlers.invoke['secrets:set']({ name: 'ollamaToken', value: 'sk-ollama-SECRET-1' }, signal())
    await app.handlers.invoke['secrets:set']({ name: 'anthropicKey', value: 'sk-ant-SECRET-2' }, signal())
    await app.handlers.invoke['settings:update']({ ollamaHeaders: { 'X-Proxy-Key': 'proxy-SECRET-3' } }, signal())
    await expect(app.handlers.invoke['models:show']({ model: 'nope:1b' }, signal())).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' })
    const conversation = await app.handlers.invoke['conversations:create']({ model: 'qwen2.5:7b-instruct', systemPrompt: '' }, signal())
    await app.handlers.stream['chat:reply'](
      { kind: 'send', conversationId: conversation.id, text: 'my private question about PLATYPUS' },
      { signal: signal(), emit: () => {} },
    )

    const { text } = await app.handlers.invoke['app:diagnostics']({}, signal())
    expect(text).toContain('Instruct Desk')
    expect(text).toMatch(/Ollama: (running|checking) at http:\/\/127\.0\.0\.1:\d+/)
    expect(text).toContain('ollamaHeaders: X-Proxy-Key (values not shown)')
    expect(text).toContain('Ollama token set, Anthropic key set')
    expect(text).toMatch(/warn request failed .*"channel":"models:show".*"code":"MODEL_NOT_FOUND"/)
    const logged = await readFile(app.log.file, 'utf8')
    expect(logged).toContain('"event":"app started"')
    expect(logged).toContain('MODEL_NOT_FOUND')
    for (const secretOrContent of ['SECRET-1', 'SECRET-2', 'SECRET-3', 'PLATYPUS', fake.reply]) {
      expect(text).not.toContain(secretOrContent)
      for (const file of await readdir(path.dirname(app.log.file))) {
        expect(readFileSync(path.join(path.dirname(app.log.file), file), 'utf8')).not.toContain(secretOrContent)
      }
    }
  })

  it('rotates the log by size, keeping a few older files, and keeps working when it cannot write', async () => {
    const dir = await tempDir()
    const log = new AppLog(dir, { maxBytes: 2_000, keep: 2 })
    for (let i = 0; i < 200; i++) log.info('tick', { i })
    expect(existsSync(`${log.file}.1`)).toBe(true)
    expect(existsSync(`${log.file}.2`)).toBe(true)
    expect(existsSync(`${log.file}.3`)).toBe(false)
    expect(readFileSync(log.file, 'utf8')).toContain('"i":199')

    // A data folder that is a file: the logs folder cannot be made there.
    const unwritable = new AppLog(log.file)
    unwritable.error('disk gone', { code: 'X' })
    expect(unwritable.recentProblems()).toEqual([expect.objectContaining({ level: 'error', event: 'disk gone' })])
  })
})
