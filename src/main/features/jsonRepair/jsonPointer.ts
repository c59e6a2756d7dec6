/** JSON Pointers (RFC 6901) for instance paths, and the URI-fragment form ajv reads for schema locations. */

function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1')
}

export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${pointerSegment(key)}`
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** `#/$defs/a b` → `#/%24defs/a%20b`: each segment percent-encoded, as URI fragments require. */
export function pointerFragment(pointer: string): string {
  return `#${pointerSegments(pointer)
    .map((part) => `/${encodeURIComponent(pointerSegment(part))}`)
    .join('')}`
}

/** The JSON Pointer a local `$ref` (`#`, `#/…`) names, or undefined for refs to other documents and anchors. */
export function localRefPointer(ref: string): string | undefined {
  if (ref !== '#' && !ref.startsWith('#/')) return undefined
  try {
    const parts = ref
      .slice(2)
      .split('/')
      .map((part) => decodeURIComponent(part))
    return ref === '#' ? '' : `/${parts.join('/')}`
  } catch {
    return undefined
  }
}

/** What sits at a pointer inside a parsed JSON value or schema; undefined when the path does not exist. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root
  for (const part of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return node
}
