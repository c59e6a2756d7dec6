import { DEFAULT_NUM_CTX, type ChatMessage } from '../../../shared/domain/chat.ts'
import type { PlainError } from '../../../shared/domain/jsonRepair.ts'
import { problemLine } from './plainErrors.ts'

/** qwen2.5's trained window: the most a repair asks for. */
export const MAX_NUM_CTX = 32_768
const MAX_PROBLEMS = 20
/** Chars per token, on the low side for JSON so the estimate errs towards a larger window. */
const CHARS_PER_TOKEN = 3

const SYSTEM_PROMPT =
  'You turn text into JSON that satisfies a JSON Schema. Answer with the JSON value only: no explanation, no code fence. ' +
  'Keep every value the text supports, take missing values from the text, and invent nothing the text does not say unless the schema requires a value.'

export interface RepairPromptInput {
  schema: object
  text: string
  /** The closest JSON so far and what is wrong with it; absent when nothing in the text parsed. */
  closest?: { value: unknown; errors: PlainError[] }
}

export interface RepairPrompt {
  messages: ChatMessage[]
  numCtx: number
  numPredict: number
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN)
}

/** Room for the answer: about the size of the closest JSON (or of the text), at least 512 tokens. */
export function initialNumPredict(input: RepairPromptInput): number {
  const basis = input.closest ? JSON.stringify(input.closest.value) : input.text
  return Math.min(MAX_NUM_CTX / 2, Math.max(512, Math.ceil(estimateTokens(basis ?? '') * 1.25) + 128))
}

/**
 * The schema, the text, the closest JSON and ajv's errors as short instructions, sized so the prompt
 * and `numPredict` fit one window; the text is cut at the end when they do not. Undefined when even
 * the schema and the closest JSON leave too little room.
 */
export function buildRepairPrompt(input: RepairPromptInput, numPredict: number): RepairPrompt | undefined {
  const schema = JSON.stringify(input.schema)
  const closing = closingPart(input)
  const fixed = estimateTokens(SYSTEM_PROMPT + schema + closing) + 64
  const room = MAX_NUM_CTX - numPredict - fixed
  if (room < 256) return undefined
  const maxChars = room * CHARS_PER_TOKEN
  const text = input.text.length > maxChars ? `${input.text.slice(0, maxChars)}\n[… the rest of the text is left out]` : input.text
  const user = `JSON Schema:\n${schema}\n\nText:\n"""\n${text}\n"""\n\n${closing}`
  const needed = fixed + estimateTokens(text) + numPredict
  return {
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: user },
    ],
    numCtx: Math.min(MAX_NUM_CTX, Math.max(DEFAULT_NUM_CTX, Math.ceil(needed / 1024) * 1024)),
    numPredict,
  }
}

function closingPart(input: RepairPromptInput): string {
  if (!input.closest) return 'No JSON could be read from the text. Build the JSON from the text.'
  const problems = input.closest.errors.slice(0, MAX_PROBLEMS).map((e) => `- ${problemLine(e)}`)
  return `Closest JSON so far:\n${JSON.stringify(input.closest.value)}\n\nFix these problems and answer with the corrected JSON:\n${problems.join('\n')}`
}
