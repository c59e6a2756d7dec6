import type { RepairCandidate } from '../../../shared/domain/jsonRepair.ts'

/**
 * Where JSON may sit in a model's answer: the whole text, ``` fences (```json first), and balanced
 * {…}/[…] spans in prose. Offsets only; the caller slices. Each search is one linear pass, so a
 * 5 MB answer costs milliseconds; the deepest nesting seen comes back for the depth limit.
 */
export interface CandidateScan {
  candidates: RepairCandidate[]
  depth: number
}

const BOM = '\uFEFF'
const JSON_FENCE = /^(json5?|jsonc|javascript|js)?$/i

export function scanCandidates(text: string, maxCandidates: number): CandidateScan {
  const found: RepairCandidate[] = []
  const seen = new Set<string>()
  // Compared without surrounding space, so a span equal to the whole text is not tried twice; the
  // whole text itself is kept as it is, since JSON.parse takes the space and its offsets say "all of it".
  const add = (candidate: RepairCandidate): void => {
    const trimmed = trimSpan(text, candidate)
    const key = `${trimmed.start}:${trimmed.end}`
    if (trimmed.end <= trimmed.start || seen.has(key) || found.length >= maxCandidates) return
    seen.add(key)
    found.push(candidate.source === 'whole' ? candidate : trimmed)
  }
  add({ source: 'whole', start: text.startsWith(BOM) ? 1 : 0, end: text.length })
  const fences = findFences(text)
  for (const fence of fences.filter((f) => JSON_FENCE.test(f.info))) add(fence.span)
  for (const fence of fences.filter((f) => !JSON_FENCE.test(f.info))) add(fence.span)
  const spans = findSpans(text, maxCandidates)
  for (const span of spans.spans) add(span)
  return { candidates: found, depth: spans.depth }
}

function trimSpan(text: string, span: RepairCandidate): RepairCandidate {
  let { start, end } = span
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  return { ...span, start, end }
}

interface Fence {
  info: string
  span: RepairCandidate
}

/** ``` blocks; one left open runs to the end, as an answer cut off inside its fence does. */
function findFences(text: string): Fence[] {
  const fences: Fence[] = []
  let from = 0
  for (;;) {
    const open = text.indexOf('```', from)
    if (open < 0) return fences
    const lineEnd = text.indexOf('\n', open)
    if (lineEnd < 0) return fences
    const close = text.indexOf('```', lineEnd)
    const end = close < 0 ? text.length : close
    const span: RepairCandidate = { source: 'fence', start: lineEnd + 1, end }
    if (close < 0) span.truncated = true
    fences.push({ info: text.slice(open + 3, lineEnd).trim(), span })
    if (close < 0) return fences
    from = close + 3
  }
}

/**
 * Outermost bracketed spans, string-aware inside them. A span that never closes runs to the end
 * and ends the search: it is an answer cut off mid-value, and the complete objects inside it must
 * not pass for the whole answer.
 */
function findSpans(text: string, limit: number): { spans: RepairCandidate[]; depth: number } {
  const spans: RepairCandidate[] = []
  let maxDepth = 0
  let at = 0
  while (spans.length < limit) {
    const start = nextOpening(text, at)
    if (start < 0) break
    const { end, depth } = closeOf(text, start)
    maxDepth = Math.max(maxDepth, depth)
    if (end < 0) {
      spans.push({ source: 'span', start, end: text.length, truncated: true })
      break
    }
    spans.push({ source: 'span', start, end })
    at = end
  }
  return { spans, depth: maxDepth }
}

function nextOpening(text: string, from: number): number {
  const brace = text.indexOf('{', from)
  const bracket = text.indexOf('[', from)
  if (brace < 0) return bracket
  if (bracket < 0) return brace
  return Math.min(brace, bracket)
}

/** The index just past the bracket that closes the one at `start` (-1 when none), and the deepest nesting inside. */
function closeOf(text: string, start: number): { end: number; depth: number } {
  let depth = 0
  let deepest = 0
  let quote: string | undefined
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
      continue
    }
    if (c === '"' || c === "'") quote = c
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth)
    else if (c === '}' || c === ']') {
      depth--
      if (depth === 0) return { end: i + 1, depth: deepest }
    }
  }
  return { end: -1, depth: deepest }
}
