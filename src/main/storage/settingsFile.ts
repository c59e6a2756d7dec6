import { readFile } from 'node:fs/promises'
import { Settings } from '../../shared/domain/settings.ts'
import { migrateSettings, SETTINGS_VERSION, versionOf, type SettingsContent } from './settingsMigrations.ts'
import { salvageSettings } from './settingsValidation.ts'

/** What a settings file holds, read as this version understands it. */
export interface SettingsFile {
  settings: Settings
  /** Keys this version does not know, to be written back as they were. */
  unknown: SettingsContent
  /** The layout the file had (0: before versions). */
  fromVersion: number
  /** Set when the file is from a newer version than this one knows: it must not be written. */
  newerVersion?: number
  /** Set when something had to be reset to defaults: the fields (none: the whole file was unreadable). */
  reset?: string[]
}

const unreadable = (): SettingsFile => ({ settings: Settings.parse({}), unknown: {}, fromVersion: SETTINGS_VERSION, reset: [] })

/** The settings file, migrated to this version's layout; undefined when there is none. Nothing is written. */
export async function readSettingsFile(file: string): Promise<SettingsFile | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let parsed: unknown
  try {
    // A byte-order mark is what Notepad puts before a file it saved; it is not damage.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return unreadable()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return unreadable()
  return interpretSettings(parsed as SettingsContent)
}

export function interpretSettings(file: SettingsContent): SettingsFile {
  const version = versionOf(file)
  const { version: _version, ...content } = file
  if (version === undefined) {
    // No telling which layout it is: read as the current one, and keep the original as a corrupt file.
    const { settings, reset, unknown } = salvageSettings(content)
    return { settings, unknown, fromVersion: SETTINGS_VERSION, reset: [...reset, 'version'] }
  }
  if (version > SETTINGS_VERSION) {
    const { settings, unknown } = salvageSettings(content)
    return { settings, unknown, fromVersion: version, newerVersion: version }
  }
  const { settings, reset, unknown } = salvageSettings(migrateSettings(file, version))
  return { settings, unknown, fromVersion: version, ...(reset.length > 0 && { reset }) }
}
