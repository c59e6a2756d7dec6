import { z } from 'zod'
import { ClaudeProgress } from './claude.ts'
import { JsonSchemaObject, RepairOptions, RepairResult, RepairTrace } from './jsonRepair.ts'

const Text = z.string().max(5_000_000)

/** `claude`: let Claude try last when nothing else validates (needs a key and a chosen Claude model). */
export const JsonRepairRun = z
  .object({ text: Text, schema: JsonSchemaObject, options: RepairOptions.optional(), claude: z.boolean().optional() })
  .strict()
export type JsonRepairRun = z.infer<typeof JsonRepairRun>

/** The seed notes' full flow: a prompt → Claude's answer → the repair pipeline. */
export const JsonGenerateRun = z
  .object({
    prompt: z.string().trim().min(1).max(200_000),
    system: z.string().max(20_000).optional(),
    schema: JsonSchemaObject,
    maxTokens: z.number().int().min(16).max(64_000).optional(),
    options: RepairOptions.optional(),
  })
  .strict()
export type JsonGenerateRun = z.infer<typeof JsonGenerateRun>

export const JsonRunEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('trace'), entry: RepairTrace }),
  z.object({ type: z.literal('claude'), progress: ClaudeProgress }),
])
export type JsonRunEvent = z.infer<typeof JsonRunEvent>

export const JsonGenerateOutcome = z.object({ answer: z.string(), result: RepairResult })
export type JsonGenerateOutcome = z.infer<typeof JsonGenerateOutcome>

/** Many inputs at once: one per JSONL line, or one per CSV row (the row as an object by header). */
export const JsonBatchRun = z
  .object({
    text: z.string().max(8_000_000),
    format: z.enum(['jsonl', 'csv']),
    schema: JsonSchemaObject,
    options: RepairOptions.optional(),
    claude: z.boolean().optional(),
  })
  .strict()
export type JsonBatchRun = z.infer<typeof JsonBatchRun>

export const JsonBatchEvent = z.object({
  type: z.literal('batch'),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  valid: z.number().int().min(0),
  failed: z.number().int().min(0),
})
export type JsonBatchEvent = z.infer<typeof JsonBatchEvent>

/** One JSONL line per input, in order: `{line, ok, value?, errors?, step?, calls}`. */
export const JsonBatchOutcome = z.object({
  jsonl: z.string(),
  total: z.number().int().min(0),
  valid: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Inputs left when the batch was stopped; their lines are absent. */
  skipped: z.number().int().min(0),
})
export type JsonBatchOutcome = z.infer<typeof JsonBatchOutcome>

export const SchemaCheck = z.object({ dialect: z.enum(['2020-12', '2019-09', 'draft-07']), warnings: z.array(z.string()) })
export type SchemaCheck = z.infer<typeof SchemaCheck>

/** A schema in the user's library; built-in examples cannot be changed or deleted. */
export const SavedSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(120),
  schema: JsonSchemaObject,
  builtIn: z.boolean(),
  updatedAt: z.number(),
})
export type SavedSchema = z.infer<typeof SavedSchema>

export const SchemaDraft = z
  .object({ id: z.string().min(1).max(100).optional(), name: z.string().trim().min(1).max(120), schema: JsonSchemaObject })
  .strict()
export type SchemaDraft = z.infer<typeof SchemaDraft>
