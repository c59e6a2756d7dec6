import type { RepairOptions, RepairResult, RepairTrace } from '../../../shared/domain/jsonRepair.ts'
import type { Settings } from '../../../shared/domain/settings.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import type { ClaudeClient } from '../claude/ClaudeClient.ts'
import type { OllamaClient } from '../../ollama/OllamaClient.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import type { ClaudeRepair } from './claudeRepair.ts'
import { repairJson } from './repairPipeline.ts'

/** What every JSON run needs; the handlers and the CLI each supply their own. */
export interface JsonRunnerDeps {
  pool: AppWorkerPool
  ollama: () => OllamaClient
  claude: ClaudeClient
  /** Read on every run, so a change in Settings applies to the next one. */
  settings: () => Settings
}

export interface RunRequest {
  text: string
  schema: unknown
  options?: RepairOptions | undefined
  /** Let Claude try last when nothing else validates. */
  claude?: boolean | undefined
  signal?: AbortSignal | undefined
  onStep?: ((entry: RepairTrace) => void) | undefined
}

/** Room for Claude's rewrite: about the text's own size in tokens, within what every current model may answer. */
const CLAUDE_REPAIR_MIN_TOKENS = 1_024
const CLAUDE_REPAIR_MAX_TOKENS = 8_192

/**
 * The repair pipeline with the app's settings under each request's own options: the local model is
 * the default model, attempts and the time budget come from Settings, and Claude (when asked for)
 * is the Claude model chosen in Settings.
 */
export class JsonRunner {
  readonly deps: JsonRunnerDeps

  constructor(deps: JsonRunnerDeps) {
    this.deps = deps
  }

  run(request: RunRequest): Promise<RepairResult> {
    const claude = request.claude ? this.claudeRepair(this.claudeModel()) : undefined
    const options = this.options(request.options)
    return repairJson(
      request.text,
      request.schema,
      { ...options, signal: request.signal, onStep: request.onStep },
      { pool: this.deps.pool, ollama: options.noModel ? undefined : this.deps.ollama(), claude },
    )
  }

  /** Per-request options over the settings' defaults. */
  options(options: RepairOptions | undefined): RepairOptions {
    const settings = this.deps.settings()
    return {
      model: settings.defaultModel,
      attempts: settings.jsonAttempts,
      ...options,
      limits: { timeMs: settings.jsonTimeLimitSeconds * 1_000, maxDepth: settings.jsonMaxDepth, ...options?.limits },
    }
  }

  /** The Claude model chosen in Settings; refused before anything runs when there is none. */
  claudeModel(): string {
    const model = this.deps.settings().claudeModel
    if (model) return model
    throw new AppError({
      code: 'CLAUDE_NOT_CONFIGURED',
      message: 'No Claude model is chosen.',
      hint: 'Pick a Claude model in Settings or on the JSON screen (the list comes from your Anthropic account).',
    })
  }

  private claudeRepair(model: string): ClaudeRepair {
    return ({ text, schema, problems }, signal) => {
      const maxTokens = Math.min(CLAUDE_REPAIR_MAX_TOKENS, CLAUDE_REPAIR_MIN_TOKENS + Math.ceil(text.length / 3))
      return this.deps.claude.repairJson({ model, text, schema: schema as Record<string, unknown>, problems, maxTokens }, signal)
    }
  }
}
