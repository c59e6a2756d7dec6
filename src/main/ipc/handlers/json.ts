import type { ClaudeClient } from '../../features/claude/ClaudeClient.ts'
import { generateJson } from '../../features/jsonRepair/JsonGenerator.ts'
import { runBatch } from '../../features/jsonRepair/jsonBatch.ts'
import { JsonRunner } from '../../features/jsonRepair/JsonRunner.ts'
import { resolveLimits } from '../../features/jsonRepair/limits.ts'
import { SchemaLibrary } from '../../features/jsonRepair/SchemaLibrary.ts'
import { checkSchema, inferSchemaFromSample } from '../../features/jsonRepair/schemaTools.ts'
import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import type { SettingsStore } from '../../storage/SettingsStore.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import type { InvokeHandlers, StreamHandlers } from '../router.ts'

export interface JsonHandlerDeps {
  pool: AppWorkerPool
  client: () => OllamaClient
  settings: SettingsStore
  claude: ClaudeClient
  dataDir: string
}

type JsonInvokeChannels = 'json:checkSchema' | 'json:inferSchema' | 'schemas:list' | 'schemas:save' | 'schemas:delete'
type JsonStreamChannels = 'json:repair' | 'json:generate' | 'json:batch'

/** The JSON screen's channels: schema checks, the schema library, and the repair, generate and batch runs. */
export function jsonHandlers(deps: JsonHandlerDeps): {
  invoke: Pick<InvokeHandlers, JsonInvokeChannels>
  stream: Pick<StreamHandlers, JsonStreamChannels>
} {
  const runner = new JsonRunner({ pool: deps.pool, ollama: deps.client, claude: deps.claude, settings: () => deps.settings.get() })
  const library = new SchemaLibrary(deps.dataDir)
  // The editor's checks run under the same limits and time budget as a repair.
  const limits = () => resolveLimits(runner.options(undefined).limits)
  return {
    invoke: {
      'json:checkSchema': ({ schema }, signal) => checkSchema(schema, limits(), deps.pool, signal),
      'json:inferSchema': ({ json }, signal) => inferSchemaFromSample(json, limits(), deps.pool, signal),
      'schemas:list': () => library.list(),
      // A schema the pipeline could not use is refused here rather than found out at the next run.
      'schemas:save': async (draft, signal) => {
        await checkSchema(draft.schema, limits(), deps.pool, signal)
        return library.save(draft)
      },
      'schemas:delete': ({ id }) => library.delete(id),
    },
    stream: {
      'json:repair': ({ text, schema, options, claude }, { signal, emit }) =>
        runner.run({ text, schema, options, claude, signal, onStep: (entry) => emit({ type: 'trace', entry }) }),
      'json:generate': (request, { signal, emit }) => generateJson(runner, request, signal, emit),
      'json:batch': (request, { signal, emit }) => runBatch(runner, request, signal, emit),
    },
  }
}
