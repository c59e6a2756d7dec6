import { createHash } from 'node:crypto'
import type { AnySchemaObject } from 'ajv'
import type { RepairLimits } from '../../../shared/domain/jsonRepair.ts'
import { AppError } from '../../../shared/ipc/errors.ts'
import type { AppWorkerPool } from '../../workers/appWorker.ts'
import type { SchemaRef, SchemaSummary } from './jsonTasks.ts'
import { nestingDepth } from './jsonValue.ts'
import { checkSize, tooDeep } from './limits.ts'

export interface PreparedSchema extends SchemaRef, SchemaSummary {}

const summaries = new Map<string, SchemaSummary>()
const REMEMBERED = 64

/**
 * Checks a schema's shape and size here, names it by the hash of its canonical text, and has a
 * worker compile it (once per hash; the worker keeps the validator). The depth is checked before
 * anything recursive touches the schema, including the structured clone that carries it to the worker.
 */
export async function prepareSchema(
  schema: unknown,
  limits: RepairLimits,
  pool: AppWorkerPool,
  signal: AbortSignal | undefined,
): Promise<PreparedSchema> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new AppError({
      code: 'SCHEMA_INVALID',
      message: 'The schema must be a JSON object.',
      hint: 'Paste a JSON Schema such as {"type": "object", "properties": {…}}, or infer one from a sample.',
    })
  }
  const depth = nestingDepth(schema, limits.maxDepth)
  if (depth > limits.maxDepth) throw tooDeep('schema', limits.maxDepth)
  const canonical = canonicalJson(schema)
  checkSize('schema', Buffer.byteLength(canonical), limits.maxSchemaBytes)
  const hash = createHash('sha256').update(canonical).digest('hex')
  const ref: SchemaRef = { hash, schema: schema as AnySchemaObject }
  let summary = summaries.get(hash)
  if (!summary) {
    summary = await pool.run('compileJsonSchema', ref, { label: 'compiling the schema', timeoutMs: limits.timeMs, signal })
    summaries.set(hash, summary)
    if (summaries.size > REMEMBERED) summaries.delete(summaries.keys().next().value as string)
  }
  return { ...ref, ...summary }
}

/** The same text for the same schema whatever its key order, so equal schemas share one compiled validator. */
function canonicalJson(value: object): string {
  return JSON.stringify(value, (_key, node: unknown) =>
    node && typeof node === 'object' && !Array.isArray(node)
      ? Object.fromEntries(Object.entries(node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : node,
  )
}
