import type { ClaudeProgress } from '../../../shared/domain/claude.ts'
import type { JsonGenerateOutcome, JsonGenerateRun, JsonRunEvent } from '../../../shared/domain/jsonJobs.ts'
import { ProgressThrottle } from '../../ollama/progressThrottle.ts'
import type { JsonRunner } from './JsonRunner.ts'

export const DEFAULT_GENERATE_MAX_TOKENS = 4_096

const GENERATE_SYSTEM =
  'Answer with one JSON value that is valid against the JSON Schema given in the request: no explanation, no code fences.'

/** The user's prompt, then the schema the answer must satisfy. */
export function generatePrompt(prompt: string, schema: object): string {
  return `${prompt}\n\nAnswer with JSON that is valid against this JSON Schema:\n<schema>\n${JSON.stringify(schema, null, 2)}\n</schema>`
}

/**
 * The full flow: Claude answers the prompt, streamed as progress, and the repair pipeline turns the
 * answer into a value the schema accepts: as it is when it already fits, else by the cheap steps,
 * the local model (unless turned off) and, last, Claude again with the exact errors.
 *
 * Claude's own failures (no key, 401, 429, 529, a broken stream, a cut answer) end the run as
 * AppErrors, since without an answer there is nothing to repair.
 */
export async function generateJson(
  runner: JsonRunner,
  request: JsonGenerateRun,
  signal: AbortSignal | undefined,
  emit: (event: JsonRunEvent) => void,
): Promise<JsonGenerateOutcome> {
  const model = runner.claudeModel()
  const maxTokens = request.maxTokens ?? DEFAULT_GENERATE_MAX_TOKENS
  const progress = (state: ClaudeProgress['state'], characters: number): JsonRunEvent => ({
    type: 'claude',
    progress: { model, state, characters, maxTokens },
  })
  emit(progress('waiting', 0))
  // A progress line a tenth of a second is plenty; every text delta would flood the window.
  const writing = new ProgressThrottle<JsonRunEvent>(emit)
  let characters = 0
  let answer: string
  try {
    const generation = await runner.deps.claude.generate(
      { model, prompt: generatePrompt(request.prompt, request.schema), system: request.system ?? GENERATE_SYSTEM, maxTokens },
      {
        signal,
        onText: (text) => {
          characters += text.length
          writing.push(progress('writing', characters))
        },
      },
    )
    answer = generation.text
  } finally {
    writing.close()
  }
  emit(progress('done', answer.length))
  const result = await runner.run({
    text: answer,
    schema: request.schema,
    options: request.options,
    claude: true,
    signal,
    onStep: (entry) => emit({ type: 'trace', entry }),
  })
  return { answer, result }
}
