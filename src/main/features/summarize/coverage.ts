import type { CoveragePart } from '../../../shared/domain/summary.ts'

/** `[C3]`, `[C2, C5]`, `[C2–C4; C7]`, `[C1 and C2]`: a bracket holding only chunk labels. */
const CITATION = /\s*\[\s*C\d+(?:\s*(?:,|;|-|–|—|and)\s*C?\d+)*\s*\]/gi
const LABEL_OR_RANGE = /C?(\d+)(?:\s*[-–—]\s*C?(\d+))?/gi
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/
/** A model that cites a range like [C1–C900] is not to be followed into a loop of that size. */
const MAX_RANGE = 1000

/**
 * The answer of a reduce call as parts (bullet points and paragraphs), each with the chunks it
 * says it draws on. Labels outside `group` (the chunks this call read) are ignored; a part that
 * names none is attributed to the whole group and marked inferred.
 */
export function sourcedParts(answer: string, group: readonly string[]): CoveragePart[] {
  const known = new Set(group)
  return splitParts(answer).map((raw) => {
    const cited = new Set<string>()
    for (const match of raw.matchAll(CITATION)) for (const id of labelsIn(match[0])) if (known.has(id)) cited.add(id)
    const text = withoutCitations(raw)
    return cited.size > 0
      ? { text, chunkIds: group.filter((id) => cited.has(id)), inferred: false }
      : { text, chunkIds: [...group], inferred: group.length > 1 }
  })
}

/** The answer as a reader should see it: source labels removed, the layout kept. */
export function withoutCitations(answer: string): string {
  return answer
    .replace(CITATION, '')
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]+$/gm, '')
    .trim()
}

/** Chunks that no part draws on, in chunk order. */
export function unreferenced(parts: readonly CoveragePart[], chunkIds: readonly string[]): string[] {
  const used = new Set(parts.flatMap((p) => p.chunkIds))
  return chunkIds.filter((id) => !used.has(id))
}

/**
 * Bullet points and paragraphs: a bullet line or a blank line starts a new part; other lines
 * continue the current one, and a line of labels alone belongs to the part before it.
 */
function splitParts(answer: string): string[] {
  const parts: string[][] = []
  let open = false
  for (const line of answer.split('\n')) {
    const text = line.trimEnd()
    const labelsOnly = text !== '' && withoutCitations(text) === ''
    if (text === '') open = false
    else if (labelsOnly && parts.length > 0) parts.at(-1)?.push(text)
    else if (open && !BULLET.test(text)) parts.at(-1)?.push(text)
    else {
      parts.push([text])
      open = true
    }
  }
  return parts.map((lines) => lines.join('\n')).filter((p) => withoutCitations(p) !== '')
}

function labelsIn(citation: string): string[] {
  const ids: string[] = []
  for (const [, from, to] of citation.matchAll(LABEL_OR_RANGE)) {
    const first = Number(from)
    const last = to === undefined ? first : Number(to)
    if (last < first || last - first > MAX_RANGE) continue
    for (let n = first; n <= last; n++) ids.push(`C${n}`)
  }
  return ids
}
