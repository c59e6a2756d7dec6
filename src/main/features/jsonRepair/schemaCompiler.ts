import AjvDraft07 from 'ajv'
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv'
import Ajv2019 from 'ajv/dist/2019.js'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { AppError } from '../../../shared/ipc/errors.ts'
import { localRefPointer, pointerFragment, valueAt } from './jsonPointer.ts'

/**
 * Worker side: compiles a schema with the ajv build its `$schema` asks for and keeps the result per
 * schema hash, since compiled validators cannot leave the thread that made them.
 */

export type Dialect = '2020-12' | '2019-09' | 'draft-07'

export interface CompiledSchema {
  dialect: Dialect
  validate: ValidateFunction
  /** Errors of a value against the sub-schema at a JSON Pointer; undefined when ajv cannot check that part alone. */
  errorsAt(pointer: string, value: unknown): ErrorObject[] | undefined
  /** The root's `type`, following a root `$ref`; undefined when the schema does not say. */
  rootTypes: string[] | undefined
  warnings: string[]
}

const KEY = 'urn:instruct-desk:schema'
const CACHE_SIZE = 16
const cache = new Map<string, CompiledSchema>()

const ajvFor: Record<Dialect, typeof Ajv2020> = { '2020-12': Ajv2020, '2019-09': Ajv2019, 'draft-07': AjvDraft07 }

export function dialectOf(schema: AnySchemaObject): Dialect {
  const declared = schema.$schema
  if (declared === undefined) return '2020-12'
  if (typeof declared === 'string') {
    if (/json-schema\.org\/draft\/2020-12\/schema#?$/.test(declared)) return '2020-12'
    if (/json-schema\.org\/draft\/2019-09\/schema#?$/.test(declared)) return '2019-09'
    if (/json-schema\.org\/draft-07\/schema#?$/.test(declared)) return 'draft-07'
  }
  throw new AppError({
    code: 'SCHEMA_INVALID',
    message: `The schema declares "$schema": ${JSON.stringify(declared)}, a JSON Schema version this app does not check.`,
    hint: 'Use https://json-schema.org/draft/2020-12/schema or http://json-schema.org/draft-07/schema#, or leave "$schema" out for 2020-12.',
  })
}

export function compiledSchema(hash: string, schema: AnySchemaObject): CompiledSchema {
  const cached = cache.get(hash)
  if (cached) {
    cache.delete(hash)
    cache.set(hash, cached)
    return cached
  }
  const compiled = compile(schema)
  cache.set(hash, compiled)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  return compiled
}

function compile(schema: AnySchemaObject): CompiledSchema {
  const dialect = dialectOf(schema)
  const warnings: string[] = []
  const ajv = new ajvFor[dialect]({
    allErrors: true,
    // Real-world schemas carry keywords like "example"; unknown formats are reported as warnings instead.
    strict: false,
    logger: { log: () => undefined, warn: (...args: unknown[]) => warnings.push(args.join(' ')), error: () => undefined },
  })
  addFormats(ajv)
  // The dialect is chosen; the declared meta-schema URI may be spelled in ways ajv does not know.
  const { $schema: _declared, ...body } = schema
  let validate: ValidateFunction | undefined
  try {
    ajv.addSchema(body, KEY)
    validate = ajv.getSchema(KEY)
  } catch (error) {
    throw invalid(error instanceof RangeError ? 'it is nested too deeply to compile' : errorText(error))
  }
  if (!validate) throw invalid('ajv could not compile it')
  if ((validate as { $async?: boolean }).$async) throw invalid('"$async" schemas are not supported')
  const errorsAt = (pointer: string, value: unknown): ErrorObject[] | undefined => {
    if (pointer === '') return validate(value) ? [] : (validate.errors ?? [])
    try {
      const part = ajv.getSchema(`${KEY}${pointerFragment(pointer)}`)
      if (!part || (part as { $async?: boolean }).$async) return undefined
      return part(value) ? [] : (part.errors ?? [])
    } catch {
      return undefined
    }
  }
  return { dialect, validate, errorsAt, rootTypes: rootTypes(schema), warnings }
}

function rootTypes(schema: AnySchemaObject): string[] | undefined {
  let node: unknown = schema
  for (let hops = 0; hops < 16 && node && typeof node === 'object'; hops++) {
    const { type, $ref } = node as { type?: unknown; $ref?: unknown }
    if (typeof type === 'string') return [type]
    if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string')
    const pointer = typeof $ref === 'string' ? localRefPointer($ref) : undefined
    if (pointer === undefined) return undefined
    node = valueAt(schema, pointer)
  }
  return undefined
}

/** ajv's words, less its internals: "schema is invalid: data/type must be …" → "/type must be …". */
function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message
    .replace(/^schema is invalid: /, '')
    .replace(/\bdata(?=\/)/g, '')
    .replace(/\bdata\b/g, '(root)')
    .replace(` from id ${KEY}`, '')
    .replace(/\.$/, '')
}

function invalid(reason: string): AppError {
  return new AppError({
    code: 'SCHEMA_INVALID',
    message: `The schema is not valid: ${reason}.`,
    hint: 'Fix the schema (it must be a JSON Schema object) and try again.',
  })
}
