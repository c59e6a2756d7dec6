import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { EventHub } from '../../src/main/ipc/eventHub.ts'
import { summaryHandlers } from '../../src/main/ipc/handlers/summaries.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { HistoryStore } from '../../src/main/storage/history/HistoryStore.ts'
import { SettingsStore } from '../../src/main/storage/SettingsStore.ts'
import { createAppWorkerPool, type AppWorkerPool } from '../../src/main/workers/appWorker.ts'
import type { EventChannel } from '../../src/shared/ipc/contract.ts'
import { FakeOllama } from './fakeOllama.ts'
import { fakeSummaryModel } from './fakeSummaryModel.ts'
import { useTempDirs } from './tempDir.ts'

/** What the Summarize workflow runs on in a test; fields are fresh for every test (the pool lasts the file). */
export interface SummaryRig {
  pool: AppWorkerPool
  /** Answers as a summarizing model that cites the parts it saw (`fakeSummaryModel`), without delay. */
  fake: FakeOllama
  dataDir: string
  history: HistoryStore
  settings: SettingsStore
  /** Everything the handlers published, in order. */
  events: { channel: EventChannel; payload: unknown }[]
  handlers: ReturnType<typeof summaryHandlers>
}

/** Registers the hooks that build a `SummaryRig` for each test of the calling file and tear it down. */
export function useSummaryRig(): SummaryRig {
  const tempDir = useTempDirs()
  const rig = {} as SummaryRig
  beforeAll(() => {
    rig.pool = createAppWorkerPool()
  })
  afterAll(() => rig.pool.close())
  beforeEach(async () => {
    rig.fake = await new FakeOllama({ tokenDelayMs: 0 }).start()
    rig.fake.replyFor = fakeSummaryModel(rig.fake)
    rig.dataDir = await tempDir()
    rig.history = HistoryStore.open(path.join(rig.dataDir, 'history.sqlite'))
    rig.settings = new SettingsStore(rig.dataDir)
    await rig.settings.load()
    const hub = new EventHub()
    const events: SummaryRig['events'] = []
    hub.subscribe((channel, payload) => events.push({ channel, payload }))
    rig.events = events
    const client = new OllamaClient({ host: rig.fake.host })
    const { pool, settings, history, dataDir } = rig
    rig.handlers = summaryHandlers({ pool, client: () => client, settings, history, dataDir, events: hub })
  })
  afterEach(async () => {
    rig.history.close()
    await rig.fake.stop()
  })
  return rig
}
