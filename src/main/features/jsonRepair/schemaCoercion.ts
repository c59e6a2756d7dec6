import type { RepairChange } from '../../../shared/domain/jsonRepair.ts'
import { childPointer, localRefPointer, valueAt } from './jsonPointer.ts'
import { coerceScalar } from './scalarCoercion.ts'

/**
 * Schema-guided coercion: walks the value beside the schema (following local `$ref`s, `allOf`,
 * each `anyOf`/`oneOf` branch, properties, items) and fixes what a model typically gets wrong
 * without losing information. It only proposes; ajv decides afterwards whether the value is valid.
 */

type Schema = Record<string, unknown>

/** How many errors a value has against the sub-schema at a JSON Pointer; undefined when that cannot be checked. */
export type ErrorCounter = (schemaPointer: string, value: unknown) => number | undefined

interface Walk {
  root: Schema
  count: ErrorCounter
  changes: RepairChange[]
}

/** Where the walk is: the instance path, the schema's pointer, and the refs followed without descending (cycle guard). */
interface At {
  path: string
  pointer: string
  refs: ReadonlySet<string>
}

export function coerceToSchema(value: unknown, root: Schema, count: ErrorCounter): { value: unknown; changes: RepairChange[] } {
  const walk: Walk = { root, count, changes: [] }
  const coerced = visit(walk, value, root, { path: '', pointer: '', refs: new Set() })
  return { value: coerced, changes: walk.changes }
}

function visit(walk: Walk, value: unknown, schema: unknown, at: At): unknown {
  if (!isRecord(schema)) return value
  let result = coerceScalar(value, schema, at.path, walk.changes)
  const ref = typeof schema.$ref === 'string' ? localRefPointer(schema.$ref) : undefined
  if (ref !== undefined && !at.refs.has(ref)) {
    result = visit(walk, result, valueAt(walk.root, ref), { ...at, pointer: ref, refs: new Set([...at.refs, ref]) })
  }
  for (const [index, part] of arrayOf(schema.allOf).entries()) {
    result = visit(walk, result, part, { ...at, pointer: `${at.pointer}/allOf/${index}` })
  }
  for (const keyword of ['anyOf', 'oneOf']) {
    const branches = arrayOf(schema[keyword])
    if (branches.length > 0) result = chooseBranch(walk, result, branches, { ...at, pointer: `${at.pointer}/${keyword}` })
  }
  if (isRecord(result)) return visitObject(walk, result, schema, at)
  if (Array.isArray(result)) return visitArray(walk, result, schema, at)
  return result
}

/**
 * Leaves a value that already fits some branch alone. Otherwise coerces it for each branch and keeps
 * the first that then fits, else the one left with the fewest errors, if fewer than it had before.
 */
function chooseBranch(walk: Walk, value: unknown, branches: unknown[], at: At): unknown {
  const pointers = branches.map((_, index) => `${at.pointer}/${index}`)
  const before = pointers.map((pointer) => walk.count(pointer, value))
  if (before.includes(0)) return value
  let best: { value: unknown; changes: RepairChange[]; errors: number } | undefined
  for (const [index, branch] of branches.entries()) {
    const pointer = pointers[index]!
    const trial: Walk = { ...walk, changes: [] }
    const coerced = visit(trial, value, branch, { ...at, pointer })
    const after = walk.count(pointer, coerced)
    const had = before[index]
    if (after === undefined || had === undefined || trial.changes.length === 0 || after >= had) continue
    if (!best || after < best.errors) best = { value: coerced, changes: trial.changes, errors: after }
    if (after === 0) break
  }
  if (!best) return value
  walk.changes.push(...best.changes)
  return best.value
}

function visitObject(walk: Walk, object: Record<string, unknown>, schema: Schema, at: At): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {}
  const patterns = Object.entries(isRecord(schema.patternProperties) ? schema.patternProperties : {}).flatMap(([source, sub]) => {
    const regex = safeRegex(source)
    return regex ? [{ regex, source, sub }] : []
  })
  const required = new Set(arrayOf(schema.required))
  const entries: [string, unknown][] = []
  for (const [key, child] of Object.entries(object)) {
    const path = childPointer(at.path, key)
    const subs: { schema: unknown; pointer: string }[] = []
    if (Object.hasOwn(properties, key)) subs.push({ schema: properties[key], pointer: childPointer(`${at.pointer}/properties`, key) })
    for (const p of patterns) {
      if (p.regex.test(key)) subs.push({ schema: p.sub, pointer: childPointer(`${at.pointer}/patternProperties`, p.source) })
    }
    if (subs.length === 0 && schema.additionalProperties === false) {
      walk.changes.push({ path, kind: 'drop-property', before: child })
      continue
    }
    if (subs.length === 0 && isRecord(schema.additionalProperties)) {
      subs.push({ schema: schema.additionalProperties, pointer: `${at.pointer}/additionalProperties` })
    }
    if (child === null && !required.has(key) && subs.length > 0 && subs.every((s) => (walk.count(s.pointer, null) ?? 0) > 0)) {
      walk.changes.push({ path, kind: 'drop-null', before: null })
      continue
    }
    let next = child
    for (const sub of subs) next = visit(walk, next, sub.schema, { path, pointer: sub.pointer, refs: new Set() })
    entries.push([key, next])
  }
  // fromEntries defines own properties, so a "__proto__" key stays data instead of becoming a prototype.
  return Object.fromEntries(entries)
}

function visitArray(walk: Walk, array: unknown[], schema: Schema, at: At): unknown[] {
  // 2020-12 spells tuples prefixItems + items; draft-07 spells them items[] + additionalItems.
  const tupleKeyword = Array.isArray(schema.prefixItems) ? 'prefixItems' : 'items'
  const tuple = arrayOf(schema[tupleKeyword])
  const restKeyword = Array.isArray(schema.items) ? 'additionalItems' : 'items'
  const rest = schema[restKeyword]
  return array.map((item, index) => {
    const path = childPointer(at.path, index)
    if (index < tuple.length)
      return visit(walk, item, tuple[index], { path, pointer: `${at.pointer}/${tupleKeyword}/${index}`, refs: new Set() })
    return visit(walk, item, rest, { path, pointer: `${at.pointer}/${restKeyword}`, refs: new Set() })
  })
}

/** A JSON object: a schema, or an object inside the value. */
function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u')
  } catch {
    return undefined
  }
}
