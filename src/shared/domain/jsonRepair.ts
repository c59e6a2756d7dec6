import { z } from 'zod'
import { ErrorInfo } from '../ipc/errors.ts'
import { ModelName } from './models.ts'

/**
 * Which step produced a value: the text as is, a span taken out of it, jsonrepair, schema-guided
 * coercion, the local model, or Claude. A result names the last step its value needed.
 */
export const RepairStep = z.enum(['parse', 'extract', 'syntax', 'coerce', 'model', 'claude'])
export type RepairStep = z.infer<typeof RepairStep>

/** Where a candidate came from: the whole text, a ``` fence, or a balanced {…}/[…] span in prose. */
export const CandidateSource = z.enum(['whole', 'fence', 'span'])
export type CandidateSource = z.infer<typeof CandidateSource>

/** A stretch of the input that may hold the JSON; offsets are UTF-16 code units into the input. */
export const RepairCandidate = z.object({
  source: CandidateSource,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** The text ended before the span closed (an answer cut off mid-value). */
  truncated: z.boolean().optional(),
})
export type RepairCandidate = z.infer<typeof RepairCandidate>

export const ChangeKind = z.enum([
  /** Text jsonrepair inserted or removed; `at` is the offset in the text it repaired. */
  'syntax',
  'number-from-string',
  'boolean-from-string',
  'string-from-scalar',
  /** A string matched an allowed value only when case and surrounding spaces are ignored. */
  'enum-case',
  'wrap-in-array',
  /** A property the schema forbids (`additionalProperties: false`). */
  'drop-property',
  /** `null` for an optional property whose schema does not allow null. */
  'drop-null',
  /** What a model changed, value by value, relative to the best candidate it was shown. */
  'add',
  'remove',
  'replace',
])
export type ChangeKind = z.infer<typeof ChangeKind>

/** One change for the diff view. `path` is a JSON Pointer into the value ('' is the root). */
export const RepairChange = z.object({
  path: z.string(),
  kind: ChangeKind,
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  at: z.number().int().min(0).optional(),
})
export type RepairChange = z.infer<typeof RepairChange>

/** A schema violation in words: `{path: '/items/0/priority', message: 'must be one of: low, medium, high'}`. */
export const PlainError = z.object({ path: z.string(), message: z.string() })
export type PlainError = z.infer<typeof PlainError>

export const RepairLimits = z.object({
  maxInputBytes: z.number().int().min(1),
  maxSchemaBytes: z.number().int().min(1),
  /** Deepest nesting of objects and arrays, in the input and in any value produced. */
  maxDepth: z.number().int().min(1).max(10_000),
  /** Budget for the steps without a model, per text checked (the input, then each model answer). */
  timeMs: z.number().int().min(1),
})
export type RepairLimits = z.infer<typeof RepairLimits>

export const DEFAULT_REPAIR_LIMITS: RepairLimits = {
  maxInputBytes: 5_000_000,
  maxSchemaBytes: 1_000_000,
  maxDepth: 512,
  timeMs: 10_000,
}

export const DEFAULT_REPAIR_MODEL = 'qwen2.5:7b-instruct'
export const DEFAULT_REPAIR_ATTEMPTS = 2

export const RepairOptions = z
  .object({
    /** Skip the local model; Claude still runs when the host supplies it. */
    noModel: z.boolean(),
    model: ModelName,
    /** Local model calls at most (an answer cut off by num_predict counts as one). */
    attempts: z.number().int().min(1).max(5),
    limits: RepairLimits.partial(),
  })
  .partial()
export type RepairOptions = z.infer<typeof RepairOptions>

/** A JSON Schema (2020-12 by default, draft-07 or 2019-09 when `$schema` says so). */
export const JsonSchemaObject = z.record(z.string(), z.unknown())
export type JsonSchemaObject = z.infer<typeof JsonSchemaObject>

export const RepairRequest = z.object({ text: z.string(), schema: JsonSchemaObject, options: RepairOptions.optional() })
export type RepairRequest = z.infer<typeof RepairRequest>

/** `running`: a model call has started (it can take a while); its outcome follows in a later entry. */
export const TraceOutcome = z.enum(['running', 'valid', 'invalid', 'failed', 'skipped'])
export type TraceOutcome = z.infer<typeof TraceOutcome>

/** One thing the pipeline did, in order, for the "what happened" view and live progress. */
export const RepairTrace = z.object({
  step: RepairStep,
  outcome: TraceOutcome,
  /** One plain sentence: "Parsed the ```json fence; 2 values do not fit the schema." */
  detail: z.string(),
  /** Index into the result's `candidates`. */
  candidate: z.number().int().min(0).optional(),
  /** Model call number, from 1. */
  attempt: z.number().int().min(1).optional(),
  errors: z.array(PlainError).optional(),
  /** Why a step could not run (the model is not installed, Claude refused the key…). */
  error: ErrorInfo.optional(),
  ms: z.number().min(0),
})
export type RepairTrace = z.infer<typeof RepairTrace>

const common = {
  /** Model calls made: local model and Claude together. */
  calls: z.number().int().min(0),
  ms: z.number().min(0),
  trace: z.array(RepairTrace),
  /** Things about the schema worth knowing, e.g. an unknown format that is not checked. */
  warnings: z.array(z.string()),
}

export const RepairSuccess = z.object({
  ok: z.literal(true),
  /** Valid against the schema, as ajv checked it. */
  value: z.unknown(),
  step: RepairStep,
  changes: z.array(RepairChange),
  /** Texts checked against the schema: each candidate of the input, then each model answer. */
  attempts: z.number().int().min(0),
  candidates: z.array(RepairCandidate).optional(),
  /** Index into `candidates` of the span the value came from; absent when a model wrote it. */
  candidate: z.number().int().min(0).optional(),
  ...common,
})
export type RepairSuccess = z.infer<typeof RepairSuccess>

export const RepairFailure = z.object({
  ok: z.literal(false),
  /** The value that came closest (fewest schema errors), when any text parsed at all. */
  best: z.unknown().optional(),
  errors: z.array(PlainError),
  steps: z.array(RepairStep),
  ...common,
})
export type RepairFailure = z.infer<typeof RepairFailure>

export const RepairResult = z.discriminatedUnion('ok', [RepairSuccess, RepairFailure])
export type RepairResult = z.infer<typeof RepairResult>
