import type { AppInfo } from '../shared/domain/appInfo.ts'
import { newChatOptions } from '../shared/domain/settings.ts'
import type { OpenedFile } from '../shared/domain/openedFiles.ts'
import { AppError } from '../shared/ipc/errors.ts'
import path from 'node:path'
import { ChatService } from './chat/ChatService.ts'
import { countPrompt } from './chat/promptCounter.ts'
import { chatHandlers } from './ipc/handlers/chat.ts'
import { conversationHandlers, replyHandlers } from './ipc/handlers/conversations.ts'
import { promptHandlers } from './ipc/handlers/prompts.ts'
import { jsonHandlers } from './ipc/handlers/json.ts'
import { settingsHandlers, type FolderOpener } from './ipc/handlers/settings.ts'
import { summaryHandlers } from './ipc/handlers/summaries.ts'
import { createAppWorkerPool } from './workers/appWorker.ts'
import { AppLog } from './logging/AppLog.ts'
import { diagnosticsText } from './logging/diagnostics.ts'
import { loggedHandlers } from './logging/loggedHandlers.ts'
import { EventHub } from './ipc/eventHub.ts'
import type { Handlers } from './ipc/router.ts'
import { findOllamaExecutable } from './ollama/findExecutable.ts'
import { resolveHost } from './ollama/hostAddress.ts'
import { findManagedOllama } from './ollama/install/installOllama.ts'
import { OllamaInstaller } from './ollama/install/OllamaInstaller.ts'
import { OllamaClient } from './ollama/OllamaClient.ts'
import { pullDiskChecks } from './ollama/modelStorage.ts'
import { ModelSummaries } from './ollama/modelSummaries.ts'
import { OllamaServer, type OllamaServerOptions } from './ollama/OllamaServer.ts'
import { OllamaStatusMonitor } from './ollama/OllamaStatusMonitor.ts'
import { OllamaSupervisor } from './ollama/OllamaSupervisor.ts'
import { PullManager } from './ollama/PullManager.ts'
import { packageVersion } from './packageInfo.ts'
import { PromptLibraryStore } from './storage/PromptLibraryStore.ts'
import { SecretStore, type SecretCipher } from './storage/SecretStore.ts'
import { ClaudeClient } from './features/claude/ClaudeClient.ts'
import { HistoryStore } from './storage/history/HistoryStore.ts'
import { SettingsStore } from './storage/SettingsStore.ts'

export interface AppOptions {
  host: AppInfo['host']
  dataDir: string
  /** `--ollama-host` / `--host` from the command line: wins over settings and OLLAMA_HOST. */
  ollamaHost?: string | undefined
  env?: NodeJS.ProcessEnv
  statusIntervals?: { upMs: number; downMs: number }
  /** The Electron host's keychain; without it secrets live in memory only. */
  secretCipher?: SecretCipher
  /** The Electron host's file manager; without it Settings shows the data folder's path to copy. */
  openFolder?: FolderOpener
  /** Start and restart `ollama serve` for a local host (when the setting allows); the app hosts do, tests choose. */
  superviseOllama?: boolean
  /** Restart backoff and start timeout of a supervised server, for tests. */
  serverTimings?: Pick<OllamaServerOptions, 'restartDelaysMs' | 'startTimeoutMs' | 'stableAfterMs'>
  /** Where the managed install downloads Ollama from; default GitHub's latest release. */
  releaseBaseUrl?: string
  /** The Anthropic API (tests point it at a fake); default ANTHROPIC_BASE_URL, else Anthropic's own. */
  anthropicBaseUrl?: string
}

export interface App {
  handlers: Handlers
  events: EventHub
  ollama: OllamaSupervisor
  pulls: PullManager
  settings: SettingsStore
  secrets: SecretStore
  log: AppLog
  client(): OllamaClient
  /** Files the OS opened with the app (paths from the command line, a second launch or macOS): read, held and announced to the windows. */
  openFiles(paths: readonly string[]): Promise<OpenedFile[]>
  /** Stops what the app started (a supervised `ollama serve`, pulls, the installer). */
  dispose(): Promise<void>
}

