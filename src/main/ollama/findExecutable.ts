import { access, constants } from 'node:fs/promises'
import path from 'node:path'

export interface ExecutableSearch {
  configuredPath?: string | undefined
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  homeDir?: string
}

/** Where the official installers put `ollama` on each OS, after PATH. */
export function standardLocations(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homeDir: string): string[] {
  if (platform === 'win32') {
    const localAppData = env.LOCALAPPDATA ?? path.win32.join(homeDir, 'AppData', 'Local')
    return [path.win32.join(localAppData, 'Programs', 'Ollama', 'ollama.exe')]
  }
  if (platform === 'darwin') {
    return ['/Applications/Ollama.app/Contents/Resources/ollama', '/opt/homebrew/bin/ollama', '/usr/local/bin/ollama']
  }
  return ['/usr/local/bin/ollama', '/usr/bin/ollama', path.join(homeDir, '.local', 'bin', 'ollama'), '/snap/bin/ollama']
}

async function isExecutable(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    await access(file, platform === 'win32' ? constants.F_OK : constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Finds the `ollama` executable: the configured path, then PATH, then the standard locations. */
export async function findOllamaExecutable(search: ExecutableSearch = {}): Promise<string | undefined> {
  const env = search.env ?? process.env
  const platform = search.platform ?? process.platform
  const homeDir = search.homeDir ?? env.HOME ?? env.USERPROFILE ?? ''
  const pathApi = platform === 'win32' ? path.win32 : path.posix
  const name = platform === 'win32' ? 'ollama.exe' : 'ollama'
  const fromPath = (env.PATH ?? env.Path ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .filter(Boolean)
    .map((dir) => pathApi.join(dir, name))
  const candidates = [search.configuredPath, ...fromPath, ...standardLocations(platform, env, homeDir)]
  for (const candidate of candidates) {
    if (candidate && (await isExecutable(candidate, platform))) return candidate
  }
  return undefined
}
