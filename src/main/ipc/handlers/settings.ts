import type { SettingsStatus } from '../../../shared/domain/settings.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import type { SettingsStore } from '../../storage/SettingsStore.ts'
import type { InvokeHandlers } from '../router.ts'

type SettingsChannels =
  | 'settings:get'
  | 'settings:update'
  | 'settings:status'
  | 'settings:dismissNotice'
  | 'settings:export'
  | 'settings:checkImport'
  | 'settings:import'
  | 'settings:reset'
  | 'settings:openDataFolder'

/** Opens a folder in the system's file manager; only the desktop host has one to offer. */
export type FolderOpener = (folder: string) => Promise<void>

export function settingsHandlers(settings: SettingsStore, openFolder: FolderOpener | undefined): Pick<InvokeHandlers, SettingsChannels> {
  const status = (): SettingsStatus => ({ ...settings.status(), canOpenFolder: openFolder !== undefined })
  return {
    'settings:get': async () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'settings:status': async () => status(),
    'settings:dismissNotice': async () => {
      settings.dismissRecovered()
      return status()
    },
    'settings:export': async () => settings.export(),
    'settings:checkImport': async ({ text }) => settings.imported(text),
    'settings:import': ({ text }) => settings.import(text),
    'settings:reset': () => settings.reset(),
    'settings:openDataFolder': async () => {
      if (!openFolder) {
        throw new AppError({
          code: 'BAD_REQUEST',
          message: 'Only the desktop app can open folders.',
          hint: `Copy the path and open it in your file manager: ${settings.dataDir}`,
        })
      }
      await openFolder(settings.dataDir)
      return true
    },
  }
}
