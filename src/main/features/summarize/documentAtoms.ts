import type { ExtractedDocument } from '../../../shared/domain/documents.ts'
import type { CharRange } from '../../../shared/domain/summary.ts'

/** A stretch of text kept whole inside a chunk, its tokens, and what ending a chunk after it costs. */
export interface Atom {
  start: number
  end: number
  tokens: number
  breakCost: number
}

export interface CountsTokens {
  count(text: string): number
}

/**
 * What a chunk boundary costs by where it falls: between chapters is free, mid-sentence is the last
 * resort. The packer compares these only after the number of chunks, so they choose among plans
 * with the fewest calls.
 */
export const BREAK_COST = { chapter: 0, heading: 1, subheading: 2, page: 3, paragraph: 4, sentence: 8, word: 20, hard: 30 } as const

/** UTF-8 bytes per UTF-16 code unit are at most 3 and byte-level BPE never spends more than a token per byte. */
const MAX_TOKENS_PER_UNIT = 3
/** Longest slice of an unbreakable stretch: short enough that counting slices once stays cheap. */
const MAX_SLICE_UNITS = 256
/** Pieces this many times longer (in code units) than the budget are split without counting them whole first: they practically never fit, and splitting one that would have is merely finer. */
const TOO_LONG_TO_COUNT = 12

const sentences = new Intl.Segmenter(undefined, { granularity: 'sentence' })
const PARAGRAPH_BREAK = /\n[ \t\r]*\n\s*/g

/**
 * The document's text inside `range` as atoms no larger than `budget` tokens: paragraphs, or for a
 * paragraph too large its sentences, or for a sentence too large slices cut at spaces when possible.
 * Atoms are contiguous and cover the range exactly; each is counted once.
 */
export function documentAtoms(document: ExtractedDocument, range: CharRange, budget: number, counter: CountsTokens): Atom[] {
  const { text } = document
  const atoms: Atom[] = []
  const stops = structuralStops(document, range)
  let from = range.start
  for (const [at, cost] of stops) {
    for (const paragraph of paragraphs(text, from, at)) {
      const last = paragraph.end === at
      splitToFit(text, paragraph, budget, counter, atoms, last ? cost : BREAK_COST.paragraph)
    }
    from = at
  }
  return atoms
}

/** Offsets where a section or page begins inside the range, with the cheapest cost of a break there; the range end is free. */
function structuralStops(document: ExtractedDocument, range: CharRange): [number, number][] {
  const stops = new Map<number, number>()
  const add = (at: number, cost: number) => {
    if (at > range.start && at < range.end) stops.set(at, Math.min(cost, stops.get(at) ?? Infinity))
  }
  for (const section of document.sections) add(section.start, sectionCost(section.level))
  for (const page of document.pages ?? []) add(page.start, BREAK_COST.page)
  stops.set(range.end, BREAK_COST.chapter)
  return [...stops].sort((a, b) => a[0] - b[0])
}

function sectionCost(level: number): number {
  if (level === 0) return BREAK_COST.page
  if (level === 1) return BREAK_COST.chapter
  return level === 2 ? BREAK_COST.heading : BREAK_COST.subheading
}

/** Paragraphs of text[start, end): each ends after the blank lines that follow it. */
function* paragraphs(text: string, start: number, end: number): Generator<CharRange> {
  let from = start
  for (const match of text.slice(start, end).matchAll(PARAGRAPH_BREAK)) {
    const to = start + match.index + match[0].length
    yield { start: from, end: to }
    from = to
  }
  if (end > from) yield { start: from, end }
}

/** Adds the piece as one atom if it fits, else its sentences, else slices; the last atom ends with `endCost`. */
function splitToFit(text: string, piece: CharRange, budget: number, counter: CountsTokens, atoms: Atom[], endCost: number): void {
  const length = piece.end - piece.start
  const tokens = length <= budget * TOO_LONG_TO_COUNT ? counter.count(text.slice(piece.start, piece.end)) : Infinity
  if (tokens <= budget) {
    atoms.push({ ...piece, tokens, breakCost: endCost })
    return
  }
  const parts = sentenceRanges(text, piece)
  if (parts.length > 1) {
    parts.forEach((part, i) => splitToFit(text, part, budget, counter, atoms, i === parts.length - 1 ? endCost : BREAK_COST.sentence))
    return
  }
  slices(text, piece, budget, counter, atoms, endCost)
}

function sentenceRanges(text: string, piece: CharRange): CharRange[] {
  const ranges: CharRange[] = []
  for (const { index, segment } of sentences.segment(text.slice(piece.start, piece.end))) {
    ranges.push({ start: piece.start + index, end: piece.start + index + segment.length })
  }
  return ranges
}

/**
 * An unbreakable stretch as slices that each fit by construction (at most budget ÷ 3 code units),
 * cut after a space when there is one in the slice's second half and never inside a surrogate pair.
 */
function slices(text: string, piece: CharRange, budget: number, counter: CountsTokens, atoms: Atom[], endCost: number): void {
  const most = Math.max(1, Math.min(MAX_SLICE_UNITS, Math.floor(budget / MAX_TOKENS_PER_UNIT)))
  let from = piece.start
  while (from < piece.end) {
    let to = Math.min(piece.end, from + most)
    let cost: number = BREAK_COST.hard
    if (to < piece.end) {
      const space = lastSpace(text, from + Math.ceil(most / 2), to)
      if (space > 0) {
        to = space
        cost = BREAK_COST.word
      } else if (isLowSurrogate(text.charCodeAt(to)) && to - 1 > from) {
        to -= 1
      }
    } else {
      cost = endCost
    }
    atoms.push({ start: from, end: to, tokens: counter.count(text.slice(from, to)), breakCost: cost })
    from = to
  }
}

/** The offset just after the last whitespace in text[from, to), or -1. */
function lastSpace(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (/\s/.test(text[i] ?? '')) return i + 1
  return -1
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
