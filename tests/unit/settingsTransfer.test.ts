import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Settings } from '../../src/shared/domain/settings.ts'
import { SETTINGS_VERSION } from '../../src/main/storage/settingsMigrations.ts'
import { SettingsStore } from '../../src/main/storage/SettingsStore.ts'
import { exportSettings, importSettings, SETTINGS_EXPORT_FORMAT } from '../../src/main/storage/settingsTransfer.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const DEFAULTS = Settings.parse({})
const CHOSEN = Settings.parse({
  theme: 'dark',
  ollamaHost: 'gpu-box:11434',
  ollamaHeaders: { 'X-Route': 'gpu' },
  chatDefaults: { temperature: 0.3, num_ctx: 16_384, keep_alive: '10m' },
  summaryLanguage: 'French',
  jsonMaxDepth: 1_000,
})
const exported = (settings: unknown, version = SETTINGS_VERSION) => JSON.stringify({ format: SETTINGS_EXPORT_FORMAT, version, settings })

describe('settings export and import', () => {
  it('exports every setting but this computer’s own, with format, version and date, under a dated file name', () => {
    const { fileName, text } = exportSettings(CHOSEN, new Date('2026-03-14T09:30:00Z'))
    expect(fileName).toBe('instruct-desk-settings-2026-03-14.json')
    const { ollamaExecutable: _program, modelsDir: _models, ollamaHeaders: _headers, ...portable } = CHOSEN
    expect(JSON.parse(text)).toEqual({
      format: SETTINGS_EXPORT_FORMAT,
      version: SETTINGS_VERSION,
      exportedAt: '2026-03-14T09:30:00.000Z',
      settings: portable,
    })
    expect(text).not.toContain('X-Route')
  })

  it('imports its own export as it was, but for this computer’s own settings', () => {
    expect(importSettings(exportSettings(CHOSEN).text)).toEqual({ ...CHOSEN, ollamaExecutable: '', modelsDir: '', ollamaHeaders: {} })
  })

  it('never takes a program to run, a models folder or request headers from a file', () => {
    const file = exported({
      theme: 'dark',
      ollamaExecutable: '\\\\host\\share\\ollama.exe',
      modelsDir: '/mnt/elsewhere',
      ollamaHeaders: { Authorization: 'Basic eDp5' },
    })
    expect(() => importSettings(file)).toThrow(
      expect.objectContaining({
        message: 'Nothing was imported: 3 settings in the file need fixing.',
        fields: {
          ollamaExecutable: expect.stringContaining('never taken from a file'),
          modelsDir: expect.stringContaining('never taken from a file'),
          ollamaHeaders: expect.stringContaining('may hold credentials'),
        },
      }),
    )
    // A copy of settings.json names them at their defaults: that is no value, and is taken.
    expect(
      importSettings(JSON.stringify({ version: SETTINGS_VERSION, theme: 'dark', ollamaExecutable: '', modelsDir: '', ollamaHeaders: {} }))
        .theme,
    ).toBe('dark')
  })

  it('gives settings the file does not name their defaults', () => {
    expect(importSettings(exported({ theme: 'light' }))).toEqual({ ...DEFAULTS, theme: 'light' })
  })

  it('takes a copy of settings.json as well, an unversioned one too, migrated to this layout', () => {
    expect(importSettings(JSON.stringify({ jsonAttempts: 4, ollamaHost: 'gpu-box:11434' }))).toMatchObject({
      jsonAttempts: 4,
      ollamaHost: 'gpu-box:11434',
    })
    expect(importSettings(JSON.stringify({ version: SETTINGS_VERSION, theme: 'dark' })).theme).toBe('dark')
    expect(importSettings(exported({ keepAlive: '1h' }, 0)).keepAlive).toBe('1h')
  })

  it('names every unknown field and every invalid value, and takes none of them', () => {
    const file = exported({
      theme: 'neon',
      jsonAttempts: 9,
      colour: 'blue',
      chatDefaults: { temperature: -1, mirostat: 2 },
      anthropicKey: 'sk-ant-x',
    })
    let error: unknown
    try {
      importSettings(file)
    } catch (failure) {
      error = failure
    }
    expect(error).toMatchObject({
      code: 'SETTINGS_INVALID',
      message: 'Nothing was imported: 6 settings in the file need fixing.',
      fields: {
        theme: 'must be one of "system", "light", "dark"',
        jsonAttempts: 'must be at most 5',
        colour: 'not a setting Instruct Desk knows',
        anthropicKey: 'keys and tokens are never imported; enter it in Settings',
        'chatDefaults.temperature': 'must be at least 0',
        'chatDefaults.mirostat': 'not a chat option',
      },
    })
  })

  it('says what is wrong with a file that is not a settings file at all', () => {
    expect(() => importSettings('{"ollamaHost": ')).toThrow(/^The file is not valid JSON/)
    expect(() => importSettings('[1, 2]')).toThrow('The file holds no settings object.')
    expect(() => importSettings(JSON.stringify({ format: 'instruct-desk-conversation', version: 1 }))).toThrow(
      'The file is not a settings export (its format is "instruct-desk-conversation").',
    )
    expect(() => importSettings(JSON.stringify({ format: SETTINGS_EXPORT_FORMAT, version: 1 }))).toThrow(
      'The export holds no "settings" object.',
    )
    expect(() => importSettings(JSON.stringify({ version: 'x' }))).toThrow(`The file's version ("x") is not a version number.`)
  })

  it('refuses an export from a newer version, saying which', () => {
    expect(() => importSettings(exported({}, SETTINGS_VERSION + 1))).toThrow(
      `The file was made by a newer version of Instruct Desk (settings version ${SETTINGS_VERSION + 1}; this version reads up to ${SETTINGS_VERSION}).`,
    )
  })

  it('changes nothing in the store or on disk when a file is refused, and replaces everything when one is taken', async () => {
    const dir = await tempDir()
    const store = new SettingsStore(dir)
    await store.load()
    await store.update({ theme: 'dark', defaultModel: 'llama3.2:3b' })
    const before = await readFile(path.join(dir, 'settings.json'), 'utf8')
    await expect(store.import(exported({ theme: 'light', jsonAttempts: 0 }))).rejects.toMatchObject({
      fields: { jsonAttempts: 'must be at least 1' },
    })
    expect(store.get()).toMatchObject({ theme: 'dark', defaultModel: 'llama3.2:3b' })
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(before)

    await store.update({ modelsDir: '/data/models' })
    await store.import(exported({ theme: 'light' }))
    expect(store.get()).toEqual({ ...DEFAULTS, theme: 'light', modelsDir: '/data/models' })
    const reloaded = new SettingsStore(dir)
    expect((await reloaded.load()).theme).toBe('light')
  })

  it('imports over a newer version’s file after keeping a copy of it', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ version: SETTINGS_VERSION + 5 }))
    const store = new SettingsStore(dir)
    await store.load()
    await store.import(exportSettings(CHOSEN).text)
    expect(store.status().newerFile).toBeNull()
    expect(store.get()).toEqual({ ...CHOSEN, ollamaHeaders: {} })
  })
})
