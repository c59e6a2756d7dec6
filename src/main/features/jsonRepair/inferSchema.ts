import { DEFAULT_REPAIR_LIMITS, type JsonSchemaObject } from '../../../shared/domain/jsonRepair.ts'
import { jsonType, nestingDepth } from './jsonValue.ts'
import { tooDeep } from './limits.ts'

/**
 * A draft 2020-12 schema that a JSON sample satisfies: its types, every key of an object required,
 * the items of an array merged into one schema (keys seen in only some items become optional,
 * integers and numbers together become numbers, different types become a type list or anyOf).
 */
export function inferSchema(sample: unknown, maxDepth = DEFAULT_REPAIR_LIMITS.maxDepth): JsonSchemaObject {
  if (nestingDepth(sample, maxDepth) > maxDepth) throw tooDeep('JSON', maxDepth)
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...render(shapeOf(sample)) }
}

/** The types seen at one place in the sample, each with what was seen inside it. */
type Shape = Map<string, Detail>
type Detail =
  { kind: 'object'; properties: Map<string, Shape>; required: Set<string> } | { kind: 'array'; items?: Shape } | { kind: 'scalar' }

function shapeOf(value: unknown): Shape {
  const type = jsonType(value)
  if (type === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    const properties = new Map(entries.map(([key, child]) => [key, shapeOf(child)]))
    return new Map([[type, { kind: 'object', properties, required: new Set(properties.keys()) }]])
  }
  if (type === 'array') {
    const items = (value as unknown[]).reduce<Shape | undefined>((merged, item) => merge(merged, shapeOf(item)), undefined)
    return new Map([[type, { kind: 'array', items }]])
  }
  return new Map([[type, { kind: 'scalar' }]])
}

function merge(a: Shape | undefined, b: Shape): Shape {
  if (!a) return b
  const merged = new Map(a)
  for (const [type, detail] of b) {
    const seen = merged.get(type)
    merged.set(type, seen ? mergeDetail(seen, detail) : detail)
  }
  if (merged.has('number')) merged.delete('integer')
  return merged
}

function mergeDetail(a: Detail, b: Detail): Detail {
  if (a.kind === 'object' && b.kind === 'object') {
    const properties = new Map(a.properties)
    for (const [key, shape] of b.properties) properties.set(key, merge(properties.get(key), shape))
    return { kind: 'object', properties, required: new Set([...a.required].filter((key) => b.required.has(key))) }
  }
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', items: b.items ? merge(a.items, b.items) : a.items }
  return a
}

function render(shape: Shape): JsonSchemaObject {
  const members = [...shape].map(([type, detail]) => renderOne(type, detail))
  if (members.length === 1) return members[0]!
  const detailed = members.filter((member) => Object.keys(member).length > 1)
  if (detailed.length > 1) return { anyOf: members }
  const { type: _one, ...keywords } = detailed[0] ?? {}
  return { type: members.map((member) => member.type), ...keywords }
}

function renderOne(type: string, detail: Detail): JsonSchemaObject {
  if (detail.kind === 'object') {
    const properties = Object.fromEntries([...detail.properties].map(([key, shape]) => [key, render(shape)]))
    const required = [...detail.properties.keys()].filter((key) => detail.required.has(key))
    return { type, properties, ...(required.length > 0 ? { required } : {}) }
  }
  if (detail.kind === 'array' && detail.items) return { type, items: render(detail.items) }
  return { type }
}
