import { describe, expect, it } from 'vitest'
import { Settings } from '../../src/shared/domain/settings.ts'
import { interpretSettings } from '../../src/main/storage/settingsFile.ts'
import {
  latestVersion,
  migrateSettings,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  versionOf,
  type SettingsContent,
  type SettingsMigration,
} from '../../src/main/storage/settingsMigrations.ts'

/** A settings file as the app wrote it before files had versions. */
const UNVERSIONED = {
  ollamaHost: 'gpu-box:11434',
  defaultModel: 'llama3.2:3b',
  manageOllama: false,
  ollamaExecutable: '/opt/ollama/bin/ollama',
  modelsDir: '/data/models',
  keepAlive: '30m',
  contextLength: 16_384,
  ollamaHeaders: { 'X-Route': 'gpu' },
  maxDocumentMb: 50,
  summaryLength: 'detailed',
  jsonAttempts: 3,
  jsonTimeLimitSeconds: 20,
  claudeModel: 'claude-sonnet-4-5',
}

/** Frozen copies of the shipped steps: a step is never edited once released, only followed by another. */
const FROZEN: Record<number, (previous: SettingsContent) => SettingsContent> = {
  1: (previous) => ({ ...previous }),
}

describe('settings migrations', () => {
  it('are numbered 1, 2, 3… in order, and the version is the last step’s', () => {
    expect(SETTINGS_MIGRATIONS.map((step) => step.to)).toEqual(SETTINGS_MIGRATIONS.map((_, i) => i + 1))
    expect(SETTINGS_VERSION).toBe(SETTINGS_MIGRATIONS.length)
  })

  it('keep every shipped step as it was released', () => {
    for (const step of SETTINGS_MIGRATIONS) {
      const frozen = FROZEN[step.to]
      expect(frozen, `frozen copy of step ${step.to}`).toBeDefined()
      expect(step.migrate(UNVERSIONED)).toEqual(frozen?.(UNVERSIONED))
    }
  })

  it('step 1 carries every value of an unversioned file over unchanged', () => {
    const migrated = SETTINGS_MIGRATIONS[0]?.migrate(UNVERSIONED)
    expect(migrated).toEqual(UNVERSIONED)
    expect(Settings.parse(migrated)).toMatchObject(UNVERSIONED)
  })

  it('reads the version: none is 0, anything but a whole number ≥ 0 is not a version', () => {
    expect(versionOf({})).toBe(0)
    expect(versionOf({ version: 1 })).toBe(1)
    for (const bad of ['1', -1, 1.5, null, Number.MAX_VALUE]) expect(versionOf({ version: bad })).toBeUndefined()
  })

  it('run the steps after the file’s version, in order, without touching the file', () => {
    const steps: SettingsMigration[] = [
      { to: 1, migrate: (old) => ({ ...old, trail: [...((old.trail as string[] | undefined) ?? []), 'one'] }) },
      {
        to: 2,
        migrate: ({ keepAlive, ...rest }) => ({ ...rest, serverKeepAlive: keepAlive, trail: [...(rest.trail as string[]), 'two'] }),
      },
      { to: 3, migrate: (old) => ({ ...old, trail: [...(old.trail as string[]), 'three'] }) },
    ]
    const file = { ...UNVERSIONED }
    const before = structuredClone(file)
    expect(migrateSettings(file, 0, steps)).toMatchObject({ serverKeepAlive: '30m', trail: ['one', 'two', 'three'] })
    expect(migrateSettings({ ...file, version: 2, trail: [] }, 2, steps)).toEqual({ ...UNVERSIONED, trail: ['three'] })
    expect(migrateSettings({ version: 3, a: 1 }, 3, steps)).toEqual({ a: 1 })
    expect(file).toEqual(before)
    expect(latestVersion(steps)).toBe(3)
  })

  it('bring an unversioned file through the whole chain to the current layout, keeping every value', () => {
    const read = interpretSettings(UNVERSIONED)
    expect(read).toMatchObject({ fromVersion: 0, unknown: {} })
    expect(read.reset).toBeUndefined()
    expect(read.newerVersion).toBeUndefined()
    expect(read.settings).toEqual(Settings.parse(UNVERSIONED))
    expect(read.settings).toMatchObject(UNVERSIONED)
  })

  it('leave a newer file’s layout alone and read what this version understands of it', () => {
    const read = interpretSettings({
      version: SETTINGS_VERSION + 1,
      ollamaHost: 'gpu-box:11434',
      jsonAttempts: 'several',
      futureOption: true,
    })
    expect(read).toMatchObject({ newerVersion: SETTINGS_VERSION + 1, unknown: { futureOption: true } })
    expect(read.settings.ollamaHost).toBe('gpu-box:11434')
    expect(read.settings.jsonAttempts).toBe(2)
  })
})
