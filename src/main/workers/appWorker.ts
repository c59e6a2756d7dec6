import { fileURLToPath } from 'node:url'
import { WorkerPool } from './WorkerPool.ts'
import type { AppTasks } from './appTasks.ts'

/**
 * The app's worker entry: from source (tests, bench) the module beside this one; built, every main
 * chunk sits in out/main beside worker.js. A computed name keeps the bundler from treating it as an asset.
 */
export function appWorkerEntry(): URL {
  const file = fileURLToPath(import.meta.url).endsWith('.ts') ? 'taskWorker.ts' : 'worker.js'
  return new URL(file, import.meta.url)
}

export type AppWorkerPool = WorkerPool<AppTasks>

export function createAppWorkerPool(size = 2): AppWorkerPool {
  return new WorkerPool<AppTasks>({ entry: appWorkerEntry(), size })
}
