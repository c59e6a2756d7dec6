import type { SchemaCheck } from '../../../shared/domain/jsonJobs.ts'
import type { JsonSchemaObject, RepairLimits } from '../../../shared/domain/jsonRepair.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import { inferSchema } from './inferSchema.ts'
import { checkSize } from './limits.ts'
import { prepareSchema } from './preparedSchema.ts'

/** The schema editor's helpers: both do their work in the pool, as a repair would. */

/** Compiles the schema as a repair would; SCHEMA_INVALID carries ajv's own words. */
export async function checkSchema(schema: unknown, limits: RepairLimits, pool: AppWorkerPool, signal?: AbortSignal): Promise<SchemaCheck> {
  const { dialect, warnings } = await prepareSchema(schema, limits, pool, signal)
  return { dialect, warnings }
}

/** A schema that a JSON sample satisfies; a sample that is not JSON is refused with where it goes wrong. */
export async function inferSchemaFromSample(
  json: string,
  limits: RepairLimits,
  pool: AppWorkerPool,
  signal?: AbortSignal,
): Promise<JsonSchemaObject> {
  checkSize('text', Buffer.byteLength(json), limits.maxInputBytes)
  // Parsed in a worker: a huge or deeply nested sample must not stall the main thread.
  const parsed = await pool.run(
    'parseJsonCandidate',
    { text: json, repair: false, rootTypes: undefined, maxDepth: limits.maxDepth, offset: 0 },
    { label: 'reading the sample', timeoutMs: limits.timeMs, signal },
  )
  if (!parsed.ok) throw notJson(json, parsed.reason)
  return inferSchema(parsed.value, limits.maxDepth)
}

function notJson(json: string, reason: string): AppError {
  if (json.trim() === '') {
    return new AppError({
      code: 'BAD_REQUEST',
      message: 'The sample is empty.',
      hint: 'Paste a JSON value such as {"name": "Ada", "age": 36}.',
    })
  }
  const position = errorOffset(json, reason)
  const where = position === undefined ? '' : ` at ${lineAndColumn(json, position)}`
  // V8's words, without the position (said in lines and columns instead) or its quote of the whole text.
  const detail = reason
    .replace(/^it is not valid JSON \((.*)\)$/s, '$1')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, '')
    .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '')
    .replace(/^Unexpected token '([\s\S])'/, (_whole, token: string) => `Unexpected ${JSON.stringify(token)}`)
  return new AppError({
    code: 'BAD_REQUEST',
    message: `The sample is not JSON${where}: ${detail}.`,
    hint: 'Give a valid JSON example of the data (it is only used to infer a schema). To fix broken JSON, repair it against a schema instead.',
  })
}

/** Searched for at most in samples this long; past it, the message goes without a place. */
const SEARCHED_CHARS = 1_000_000

/**
 * Where JSON.parse gave up. V8 says so for most errors but not for an unexpected token; then the
 * shortest prefix that fails for a reason other than ending too soon ends just past the bad character.
 */
function errorOffset(json: string, reason: string): number | undefined {
  const stated = /at position (\d+)/.exec(reason)?.[1]
  if (stated !== undefined) return Number(stated)
  if (/Unexpected end of JSON input/.test(reason)) return json.length
  if (json.length > SEARCHED_CHARS) return undefined
  let low = 0
  let high = json.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (failsBeforeEnd(json.slice(0, middle + 1))) high = middle
    else low = middle + 1
  }
  return low
}

/** True when the text is wrong already, not merely unfinished. */
function failsBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix)
    return false
  } catch (error) {
    const message = (error as Error).message
    if (/Unexpected end of JSON input/.test(message)) return false
    const stated = /at position (\d+)/.exec(message)?.[1]
    return stated === undefined || Number(stated) < prefix.length
  }
}

/** "line 3, column 7", both from 1, for an offset into the text. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - (before.lastIndexOf('\n') + 1) + 1
  return `line ${line}, column ${column}`
}
