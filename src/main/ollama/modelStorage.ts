import { statfs } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { RECOMMENDED_MODELS } from '../../shared/domain/models.ts'
import { isLoopbackHost } from './hostAddress.ts'
import type { ModelStorage, PullManagerOptions } from './PullManager.ts'

export interface ModelStorageSearch {
  /** The folder the app starts `ollama serve` with, if the user chose one. */
  modelsDir?: string | undefined
  env?: NodeJS.ProcessEnv
  homeDir?: string
}

/** Where a server on this machine keeps models: the chosen folder, OLLAMA_MODELS, or Ollama's default. */
export function localModelsDir(search: ModelStorageSearch = {}): string {
  const env = search.env ?? process.env
  return search.modelsDir || env.OLLAMA_MODELS || path.join(search.homeDir ?? os.homedir(), '.ollama', 'models')
}

/**
 * Free space where the models go, measured on the nearest folder that exists (the models folder
 * may not be created until the first pull). Undefined when it cannot be measured, so a pull is
 * never refused on a guess.
 */
export async function measureModelStorage(dir: string): Promise<ModelStorage | undefined> {
  for (let probe = dir; ; probe = path.dirname(probe)) {
    try {
      const stats = await statfs(probe)
      return { dir, freeBytes: stats.bavail * stats.bsize }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(probe) === probe) return undefined
    }
  }
}

/**
 * The disk-space safeguards a PullManager gets in every host: sizes known before the server says,
 * and free space measured only for a server on this machine (a remote server's disk is not ours).
 */
export function pullDiskChecks(
  host: () => string,
  search: () => ModelStorageSearch,
): Required<Pick<PullManagerOptions, 'knownSize' | 'storage'>> {
  return {
    knownSize: (model) => RECOMMENDED_MODELS.find((m) => m.name === model)?.sizeBytes,
    storage: async () => (isLoopbackHost(host()) ? measureModelStorage(localModelsDir(search())) : undefined),
  }
}
