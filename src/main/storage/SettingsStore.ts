import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import { EventEmitter } from 'node:events'
import { Settings, type SettingsPatch, type SettingsStatus } from '../../shared/domain/settings.ts'
import { AppError } from '../../shared/ipc/errors.ts'
import { writeJsonAtomic } from './jsonFile.ts'
import { readSettingsFile, type SettingsFile } from './settingsFile.ts'
import { SETTINGS_VERSION } from './settingsMigrations.ts'
import { exportSettings, importSettings, localOnly } from './settingsTransfer.ts'
import { checkSettings, settingsInvalid } from './settingsValidation.ts'

export const SETTINGS_FILE = 'settings.json'

/**
 * Settings as a validated, versioned JSON file in the data dir. An older layout is migrated and
 * written back after a copy of the original is kept (`settings.v<N>-<time>.json`); values that
 * cannot be read are reset to their defaults after the original is kept as
 * `settings.corrupt-<time>.json`, never a crash. A file from a newer version is left untouched:
 * this version uses what it understands of it and saves nothing until the user resets or imports.
 * One that cannot be opened at all (permissions, a folder in its place) is not a crash either: the
 * app runs on defaults, says why, and only a reset or an import may write a file in its place.
 */
export class SettingsStore {
  private value: Settings = Settings.parse({})
  /** Keys of a newer version, written back as they were. */
  private unknown: Record<string, unknown> = {}
  private recovered: SettingsStatus['recovered'] = null
  private newerFile: SettingsStatus['newerFile'] = null
  private unopenedFile: SettingsStatus['unopenedFile'] = null
  private writing: Promise<unknown> = Promise.resolve()
  private readonly emitter = new EventEmitter()
  readonly dataDir: string
  readonly file: string

  constructor(dataDir: string) {
    this.dataDir = dataDir
    this.file = path.join(dataDir, SETTINGS_FILE)
  }

  async load(): Promise<Settings> {
    let read: SettingsFile | undefined
    try {
      read = await readSettingsFile(this.file)
    } catch (error) {
      // Not a crash at startup: the app runs on defaults and says why, and writes nothing over the file.
      this.unopenedFile = { reason: (error as NodeJS.ErrnoException).code ?? String(error) }
      return this.value
    }
    if (!read) return this.value
    this.value = read.settings
    this.unknown = read.unknown
    if (read.newerVersion !== undefined) {
      this.newerFile = { version: read.newerVersion }
      return this.value
    }
    try {
      if (read.reset) this.recovered = { backup: await this.keepCopy('corrupt'), fields: read.reset }
      else if (read.fromVersion < SETTINGS_VERSION) await this.keepCopy(`v${read.fromVersion}`)
      if (read.reset || read.fromVersion < SETTINGS_VERSION) await this.write(this.value)
    } catch (error) {
      // A data folder that cannot be written (read-only, full) is not a crash either: the settings
      // read are used, and saving is off with the reason shown, as for a file that cannot be opened.
      this.unopenedFile = { reason: (error as NodeJS.ErrnoException).code ?? String(error) }
    }
    return this.value
  }

  /** The saved settings without changing anything on disk (for the CLI); defaults when missing or unreadable. */
  static async peek(dataDir: string): Promise<Settings> {
    const read: SettingsFile | undefined = await readSettingsFile(path.join(dataDir, SETTINGS_FILE)).catch(() => undefined)
    return read?.settings ?? Settings.parse({})
  }

  get(): Settings {
    return this.value
  }

  status(): Omit<SettingsStatus, 'canOpenFolder'> {
    return {
      dataDir: this.dataDir,
      file: this.file,
      version: SETTINGS_VERSION,
      recovered: this.recovered,
      newerFile: this.newerFile,
      unopenedFile: this.unopenedFile,
    }
  }

  /** The user has seen that the file was recovered. */
  dismissRecovered(): void {
    this.recovered = null
  }

  update(patch: SettingsPatch): Promise<Settings> {
    return this.serially(() => {
      if (this.newerFile) throw this.readOnly()
      if (this.unopenedFile) throw this.unopened(this.unopenedFile.reason)
      const checked = checkSettings({ ...this.value, ...patch })
      if ('fields' in checked) throw settingsInvalid(checked.fields)
      return this.replace(checked.settings)
    })
  }

  /** Every setting back to its default; secrets are not settings and stay. */
  reset(): Promise<Settings> {
    return this.serially(() => this.replace(Settings.parse({})))
  }

  /**
   * Replaces the settings with a file's (see `importSettings`); nothing changes when any field is
   * wrong. What only this computer can say (which program to run, where models are, extra headers
   * that may carry credentials) is never taken from a file and stays as it is.
   */
  import(text: string): Promise<Settings> {
    return this.serially(() => this.replace(this.imported(text)))
  }

  /** What `import` would make the settings, without applying anything (so the screen can ask first). */
  imported(text: string): Settings {
    return { ...importSettings(text), ...localOnly(this.value) }
  }

  export(): { fileName: string; text: string } {
    return exportSettings(this.value)
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }

  /**
   * Changes run one after another, each from the value the previous one left, so two quick changes
   * both land, and a slow write never lands after a newer one.
   */
  private serially(change: () => Promise<Settings>): Promise<Settings> {
    const run = this.writing.then(change)
    this.writing = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  /** The file first, then the value in use: a save that fails changes nothing, on disk or in the app. */
  private async replace(settings: Settings): Promise<Settings> {
    if (this.newerFile) {
      // Reset and import start a new file on purpose; the newer one is kept beside it.
      await this.keepCopy(`v${this.newerFile.version}`)
      this.newerFile = null
      this.unknown = {}
    }
    if (this.unopenedFile) {
      // Reset and import write a new file in the unreadable one's place, where the folder allows it.
      const reason = this.unopenedFile.reason
      await this.write(settings).catch(() => {
        throw this.unopened(reason)
      })
      this.unopenedFile = null
    } else await this.write(settings)
    this.value = settings
    this.emitter.emit('change', this.value)
    return this.value
  }

  private write(settings: Settings): Promise<void> {
    return writeJsonAtomic(this.file, { version: SETTINGS_VERSION, ...this.unknown, ...settings })
  }

  /** A byte-for-byte copy of the file as it is, beside it; answers the copy's name. */
  private async keepCopy(label: string): Promise<string> {
    const name = `settings.${label}-${Date.now()}.json`
    await copyFile(this.file, path.join(this.dataDir, name))
    return name
  }

  private unopened(reason: string): AppError {
    return new AppError({
      code: 'SETTINGS_INVALID',
      message: `Settings cannot be saved: ${this.file} could not be opened or written (${reason}).`,
      hint:
        reason === 'EISDIR'
          ? `A folder is in the settings file's place: move or rename it, then restart Instruct Desk.`
          : `Give your user account permission to read and write the file (or delete it to start afresh), then restart Instruct Desk.`,
    })
  }

  private readOnly(): AppError {
    const version = this.newerFile?.version ?? 0
    return new AppError({
      code: 'SETTINGS_INVALID',
      message: `Settings cannot be saved: ${SETTINGS_FILE} was written by a newer version of Instruct Desk (settings version ${version}; this version reads up to ${SETTINGS_VERSION}), and saving here would change it under that version.`,
      hint: 'Use the newer version to change settings, or choose Reset to defaults here to start a new file (the newer one is kept as a copy).',
    })
  }
}
