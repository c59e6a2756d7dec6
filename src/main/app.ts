import type { AppInfo } from '../shared/domain/appInfo.ts'
import { RECOMMENDED_MODELS } from '../shared/domain/models.ts'
import { chatHandlers } from './ipc/handlers/chat.ts'
import { EventHub } from './ipc/eventHub.ts'
import type { Handlers } from './ipc/router.ts'
import { findOllamaExecutable } from './ollama/findExecutable.ts'
import { resolveHost } from './ollama/hostAddress.ts'
import { OllamaClient } from './ollama/OllamaClient.ts'
import { ModelSummaries } from './ollama/modelSummaries.ts'
import { OllamaStatusMonitor } from './ollama/OllamaStatusMonitor.ts'
import { PullManager } from './ollama/PullManager.ts'
import { packageVersion } from './packageInfo.ts'
import { SettingsStore } from './storage/SettingsStore.ts'

export interface AppOptions {
  host: AppInfo['host']
  dataDir: string
  /** `--ollama-host` / `--host` from the command line: wins over settings and OLLAMA_HOST. */
  ollamaHost?: string | undefined
  env?: NodeJS.ProcessEnv
  statusIntervals?: { upMs: number; downMs: number }
}

export interface App {
  handlers: Handlers
  events: EventHub
  monitor: OllamaStatusMonitor
  pulls: PullManager
  settings: SettingsStore
  client(): OllamaClient
  dispose(): void
}

/** The composition root: every host builds the same services here and differs only in transport. */
export async function createApp(options: AppOptions): Promise<App> {
  const env = options.env ?? process.env
  const settings = new SettingsStore(options.dataDir)
  await settings.load()
  const events = new EventHub()

  let cached: OllamaClient | undefined
  const client = (): OllamaClient => {
    const host = resolveHost(options.ollamaHost ?? settings.get().ollamaHost, env)
    if (cached?.host !== host) cached = new OllamaClient({ host })
    return cached
  }

  const monitor = new OllamaStatusMonitor({
    client,
    findExecutable: () => findOllamaExecutable({ env }),
    upIntervalMs: options.statusIntervals?.upMs,
    downIntervalMs: options.statusIntervals?.downMs,
  })
  const pulls = new PullManager({
    client,
    publish: (job) => events.publish('models:pullProgress', job),
    knownSize: (model) => RECOMMENDED_MODELS.find((m) => m.name === model)?.sizeBytes,
  })
  const summaries = new ModelSummaries()
  const stopForwarding = monitor.onChange((status) => events.publish('ollama:status', status))
  const stopRechecking = settings.onChange(() => void monitor.check())

  const info: AppInfo = {
    name: 'Instruct Desk',
    version: packageVersion(),
    host: options.host,
    platform: `${process.platform}-${process.arch}`,
    nodeVersion: process.versions.node,
    dataDir: options.dataDir,
  }

  const handlers: Handlers = {
    invoke: {
      'app:info': async () => info,
      'ollama:status': async () => monitor.current(),
      'ollama:recheck': () => monitor.check(),
      'models:list': (_request, signal) => summaries.list(client(), signal),
      'models:show': ({ model }, signal) => client().show(model, signal),
      'models:loaded': (_request, signal) => client().loadedModels(signal),
      'models:delete': async ({ model }, signal) => {
        await client().deleteModel(model, signal)
        return true
      },
      'models:pull': async ({ model }) => pulls.start(model),
      'models:pullPause': async ({ model }) => pulls.pause(model),
      'models:pullResume': async ({ model }) => pulls.resume(model) ?? null,
      'models:pullCancel': async ({ model }) => pulls.cancel(model),
      'models:pullDismiss': async ({ model }) => pulls.dismiss(model),
      'models:pulls': async () => pulls.list(),
      'settings:get': async () => settings.get(),
      'settings:update': (patch) => settings.update(patch),
    },
    stream: chatHandlers(client),
  }

  return {
    handlers,
    events,
    monitor,
    pulls,
    settings,
    client,
    dispose() {
      stopForwarding()
      stopRechecking()
      monitor.stop()
      pulls.dispose()
    },
  }
}
