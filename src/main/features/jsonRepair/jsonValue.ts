import { tooDeep } from './limits.ts'

/** Facts about parsed JSON values that several steps need. */

export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

export function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/** Equality of JSON values (key order ignored), as JSON Schema's enum and const compare them. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** Nesting of objects and arrays (a scalar is 0), counted without recursion and given up on once past `stopAfter`. */
export function nestingDepth(value: unknown, stopAfter: number): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (!isContainer(node)) continue
    deepest = Math.max(deepest, depth + 1)
    if (deepest > stopAfter) return deepest
    for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return deepest
}

/** The value, if its objects and arrays nest at most maxDepth deep. */
export function withinDepth(value: unknown, maxDepth: number): unknown {
  if (nestingDepth(value, maxDepth) > maxDepth) throw tooDeep('JSON', maxDepth)
  return value
}
