/**
 * The settings file's layouts. A file carries the `version` of its layout (none before versions
 * existed, read as 0); on load the steps after it run in order, each a pure function from one
 * layout to the next. A new setting with a default needs no step: only a stored value that changes
 * name, shape or meaning does. A shipped step is never edited (tests keep frozen copies).
 */
export type SettingsContent = Record<string, unknown>

export interface SettingsMigration {
  /** The version this step produces: the first step makes version 1, each next one the one after. */
  to: number
  migrate(previous: Readonly<SettingsContent>): SettingsContent
}

export const SETTINGS_MIGRATIONS: readonly SettingsMigration[] = [
  // The unversioned file already has version 1's fields; from here on the version is written with them.
  { to: 1, migrate: (previous) => ({ ...previous }) },
]

export const SETTINGS_VERSION = latestVersion(SETTINGS_MIGRATIONS)

export function latestVersion(steps: readonly SettingsMigration[]): number {
  return steps.at(-1)?.to ?? 0
}

/** A file's layout version: 0 when it has none, undefined when `version` is not a whole number ≥ 0. */
export function versionOf(file: SettingsContent): number | undefined {
  const version = Object.hasOwn(file, 'version') ? file.version : 0
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0 ? version : undefined
}

/** The file's settings (without `version`) in the latest layout; `from` must not be newer than the steps know. */
export function migrateSettings(
  file: SettingsContent,
  from: number,
  steps: readonly SettingsMigration[] = SETTINGS_MIGRATIONS,
): SettingsContent {
  const { version: _version, ...settings } = file
  return steps.filter((step) => step.to > from).reduce<SettingsContent>((content, step) => step.migrate(content), settings)
}
