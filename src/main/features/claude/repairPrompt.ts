/** What Claude needs to turn a text into JSON for a schema. */
export interface RepairPromptInput {
  text: string
  schema: Record<string, unknown>
  /** What is wrong with the text now, in plain words (e.g. "/priority must be one of low, medium, high"). */
  problems: readonly string[]
}

export const REPAIR_SYSTEM =
  'You turn text into JSON that is valid against a given JSON Schema. Answer with the JSON value only: no explanation, no code fences. ' +
  'Keep the information the text holds; do not invent values it does not support unless the schema requires them.'

/**
 * The request as a user message. With structured outputs the API already holds the schema, so it
 * is named rather than repeated; without them (`schemaInPrompt`) the schema goes in the prompt.
 */
export function repairPrompt(input: RepairPromptInput, schemaInPrompt: boolean): string {
  const parts = [
    schemaInPrompt
      ? 'Rewrite the text below as JSON that is valid against the JSON Schema below.'
      : 'Rewrite the text below as JSON that is valid against the JSON Schema given with this request.',
  ]
  if (input.problems.length > 0) {
    parts.push(`Problems found so far:\n<problems>\n${input.problems.map((p) => `- ${p}`).join('\n')}\n</problems>`)
  }
  if (schemaInPrompt) parts.push(`<schema>\n${JSON.stringify(input.schema, null, 2)}\n</schema>`)
  parts.push(`<text>\n${input.text}\n</text>`)
  return parts.join('\n\n')
}
