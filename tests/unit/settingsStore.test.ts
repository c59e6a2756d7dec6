import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { Settings } from '../../src/shared/domain/settings.ts'
import { SETTINGS_VERSION } from '../../src/main/storage/settingsMigrations.ts'
import { SettingsStore } from '../../src/main/storage/SettingsStore.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const DEFAULTS = Settings.parse({})

async function storeWith(text: string | undefined): Promise<{ dir: string; store: SettingsStore }> {
  const dir = await tempDir()
  if (text !== undefined) await writeFile(path.join(dir, 'settings.json'), text)
  const store = new SettingsStore(dir)
  await store.load()
  return { dir, store }
}
const fileOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>
const copies = async (dir: string, prefix: string) => (await readdir(dir)).filter((f) => f.startsWith(prefix))

describe('SettingsStore', () => {
  it('starts with defaults and persists updates with the layout version', async () => {
    const { dir, store } = await storeWith(undefined)
    expect(store.get()).toEqual({
      theme: 'system',
      language: 'system',
      ollamaHost: '',
      defaultModel: 'qwen2.5:7b-instruct',
      chatDefaults: {},
      manageOllama: true,
      ollamaExecutable: '',
      modelsDir: '',
      keepAlive: '',
      contextLength: 0,
      ollamaHeaders: {},
      maxDocumentMb: 200,
      summaryLength: 'bullets',
      summaryLanguage: '',
      jsonAttempts: 2,
      jsonTimeLimitSeconds: 10,
      jsonMaxDepth: 512,
      claudeModel: '',
    })
    await store.update({ ollamaHost: 'gpu-box:11434', theme: 'dark', chatDefaults: { temperature: 0.2, keep_alive: '10m' } })
    expect(await fileOf(dir)).toMatchObject({ version: SETTINGS_VERSION, ollamaHost: 'gpu-box:11434', theme: 'dark' })
    const again = new SettingsStore(dir)
    expect(await again.load()).toMatchObject({
      ollamaHost: 'gpu-box:11434',
      theme: 'dark',
      chatDefaults: { temperature: 0.2, keep_alive: '10m' },
    })
  })

  it('rejects a keep-alive or context length Ollama would not accept, naming the field', async () => {
    const { store } = await storeWith(undefined)
    await expect(store.update({ keepAlive: '5 minutes' })).rejects.toMatchObject({
      message: expect.stringContaining('keepAlive: use a duration'),
    })
    await expect(store.update({ contextLength: 100 })).rejects.toMatchObject({ message: expect.stringContaining('contextLength: use 0') })
    expect(await store.update({ keepAlive: '30m', contextLength: 16_384 })).toMatchObject({ keepAlive: '30m', contextLength: 16_384 })
  })

  it('answers each bad option for new chats under its own field, in plain words, and keeps the old values', async () => {
    const { store } = await storeWith(undefined)
    const rejected = store.update({ chatDefaults: { temperature: 7, num_ctx: 100.5, keep_alive: 'soon' }, jsonMaxDepth: 3 })
    await expect(rejected).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
      fields: {
        'chatDefaults.temperature': 'must be at most 2',
        'chatDefaults.num_ctx': 'must be a whole number',
        'chatDefaults.keep_alive': expect.stringContaining('use a duration such as 5m'),
        jsonMaxDepth: 'must be at least 16',
      },
    })
    expect(store.get()).toEqual(DEFAULTS)
  })

  it('rejects an unusable host with SETTINGS_INVALID and keeps the old value', async () => {
    const { store } = await storeWith(undefined)
    await expect(store.update({ ollamaHost: 'ftp://nope' })).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
      fields: { ollamaHost: expect.any(String) },
    })
    expect(store.get().ollamaHost).toBe('')
  })

  it('migrates an unversioned file, keeping a byte-for-byte copy of the original first', async () => {
    const original = '{"ollamaHost": "gpu-box:11434", "jsonAttempts": 4}\n'
    const { dir, store } = await storeWith(original)
    expect(store.get()).toMatchObject({ ollamaHost: 'gpu-box:11434', jsonAttempts: 4 })
    expect(await fileOf(dir)).toMatchObject({ version: SETTINGS_VERSION, ollamaHost: 'gpu-box:11434', jsonAttempts: 4, theme: 'system' })
    const [copy] = await copies(dir, 'settings.v0-')
    expect(await readFile(path.join(dir, copy ?? ''), 'utf8')).toBe(original)
    expect(store.status().recovered).toBeNull()
    // Once migrated, loading again copies nothing more.
    await new SettingsStore(dir).load()
    expect(await copies(dir, 'settings.v')).toHaveLength(1)
  })

  it('backs up a file that is not JSON, resets everything and says so', async () => {
    const { dir, store } = await storeWith('{"ollamaHost": "half-writ')
    expect(store.get()).toEqual(DEFAULTS)
    const recovered = store.status().recovered
    expect(recovered).toEqual({ backup: expect.stringMatching(/^settings\.corrupt-\d+\.json$/), fields: [] })
    expect(await readFile(path.join(dir, recovered?.backup ?? ''), 'utf8')).toBe('{"ollamaHost": "half-writ')
    expect(await fileOf(dir)).toMatchObject({ version: SETTINGS_VERSION })
    store.dismissRecovered()
    expect(store.status().recovered).toBeNull()
  })

  it('resets only the values that are wrong, naming them, and keeps the rest', async () => {
    const { dir, store } = await storeWith(JSON.stringify({ version: 1, ollamaHost: 'gpu-box:11434', jsonAttempts: 40, theme: 'purple' }))
    expect(store.get()).toMatchObject({ ollamaHost: 'gpu-box:11434', jsonAttempts: 2, theme: 'system' })
    expect(store.status().recovered?.fields).toEqual(['theme', 'jsonAttempts'])
    expect(await copies(dir, 'settings.corrupt-')).toHaveLength(1)
  })

  it('reads a file a text editor saved with a byte-order mark', async () => {
    const { store } = await storeWith(`\uFEFF${JSON.stringify({ version: 1, theme: 'dark' })}`)
    expect(store.get().theme).toBe('dark')
    expect(store.status().recovered).toBeNull()
  })

  it('treats a version that is not a number as damage, not as a layout', async () => {
    const { store } = await storeWith(JSON.stringify({ version: 'two', defaultModel: 'llama3.2:3b' }))
    expect(store.get().defaultModel).toBe('llama3.2:3b')
    expect(store.status().recovered?.fields).toEqual(['version'])
  })

  it('leaves a newer version’s file untouched, uses what it understands and refuses to save until reset', async () => {
    const newer = JSON.stringify({ version: SETTINGS_VERSION + 1, ollamaHost: 'gpu-box:11434', quantumMode: 'on' }, null, 2)
    const { dir, store } = await storeWith(newer)
    expect(store.get().ollamaHost).toBe('gpu-box:11434')
    expect(store.status().newerFile).toEqual({ version: SETTINGS_VERSION + 1 })
    await expect(store.update({ theme: 'dark' })).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
      message: expect.stringContaining('written by a newer version of Instruct Desk'),
    })
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(newer)
    expect(await copies(dir, 'settings.')).toEqual(['settings.json'])

    await store.reset()
    const [kept] = await copies(dir, `settings.v${SETTINGS_VERSION + 1}-`)
    expect(await readFile(path.join(dir, kept ?? ''), 'utf8')).toBe(newer)
    expect(store.status().newerFile).toBeNull()
    expect(await store.update({ theme: 'dark' })).toMatchObject({ theme: 'dark' })
    expect(await fileOf(dir)).toEqual({ ...DEFAULTS, theme: 'dark', version: SETTINGS_VERSION })
  })

  it('starts on defaults when the file cannot be opened, says why, and saves nothing until a reset can replace it', async () => {
    const dir = await tempDir()
    // A folder where the file should be: what EACCES would do too, but root (CI) reads any file.
    await mkdir(path.join(dir, 'settings.json', 'inside'), { recursive: true })
    const store = new SettingsStore(dir)
    expect(await store.load()).toEqual(DEFAULTS)
    expect(store.status().unopenedFile).toEqual({ reason: 'EISDIR' })
    await expect(store.update({ theme: 'dark' })).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
      message: expect.stringContaining('could not be opened or written (EISDIR)'),
      hint: expect.stringContaining('A folder is in the settings file'),
    })
    await expect(store.reset()).rejects.toMatchObject({ code: 'SETTINGS_INVALID' })
    expect(store.status().unopenedFile).toEqual({ reason: 'EISDIR' })

    await rm(path.join(dir, 'settings.json'), { recursive: true })
    await store.reset()
    expect(store.status().unopenedFile).toBeNull()
    expect(await store.update({ theme: 'dark' })).toMatchObject({ theme: 'dark' })
    expect(await fileOf(dir)).toEqual({ ...DEFAULTS, theme: 'dark', version: SETTINGS_VERSION })
  })

  it('changes nothing in use when a save fails, and leaves no temporary file behind', async () => {
    const { dir, store } = await storeWith(undefined)
    await store.update({ theme: 'dark' })
    await rm(path.join(dir, 'settings.json'))
    await mkdir(path.join(dir, 'settings.json', 'inside'), { recursive: true })
    await expect(store.update({ theme: 'light' })).rejects.toThrow()
    expect(store.get().theme).toBe('dark')
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('uses a migrated file even when the data folder cannot take the rewrite, with saving off and the reason shown', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ defaultModel: 'llama3.2:3b' }))
    vi.spyOn(Date, 'now').mockReturnValue(1_000)
    // The copy kept before the rewrite cannot be made: something is in its place.
    await mkdir(path.join(dir, 'settings.v0-1000.json', 'inside'), { recursive: true })
    const store = new SettingsStore(dir)
    expect((await store.load()).defaultModel).toBe('llama3.2:3b')
    expect(store.status().unopenedFile).toEqual({ reason: 'EISDIR' })
    await expect(store.update({ theme: 'dark' })).rejects.toMatchObject({ code: 'SETTINGS_INVALID' })
    vi.restoreAllMocks()
  })

  it('writes back keys it does not know, so settings of a newer version without a new layout survive', async () => {
    const { dir, store } = await storeWith(JSON.stringify({ version: SETTINGS_VERSION, telemetryOptIn: false, theme: 'light' }))
    await store.update({ defaultModel: 'llama3.2:3b' })
    expect(await fileOf(dir)).toMatchObject({ telemetryOptIn: false, theme: 'light', defaultModel: 'llama3.2:3b' })
  })

  it('keeps the latest of quick successive updates on disk', async () => {
    const { dir, store } = await storeWith(undefined)
    await Promise.all([store.update({ jsonAttempts: 3 }), store.update({ jsonAttempts: 4 }), store.update({ jsonAttempts: 5 })])
    expect((await fileOf(dir)).jsonAttempts).toBe(5)
  })

  it('resets to defaults and tells listeners', async () => {
    const { store } = await storeWith(JSON.stringify({ version: 1, theme: 'dark', jsonAttempts: 4 }))
    const seen: Settings[] = []
    store.onChange((value) => seen.push(value))
    expect(await store.reset()).toEqual(DEFAULTS)
    expect(seen).toEqual([DEFAULTS])
  })

  it('peeks at the settings for the CLI without writing anything', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'settings.json'), '{"defaultModel": "llama3.2:3b"}')
    expect((await SettingsStore.peek(dir)).defaultModel).toBe('llama3.2:3b')
    expect(await readdir(dir)).toEqual(['settings.json'])
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toBe('{"defaultModel": "llama3.2:3b"}')
  })
})
