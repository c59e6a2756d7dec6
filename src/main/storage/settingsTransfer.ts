import { ChatDefaults, SecretName, Settings } from '../../shared/domain/settings.ts'
import { AppError } from '../../shared/ipc/errors.ts'
import { migrateSettings, SETTINGS_VERSION, versionOf, type SettingsContent } from './settingsMigrations.ts'
import { checkSettings, type FieldErrors } from './settingsValidation.ts'

export const SETTINGS_EXPORT_FORMAT = 'instruct-desk-settings'

const isObject = (value: unknown): value is SettingsContent => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Settings that name things on this computer (a program to run, a folder) or may carry credentials
 * (extra headers for a proxy): a file never sets them, so a shared file cannot make the app run a
 * program or send a header, and an export never holds them.
 */
const LOCAL_ONLY = ['ollamaExecutable', 'modelsDir', 'ollamaHeaders'] as const satisfies readonly (keyof Settings)[]
type LocalOnly = Pick<Settings, (typeof LOCAL_ONLY)[number]>

export function localOnly(settings: Settings): LocalOnly {
  return Object.fromEntries(LOCAL_ONLY.map((key) => [key, settings[key]])) as LocalOnly
}

/** The settings as a file to keep or move to another computer; secrets and this computer's own settings are never in it. */
export function exportSettings(settings: Settings, now = new Date()): { fileName: string; text: string } {
  const portable = Object.fromEntries(Object.entries(settings).filter(([key]) => !(LOCAL_ONLY as readonly string[]).includes(key)))
  const file = { format: SETTINGS_EXPORT_FORMAT, version: SETTINGS_VERSION, exportedAt: now.toISOString(), settings: portable }
  return { fileName: `instruct-desk-settings-${now.toISOString().slice(0, 10)}.json`, text: `${JSON.stringify(file, null, 2)}\n` }
}

/**
 * The settings in an exported file (or a copy of `settings.json`), brought to this version's layout
 * and checked field by field. Settings the file does not name take their defaults; any unknown or
 * invalid field, or a value for one of this computer's own settings, refuses the whole file, each
 * named with what is wrong.
 */
export function importSettings(text: string): Settings {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw notSettings(`The file is not valid JSON (${(error as Error).message}).`)
  }
  const { content, version } = unwrap(parsed)
  const migrated = migrateSettings(content, version)
  const fields: FieldErrors = unknownFields(migrated)
  const checked = checkSettings(migrated)
  if ('fields' in checked) Object.assign(fields, checked.fields)
  const count = Object.keys(fields).length
  if ('settings' in checked && count === 0) return checked.settings
  throw new AppError({
    code: 'SETTINGS_INVALID',
    message: `Nothing was imported: ${count === 1 ? '1 setting in the file needs' : `${count} settings in the file need`} fixing.`,
    hint: 'Your settings are as they were. Correct these in the file, or remove them, and import it again.',
    fields,
  })
}

/** The settings and their layout version from an export, or from a settings file as it is kept in the data folder. */
function unwrap(parsed: unknown): { content: SettingsContent; version: number } {
  if (!isObject(parsed)) throw notSettings('The file holds no settings object.')
  const exported = parsed.format !== undefined
  if (exported && parsed.format !== SETTINGS_EXPORT_FORMAT) {
    throw notSettings(`The file is not a settings export (its format is ${JSON.stringify(parsed.format)}).`)
  }
  const version = versionOf(parsed)
  if (version === undefined) throw notSettings(`The file's version (${JSON.stringify(parsed.version)}) is not a version number.`)
  if (version > SETTINGS_VERSION) {
    throw new AppError({
      code: 'SETTINGS_INVALID',
      message: `The file was made by a newer version of Instruct Desk (settings version ${version}; this version reads up to ${SETTINGS_VERSION}).`,
      hint: 'Update Instruct Desk, then import it again.',
    })
  }
  if (!exported) return { content: parsed, version }
  if (!isObject(parsed.settings)) throw notSettings('The export holds no "settings" object.')
  return { content: parsed.settings, version }
}

const DEFAULTS = Settings.parse({})

function unknownFields(content: SettingsContent): FieldErrors {
  const fields: FieldErrors = {}
  for (const key of LOCAL_ONLY) {
    // A copy of settings.json holds them, at their defaults unless set: only a value is refused.
    if (content[key] !== undefined && JSON.stringify(content[key]) !== JSON.stringify(DEFAULTS[key])) {
      fields[key] = 'never taken from a file (it names something on one computer, or may hold credentials); set it here in Settings'
    }
  }
  for (const key of Object.keys(content)) {
    if (Object.hasOwn(Settings.shape, key)) continue
    fields[key] = SecretName.safeParse(key).success
      ? 'keys and tokens are never imported; enter it in Settings'
      : 'not a setting Instruct Desk knows'
  }
  const chat = content.chatDefaults
  if (isObject(chat)) {
    for (const key of Object.keys(chat)) if (!Object.hasOwn(ChatDefaults.shape, key)) fields[`chatDefaults.${key}`] = 'not a chat option'
  }
  return fields
}

function notSettings(message: string): AppError {
  return new AppError({
    code: 'SETTINGS_INVALID',
    message,
    hint: 'Choose a file made with Export settings (instruct-desk-settings-….json) or a copy of settings.json.',
  })
}
