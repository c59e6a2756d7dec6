import os from 'node:os'
import path from 'node:path'

export const APP_DIR_NAME = 'Instruct Desk'

/**
 * The same folder Electron's `app.getPath('userData')` uses, so the app, the web bridge and the
 * CLI share one history and one settings file. `INSTRUCT_DESK_DATA_DIR` overrides it (tests,
 * portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.INSTRUCT_DESK_DATA_DIR) return path.resolve(env.INSTRUCT_DESK_DATA_DIR)
  const home = os.homedir()
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME)
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME)
}
