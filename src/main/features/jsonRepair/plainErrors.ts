import type { ErrorObject } from 'ajv'
import type { PlainError } from '../../../shared/domain/jsonRepair.ts'
import { valueAt } from './jsonPointer.ts'
import { jsonType } from './jsonValue.ts'

/** Shown at most; a value with thousands of errors is described by its first ones. */
const MAX_PLAIN_ERRORS = 50

/**
 * ajv's errors in words a person (and a model told to fix them) can act on, each at the path of the
 * value concerned: `{path: '/items/0/priority', message: 'must be one of: low, medium, high'}`.
 */
export function plainErrors(errors: readonly ErrorObject[], value: unknown): PlainError[] {
  const seen = new Set<string>()
  const plain: PlainError[] = []
  for (const error of errors) {
    const entry = { path: error.instancePath, message: describe(error, value) }
    const key = `${entry.path}\u0000${entry.message}`
    if (seen.has(key)) continue
    seen.add(key)
    plain.push(entry)
    if (plain.length === MAX_PLAIN_ERRORS) break
  }
  return plain
}

/** "/priority must be one of: low, medium, high"; the root is called "(root)". */
export function problemLine(error: PlainError): string {
  return `${error.path || '(root)'} ${error.message}`
}

function describe(error: ErrorObject, value: unknown): string {
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return `is missing required property ${quoted(p.missingProperty)}`
    case 'type':
      return `must be ${typeWords(p.type)}, not ${found(valueAt(value, error.instancePath))}`
    case 'enum':
      return `must be one of: ${listOf(p.allowedValues)}`
    case 'const':
      return `must be exactly ${JSON.stringify(p.allowedValue)}`
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `has property ${quoted(p.additionalProperty ?? p.unevaluatedProperty)}, which the schema does not allow`
    case 'format':
      return `must be ${FORMATS[String(p.format)] ?? `in the format "${String(p.format)}"`}`
    case 'pattern':
      return `must match the pattern ${String(p.pattern)}`
    case 'minLength':
      return `must be at least ${count(p.limit, 'character')} long`
    case 'maxLength':
      return `must be at most ${count(p.limit, 'character')} long`
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${COMPARISONS[String(p.comparison)] ?? String(p.comparison)} ${String(p.limit)}`
    case 'multipleOf':
      return `must be a multiple of ${String(p.multipleOf)}`
    case 'minItems':
      return `must have at least ${count(p.limit, 'item')}`
    case 'maxItems':
    case 'additionalItems':
    case 'unevaluatedItems':
      return `must have at most ${count(p.limit, 'item')}`
    case 'uniqueItems':
      return `must not repeat items (items ${String(p.j)} and ${String(p.i)} are the same)`
    case 'minProperties':
      return `must have at least ${count(p.limit, 'property', 'properties')}`
    case 'maxProperties':
      return `must have at most ${count(p.limit, 'property', 'properties')}`
    case 'dependentRequired':
    case 'dependencies':
      return `must have property ${quoted(p.missingProperty)} when ${quoted(p.property)} is present`
    case 'oneOf':
      return Array.isArray(p.passingSchemas)
        ? 'matches more than one of the allowed shapes (it must match exactly one)'
        : 'matches none of the allowed shapes'
    case 'anyOf':
      return 'matches none of the allowed shapes'
    case 'not':
      return 'matches a shape the schema rules out'
    case 'if':
      return `does not meet the schema's condition (its "${String(p.failingKeyword)}" part)`
    case 'propertyNames':
      return `has a property name the schema does not allow: ${quoted(p.propertyName)}`
    case 'contains':
      return `must contain at least ${count(p.minContains, 'matching item')}`
    case 'false schema':
      return 'is not allowed here'
    default:
      return error.message ?? `fails the schema's "${error.keyword}" rule`
  }
}

const FORMATS: Record<string, string> = {
  date: 'a date like 2024-05-31',
  time: 'a time like 14:30:00Z',
  'date-time': 'a date and time like 2024-05-31T14:30:00Z',
  duration: 'a duration like P3D or PT1H30M',
  email: 'an email address',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uri: 'an absolute URI like https://example.com/',
  'uri-reference': 'a URI reference',
  uuid: 'a UUID',
  regex: 'a regular expression',
}

const COMPARISONS: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'greater than', '<': 'less than' }

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
}

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',')
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ')
}

function found(value: unknown): string {
  const type = jsonType(value)
  if (type === 'null') return 'null'
  if (type === 'object' || type === 'array') return TYPE_WORDS[type] ?? type
  const shown = JSON.stringify(value)
  return `${TYPE_WORDS[type] ?? type} (${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown})`
}

function listOf(values: unknown): string {
  if (!Array.isArray(values)) return String(values)
  const plain = values.every((v) => typeof v === 'string' && /^[^\s,"][^,"]*$/.test(v) && !/\s$/.test(v))
  return values.map((v) => (plain ? String(v) : JSON.stringify(v))).join(', ')
}

function quoted(value: unknown): string {
  return JSON.stringify(String(value))
}

function count(n: unknown, noun: string, plural = `${noun}s`): string {
  return `${String(n)} ${Number(n) === 1 ? noun : plural}`
}
