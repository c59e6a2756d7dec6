import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsStore } from '../../src/main/storage/SettingsStore.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()

describe('SettingsStore', () => {
  it('starts with defaults and persists updates', async () => {
    const dir = await tempDir()
    const store = new SettingsStore(dir)
    expect(await store.load()).toEqual({
      ollamaHost: '',
      defaultModel: 'qwen2.5:7b-instruct',
      manageOllama: true,
      ollamaExecutable: '',
      modelsDir: '',
      keepAlive: '',
      contextLength: 0,
      ollamaHeaders: {},
      maxDocumentMb: 200,
      summaryLength: 'bullets',
      jsonAttempts: 2,
      jsonTimeLimitSeconds: 10,
      claudeModel: '',
    })
    await store.update({ ollamaHost: 'gpu-box:11434' })
    const again = new SettingsStore(dir)
    expect((await again.load()).ollamaHost).toBe('gpu-box:11434')
  })

  it('rejects a keep-alive or context length Ollama would not accept, naming the field', async () => {
    const store = new SettingsStore(await tempDir())
    await store.load()
    await expect(store.update({ keepAlive: '5 minutes' })).rejects.toMatchObject({
      message: expect.stringContaining('keepAlive: use a duration'),
    })
    await expect(store.update({ contextLength: 100 })).rejects.toMatchObject({ message: expect.stringContaining('contextLength: use 0') })
    expect(await store.update({ keepAlive: '30m', contextLength: 16_384 })).toMatchObject({ keepAlive: '30m', contextLength: 16_384 })
  })

  it('rejects an unusable host with SETTINGS_INVALID and keeps the old value', async () => {
    const store = new SettingsStore(await tempDir())
    await store.load()
    await expect(store.update({ ollamaHost: 'ftp://nope' })).rejects.toMatchObject({ code: 'SETTINGS_INVALID' })
    expect(store.get().ollamaHost).toBe('')
  })

  it('backs up a corrupt file, resets to defaults and remembers where the backup went', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'settings.json'), '{"ollamaHost": "half-writ')
    const store = new SettingsStore(dir)
    expect((await store.load()).defaultModel).toBe('qwen2.5:7b-instruct')
    expect(store.recoveredFrom).toMatch(/settings\.corrupt-\d+\.json$/)
    const files = await readdir(dir)
    expect(files.filter((f) => f.startsWith('settings.corrupt-'))).toHaveLength(1)
    expect(await readFile(store.recoveredFrom ?? '', 'utf8')).toBe('{"ollamaHost": "half-writ')
  })

  it('treats well-formed JSON of the wrong shape as corrupt too', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'settings.json'), '{"defaultModel": 7}')
    const store = new SettingsStore(dir)
    await store.load()
    expect(store.recoveredFrom).toBeDefined()
    expect(store.get().defaultModel).toBe('qwen2.5:7b-instruct')
  })
})
