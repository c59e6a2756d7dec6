import type { ChangeKind, RepairChange } from '../../../shared/domain/jsonRepair.ts'
import { jsonType, sameJson } from './jsonValue.ts'

/**
 * One value against one schema node's `enum`, `const` and `type`: the conversions that keep the
 * meaning ("42" → 42, "Yes" → true, "HIGH" → "high", 7 → "7", x → [x]). Anything else is left
 * for ajv to report.
 */
export function coerceScalar(value: unknown, schema: Record<string, unknown>, path: string, changes: RepairChange[]): unknown {
  const change = (kind: ChangeKind, after: unknown): unknown => {
    changes.push({ path, kind, before: value, after })
    return after
  }
  const allowed = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined
  if (allowed) {
    if (allowed.some((a) => sameJson(a, value))) return value
    const match = allowedMatch(value, allowed)
    return match === undefined ? value : change('enum-case', match)
  }
  const types = typesOf(schema.type)
  if (!types || types.some((type) => fits(value, type))) return value
  if (typeof value === 'string') {
    const number = numberFrom(value, types)
    if (number !== undefined) return change('number-from-string', number)
    const boolean = types.includes('boolean') ? BOOLEAN_WORDS[value.trim().toLowerCase()] : undefined
    if (boolean !== undefined) return change('boolean-from-string', boolean)
  }
  if ((typeof value === 'number' || typeof value === 'boolean') && types.includes('string'))
    return change('string-from-scalar', String(value))
  if (types.includes('array') && value !== null && !Array.isArray(value)) return change('wrap-in-array', [value])
  return value
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false }
const NUMERIC = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/** A unique allowed value equal but for case and surrounding spaces, or for being a number written as a string (or back). */
function allowedMatch(value: unknown, allowed: unknown[]): unknown {
  let matches: unknown[] = []
  if (typeof value === 'string') {
    const wanted = value.trim().toLowerCase()
    matches = allowed.filter(
      (a) =>
        (typeof a === 'string' && a.trim().toLowerCase() === wanted) ||
        (typeof a === 'number' && NUMERIC.test(wanted) && Number(wanted) === a),
    )
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    matches = allowed.filter((a) => typeof a === 'string' && a.trim().toLowerCase() === String(value))
  }
  return matches.length === 1 ? matches[0] : undefined
}

function numberFrom(text: string, types: string[]): number | undefined {
  const trimmed = text.trim()
  if (!NUMERIC.test(trimmed)) return undefined
  const number = Number(trimmed)
  if (!Number.isFinite(number)) return undefined
  if (types.includes('number') || (types.includes('integer') && Number.isInteger(number))) return number
  return undefined
}

function typesOf(type: unknown): string[] | undefined {
  if (typeof type === 'string') return [type]
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string')
  return undefined
}

function fits(value: unknown, type: string): boolean {
  const actual = jsonType(value)
  return actual === type || (type === 'number' && actual === 'integer')
}
