import type { ExtractedDocument } from '../../../shared/domain/documents.ts'
import type { CharRange, PageSpan } from '../../../shared/domain/summary.ts'
import { documentAtoms, type CountsTokens } from './documentAtoms.ts'
import { packAtoms } from './packAtoms.ts'

/** One model call's share of the document. */
export interface PlannedChunk {
  range: CharRange
  pages?: PageSpan
  sections: string[]
  /** Exact tokens of the chunk's text, counted whole. */
  tokens: number
}

export interface ChunkPlan {
  chunks: PlannedChunk[]
  /** Tokens of the planned text: the sum of the chunks' exact counts. */
  tokens: number
  budget: number
}

/**
 * Pieces counted separately sum to a little more than their concatenation (a split can only cut a
 * pre-tokenizer piece in two), so a text whose pieces sum to up to this much over the budget may
 * still fit whole; it is counted whole to find out. Every packed chunk is counted whole too.
 */
const SPLIT_OVERCOUNT = 0.05

/**
 * Splits the document (or `range` of it) into chunks of at most `budget` tokens: one if it all fits,
 * else as few as the pieces allow, breaking at chapters, headings and pages first, then paragraphs,
 * sentences and, as a last resort, inside a sentence. Chunks are contiguous, in order, and cover the
 * range exactly; each carries its pages and section titles.
 */
export function planChunks(document: ExtractedDocument, budget: number, counter: CountsTokens, range?: CharRange): ChunkPlan {
  if (!(budget >= 1)) throw new Error(`A chunk budget of ${budget} tokens is too small to plan with`)
  const whole = range ?? { start: 0, end: document.text.length }
  const ranges = whole.end > whole.start ? fitRanges(document, whole, budget, budget, counter) : []
  const chunks = ranges.map(({ range: r, tokens }) => ({ range: r, tokens, sections: sectionTitles(document, r), ...pagesOf(document, r) }))
  return { chunks, tokens: chunks.reduce((sum, c) => sum + c.tokens, 0), budget }
}

/** Packs with `packBudget`, then re-plans any chunk whose exact count exceeds `limit` with a budget below what it held. */
function fitRanges(
  document: ExtractedDocument,
  range: CharRange,
  packBudget: number,
  limit: number,
  counter: CountsTokens,
): { range: CharRange; tokens: number }[] {
  const atoms = documentAtoms(document, range, packBudget, counter)
  const atomTokens = atoms.reduce((sum, a) => sum + a.tokens, 0)
  if (atomTokens <= packBudget * (1 + SPLIT_OVERCOUNT) + 8) {
    const tokens = counter.count(document.text.slice(range.start, range.end))
    if (tokens <= limit) return [{ range, tokens }]
  }
  return packAtoms(atoms, packBudget).flatMap(([first, last]) => {
    const span = { start: atoms[first]?.start ?? range.start, end: atoms[last - 1]?.end ?? range.end }
    const tokens = counter.count(document.text.slice(span.start, span.end))
    if (tokens <= limit) return [{ range: span, tokens }]
    const held = atoms.slice(first, last).reduce((sum, a) => sum + a.tokens, 0)
    const smaller = Math.min(packBudget, held) - (tokens - limit) - 1
    if (smaller < 1) throw new Error(`Could not fit text at ${span.start}–${span.end} into ${limit} tokens`)
    return fitRanges(document, span, smaller, limit, counter)
  })
}

/** Titles of the titled sections that overlap the range, in reading order. */
function sectionTitles(document: ExtractedDocument, range: CharRange): string[] {
  const titles: string[] = []
  for (const section of document.sections) {
    const title = section.title?.trim()
    if (title && section.start < range.end && section.end > range.start && titles.at(-1) !== title) titles.push(title)
  }
  return titles
}

/** First and last page the range is on: from the page table, else from the pages sections start on. */
function pagesOf(document: ExtractedDocument, range: CharRange): { pages?: PageSpan } {
  const numbers = document.pages
    ? document.pages.filter((p) => p.start < range.end && p.end > range.start).map((p) => p.number)
    : sectionPages(document, range)
  if (numbers.length === 0) return {}
  return { pages: { first: Math.min(...numbers), last: Math.max(...numbers) } }
}

function sectionPages(document: ExtractedDocument, range: CharRange): number[] {
  const paged = document.sections.filter((s) => s.page !== undefined)
  const current = paged.filter((s) => s.start <= range.start).at(-1)
  const inside = paged.filter((s) => s.start > range.start && s.start < range.end)
  return [current, ...inside].flatMap((s) => (s?.page === undefined ? [] : [s.page]))
}