/** The composition root: every host builds the same services here and differs only in transport. */
export async function createApp(options: AppOptions): Promise<App> {
  const env = options.env ?? process.env
  const settings = new SettingsStore(options.dataDir)
  await settings.load()
  const secrets = new SecretStore(options.dataDir, options.secretCipher, env)
  await secrets.load()
  const events = new EventHub()

  let cached: { key: string; client: OllamaClient } | undefined
  const client = (): OllamaClient => {
    const host = resolveHost(options.ollamaHost ?? settings.get().ollamaHost, env)
    const token = secrets.get('ollamaToken')
    const headers = { ...settings.get().ollamaHeaders, ...(token ? { Authorization: `Bearer ${token}` } : {}) }
    const key = JSON.stringify([host, headers])
    if (cached?.key !== key) cached = { key, client: new OllamaClient({ host, headers }) }
    return cached.client
  }

  const findExecutable = async (): Promise<string | undefined> =>
    (await findOllamaExecutable({ configuredPath: settings.get().ollamaExecutable || undefined, env })) ??
    (await findManagedOllama(options.dataDir))
  const monitor = new OllamaStatusMonitor({
    client,
    findExecutable,
    upIntervalMs: options.statusIntervals?.upMs,
    downIntervalMs: options.statusIntervals?.downMs,
  })
  const serveSettings = () => {
    const { manageOllama, ollamaExecutable, modelsDir, keepAlive, contextLength } = settings.get()
    return { manageOllama, ollamaExecutable, modelsDir, keepAlive, contextLength }
  }
  const ollama = new OllamaSupervisor({
    monitor,
    serverKey: () => JSON.stringify([client().host, serveSettings()]),
    createServer: (host) => {
      const chosen = serveSettings()
      if (!options.superviseOllama || !chosen.manageOllama) return undefined
      return new OllamaServer({
        host,
        findExecutable,
        probeVersion: (signal) => client().version(signal),
        env,
        serveEnv: {
          modelsDir: chosen.modelsDir || undefined,
          keepAlive: chosen.keepAlive || undefined,
          contextLength: chosen.contextLength || undefined,
        },
        ...options.serverTimings,
      })
    },
  })
  const pulls = new PullManager({
    client,
    publish: (job) => events.publish('models:pullProgress', job),
    ...pullDiskChecks(
      () => client().host,
      () => ({ modelsDir: settings.get().modelsDir, env }),
    ),
  })
  const installer = new OllamaInstaller(
    { dataDir: options.dataDir, baseUrl: options.releaseBaseUrl },
    (job) => events.publish('ollama:installState', job),
    () => void ollama.check(),
  )
  const summaries = new ModelSummaries()
  const history = HistoryStore.open(path.join(options.dataDir, 'history.sqlite'))
  const chat = new ChatService({
    store: history,
    client,
    countPrompt,
    modelInfo: async (model) => (await summaries.details(client(), model)) ?? {},
  })
  // Optional: nothing reaches Anthropic unless a key is set and the user picks a Claude step.
  const claude = new ClaudeClient({
    apiKey: () => secrets.get('anthropicKey'),
    baseURL: options.anthropicBaseUrl ?? env.ANTHROPIC_BASE_URL,
  })
  const prompts = new PromptLibraryStore(options.dataDir)
  const log = new AppLog(options.dataDir)
  const stopForwarding = ollama.onChange((status) => {
    log.info('ollama status', { state: status.state, host: status.host })
    events.publish('ollama:status', status)
  })
  const stopRechecking = settings.onChange((value) => {
    events.publish('settings:changed', value)
    void ollama.reconfigure()
  })

  const info: AppInfo = {
    name: 'Instruct Desk',
    version: packageVersion(),
    host: options.host,
    platform: `${process.platform}-${process.arch}`,
    nodeVersion: process.versions.node,
    dataDir: options.dataDir,
  }

  // File parsing, chunk planning, schema checks and JSON repair run here, off the thread that answers the windows.
  const pool = createAppWorkerPool()
  const documents = summaryHandlers({ pool, client, settings, history, dataDir: options.dataDir, events })
  const json = jsonHandlers({ pool, client, settings, claude, dataDir: options.dataDir })
  const handlers: Handlers = loggedHandlers(
    {
      invoke: {
        ...documents.invoke,
        ...json.invoke,
        'app:info': async () => info,
        'app:diagnostics': async () => ({
          text: diagnosticsText({
            info,
            status: ollama.current(),
            settings: settings.get(),
            secrets: secrets.status(),
            problems: log.recentProblems(),
            logFile: log.file,
          }),
        }),
        'ollama:status': async () => ollama.current(),
        'ollama:recheck': () => ollama.check(),
        'ollama:retry': () => ollama.retry(),
        'ollama:usePort': async ({ port }) => {
          if (options.ollamaHost !== undefined) {
            throw new AppError({
              code: 'SETTINGS_INVALID',
              message: `The Ollama address was given on the command line (${options.ollamaHost}), so it cannot be changed here.`,
              hint: 'Start Instruct Desk without --ollama-host to choose the address in the app.',
            })
          }
          await settings.update({ ollamaHost: `127.0.0.1:${port}` })
          return ollama.reconfigure()
        },
        'ollama:install': async () => installer.start(),
        'ollama:installCancel': async () => installer.cancel(),
        'ollama:installState': async () => installer.current(),
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
        ...settingsHandlers(settings, options.openFolder),
        ...conversationHandlers(
          () => history,
          () => newChatOptions(settings.get()),
        ),
        ...promptHandlers(prompts),
        'tokens:count': async ({ model, messages }) => countPrompt(model, messages),
        'claude:models': (_request, signal) => claude.listModels(signal),
        'secrets:status': async () => secrets.status(),
        'secrets:set': async ({ name, value }) => {
          const status = await secrets.set(name, value)
          void ollama.check()
          return status
        },
        'secrets:clear': async ({ name }) => {
          const status = await secrets.clear(name)
          void ollama.check()
          return status
        },
      },
      stream: { ...chatHandlers(client), ...replyHandlers(chat), ...documents.stream, ...json.stream },
    },
    log,
  )
  log.info('app started', { version: info.version, host: info.host, platform: info.platform })

  return {
    handlers,
    events,
    ollama,
    pulls,
    settings,
    secrets,
    log,
    client,
    openFiles: documents.openFiles,
    async dispose() {
      stopForwarding()
      stopRechecking()
      pulls.dispose()
      installer.dispose()
      history.close()
      await pool.close()
      await ollama.dispose()
    },
  }
}
