/** Where a top-level entry begins: a key of the outer object (with its name) or an item of the outer array. */
export interface JsonEntry {
  offset: number
  key?: string
}

/**
 * Finds the top-level entries of valid JSON text in one pass, tracking only strings and nesting, so
 * a file of any size is mapped without building a second copy of it. An entry begins at its line's
 * start, or just after the comma before it when entries share a line.
 */
export function topLevelEntries(text: string): { container: 'object' | 'array' | undefined; entries: JsonEntry[] } {
  const entries: JsonEntry[] = []
  let container: 'object' | 'array' | undefined
  let depth = 0
  let inString = false
  let expectEntry = false
  let keyStart = -1
  let delimiter = 0
  let lastNewline = -1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i++
      else if (char === '"') {
        inString = false
        if (keyStart >= 0) {
          const entry = entries.at(-1)
          if (entry) entry.key = JSON.parse(text.slice(keyStart, i + 1)) as string
          keyStart = -1
        }
      }
      continue
    }
    if (char === '\n') lastNewline = i
    if (char === ' ' || char === '\n' || char === '\t' || char === '\r') continue
    if (expectEntry && char !== '}' && char !== ']') {
      expectEntry = false
      entries.push({ offset: Math.max(lastNewline + 1, delimiter + 1) })
      if (container === 'object') keyStart = i
    }
    if (char === '"') inString = true
    else if (char === '{' || char === '[') {
      depth++
      if (depth === 1) {
        container = char === '{' ? 'object' : 'array'
        expectEntry = true
        delimiter = i
      }
    } else if (char === '}' || char === ']') depth--
    else if (char === ',' && depth === 1) {
      expectEntry = true
      delimiter = i
    }
  }
  return { container, entries }
}
