import type { AnySchemaObject } from 'ajv'
import type { PlainError, RepairCandidate, RepairChange } from '../../../shared/domain/jsonRepair.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import { scanCandidates } from './extractCandidates.ts'
import { tooDeep } from './limits.ts'
import { plainErrors } from './plainErrors.ts'
import { coerceToSchema } from './schemaCoercion.ts'
import { compiledSchema, type Dialect } from './schemaCompiler.ts'
import { parseStrict, repairSyntax, type ParseOutcome } from './syntaxRepair.ts'

/**
 * The JSON repair's worker tasks (see appTasks.ts). Everything that touches untrusted text or an
 * untrusted schema runs here, under the pool's time limit: a catastrophic `pattern`, a slow
 * jsonrepair or a huge value stops one worker, not the app.
 */

export interface SchemaRef {
  /** Hash of the schema's canonical text: the key of the worker's compiled-validator cache. */
  hash: string
  schema: AnySchemaObject
}

export interface SchemaSummary {
  dialect: Dialect
  rootTypes: string[] | undefined
  warnings: string[]
}

export function compileJsonSchema(input: SchemaRef): SchemaSummary {
  const { dialect, rootTypes, warnings } = compiledSchema(input.hash, input.schema)
  return { dialect, rootTypes, warnings }
}

export function findJsonCandidates(input: { text: string; maxDepth: number; maxCandidates: number }): RepairCandidate[] {
  const { candidates, depth } = scanCandidates(input.text, input.maxCandidates)
  if (depth > input.maxDepth) throw tooDeep('JSON', input.maxDepth, depth)
  return candidates
}

export interface ParseInput {
  text: string
  /** false: JSON.parse only; true: jsonrepair. */
  repair: boolean
  rootTypes: string[] | undefined
  maxDepth: number
  /** Where `text` starts in the input, so syntax edits point into the input. */
  offset: number
}

export function parseJsonCandidate(input: ParseInput): ParseOutcome {
  return input.repair ? repairSyntax(input.text, input.rootTypes, input.maxDepth, input.offset) : parseStrict(input.text, input.maxDepth)
}

export interface CheckOutcome {
  valid: boolean
  /** The value as given, or coerced when coercion made it valid or left it with fewer errors. */
  value: unknown
  changes: RepairChange[]
  errors: PlainError[]
  /** All of ajv's errors, where `errors` holds the first ones in words. */
  errorCount: number
}

/** ajv on the value; if it fails, schema-guided coercion and ajv again. */
export function checkJsonValue(input: SchemaRef & { value: unknown }): CheckOutcome {
  try {
    return checkAndCoerce(input)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    throw new AppError({
      code: 'SCHEMA_INVALID',
      message: 'The schema cannot check this value: it refers to itself without end (a $ref loop), or the value nests too deeply for it.',
      hint: 'Make every $ref cycle in the schema pass through a property or an array item.',
    })
  }
}

function checkAndCoerce(input: SchemaRef & { value: unknown }): CheckOutcome {
  const { validate, errorsAt } = compiledSchema(input.hash, input.schema)
  if (validate(input.value)) return { valid: true, value: input.value, changes: [], errors: [], errorCount: 0 }
  const before = [...(validate.errors ?? [])]
  const count = (pointer: string, value: unknown) => errorsAt(pointer, value)?.length
  const coerced = coerceToSchema(input.value, input.schema, count)
  if (coerced.changes.length === 0) return failed(input.value, before, [])
  if (validate(coerced.value)) return { valid: true, value: coerced.value, changes: coerced.changes, errors: [], errorCount: 0 }
  const after = [...(validate.errors ?? [])]
  return after.length < before.length ? failed(coerced.value, after, coerced.changes) : failed(input.value, before, [])
}

function failed(value: unknown, errors: Parameters<typeof plainErrors>[0], changes: RepairChange[]): CheckOutcome {
  return { valid: false, value, changes, errors: plainErrors(errors, value), errorCount: errors.length }
}
