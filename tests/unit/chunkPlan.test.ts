import { describe, expect, it } from 'vitest'
import type { ExtractedDocument } from '../../src/shared/domain/documents.ts'
import { planChunks, type ChunkPlan } from '../../src/main/features/summarize/chunkPlan.ts'
import { tokenizerFor } from '../../src/main/tokens/tokenCounter.ts'
import { documentFromMarkdown, markedBook, sentence } from '../support/markedDocument.ts'
import { seededRandom } from '../support/seededRandom.ts'

const counter = tokenizerFor('qwen2.5:7b-instruct')

/** The plan's promises: contiguous chunks from 0 to the end, each counted exactly and within the budget. */
function expectValidPlan(document: ExtractedDocument, plan: ChunkPlan, budget: number): void {
  let at = 0
  for (const chunk of plan.chunks) {
    expect(chunk.range.start).toBe(at)
    expect(chunk.range.end).toBeGreaterThan(chunk.range.start)
    expect(chunk.tokens).toBe(counter.count(document.text.slice(chunk.range.start, chunk.range.end)))
    expect(chunk.tokens).toBeLessThanOrEqual(budget)
    at = chunk.range.end
  }
  expect(at).toBe(document.text.length)
  expect(plan.tokens).toBe(plan.chunks.reduce((sum, c) => sum + c.tokens, 0))
}

const textOf = (document: ExtractedDocument, plan: ChunkPlan) => plan.chunks.map((c) => document.text.slice(c.range.start, c.range.end))

describe('planChunks', () => {
  it('keeps a document that fits in one chunk with its exact token count', () => {
    const document = documentFromMarkdown('short.md', '# Intro\n\nOne short paragraph.\n\n## Details\n\nAnother one.\n')
    const plan = planChunks(document, 1000, counter)
    expect(plan.chunks).toHaveLength(1)
    expect(plan.chunks[0]).toMatchObject({ range: { start: 0, end: document.text.length }, sections: ['Intro', 'Details'] })
    expect(plan.tokens).toBe(counter.count(document.text))
  })

  it('breaks between chapters when that costs no extra call, even if the halves are uneven', () => {
    const random = seededRandom(11)
    const chapter = (n: number, paragraphs: number) =>
      [`# Chapter ${n}`, ...Array.from({ length: paragraphs }, () => `${sentence(random, 30)} ${sentence(random, 30)}`)].join('\n\n')
    const markdown = `${[chapter(1, 10), chapter(2, 4), chapter(3, 4), chapter(4, 4)].join('\n\n')}\n`
    const document = documentFromMarkdown('book.md', markdown)
    const budget = Math.floor(counter.count(markdown) * 0.62)
    const plan = planChunks(document, budget, counter)
    expectValidPlan(document, plan, budget)
    expect(plan.chunks).toHaveLength(2)
    expect(textOf(document, plan)[1]).toMatch(/^# Chapter 2\n/)
    expect(plan.chunks.map((c) => c.sections)).toEqual([['Chapter 1'], ['Chapter 2', 'Chapter 3', 'Chapter 4']])
  })

  it('uses about as many chunks as the token count requires, merging small sections', () => {
    const { markdown } = markedBook({ chapters: 12, sectionsPerChapter: 5, paragraphsPerSection: 3, sentencesPerParagraph: 2 })
    const document = documentFromMarkdown('book.md', markdown)
    const budget = 2000
    const plan = planChunks(document, budget, counter)
    expectValidPlan(document, plan, budget)
    const minimum = Math.ceil(plan.tokens / budget)
    expect(plan.chunks.length).toBeLessThanOrEqual(minimum + 1)
    expect(plan.chunks.length).toBeGreaterThanOrEqual(minimum)
  })

  it('splits a paragraph larger than the budget at sentence ends', () => {
    const random = seededRandom(3)
    const text = Array.from({ length: 60 }, () => sentence(random)).join(' ')
    const document = documentFromMarkdown('wall.txt', text)
    const plan = planChunks(document, 150, counter)
    expectValidPlan(document, plan, 150)
    expect(plan.chunks.length).toBeGreaterThan(3)
    for (const piece of textOf(document, plan).slice(0, -1)) expect(piece).toMatch(/\. $/)
  })

  it('cuts text with no sentences or spaces by tokens, never inside a surrogate pair', () => {
    const text = '😀🚀👍🏽'.repeat(400) + 'x'.repeat(3000)
    const document = documentFromMarkdown('emoji.txt', text)
    const plan = planChunks(document, 100, counter)
    expectValidPlan(document, plan, 100)
    for (const chunk of plan.chunks.slice(1)) {
      const code = text.charCodeAt(chunk.range.start)
      expect(code >= 0xdc00 && code <= 0xdfff).toBe(false)
    }
  })

  it('gives each chunk its pages from the page table', () => {
    const { markdown } = markedBook({ chapters: 3, sectionsPerChapter: 2, paragraphsPerSection: 4, sentencesPerParagraph: 3 })
    const document = documentFromMarkdown('paged.pdf', markdown, 500)
    const plan = planChunks(document, 600, counter)
    expectValidPlan(document, plan, 600)
    const pages = document.pages ?? []
    for (const chunk of plan.chunks) {
      const first = pages.find((p) => p.start <= chunk.range.start && chunk.range.start < p.end)?.number
      const last = pages.find((p) => p.start < chunk.range.end && chunk.range.end <= p.end)?.number
      expect(chunk.pages).toEqual({ first, last })
    }
    expect(plan.chunks.at(-1)?.pages?.last).toBe(pages.length)
  })

  it('takes pages from the sections when there is no page table', () => {
    const base = documentFromMarkdown('x.md', '# One\n\nAlpha.\n\n# Two\n\nBeta.\n\n# Three\n\nGamma.\n')
    const sections = base.sections.map((s, i) => ({ ...s, page: [2, 5, 9][i] }))
    const plan = planChunks({ ...base, sections }, 1000, counter)
    expect(plan.chunks[0]?.pages).toEqual({ first: 2, last: 9 })
  })

  it('covers the text even when the sections leave gaps or overlap', () => {
    const text = 'Alpha beta gamma. '.repeat(200)
    const document: ExtractedDocument = {
      name: 'odd.txt',
      format: 'text',
      text,
      sections: [
        { title: 'A', level: 1, start: 100, end: 900 },
        { title: 'B', level: 1, start: 700, end: 1500 },
      ],
      notes: [],
    }
    const plan = planChunks(document, 120, counter)
    expectValidPlan(document, plan, 120)
  })

  it('plans only the given range', () => {
    const { markdown } = markedBook({ chapters: 2, sectionsPerChapter: 2, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
    const document = documentFromMarkdown('book.md', markdown)
    const range = { start: 1000, end: 4000 }
    const plan = planChunks(document, 200, counter, range)
    expect(plan.chunks[0]?.range.start).toBe(range.start)
    expect(plan.chunks.at(-1)?.range.end).toBe(range.end)
    plan.chunks.slice(1).forEach((c, i) => expect(c.range.start).toBe(plan.chunks[i]?.range.end))
    for (const c of plan.chunks) expect(c.tokens).toBeLessThanOrEqual(200)
  })

  it('counts each piece of a long document about twice, not once per candidate chunk', () => {
    const { markdown } = markedBook({ chapters: 20, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 4 })
    const document = documentFromMarkdown('book.md', markdown)
    let counted = 0
    const metered = {
      count: (text: string) => {
        counted += text.length
        return counter.count(text)
      },
    }
    const plan = planChunks(document, 3000, metered)
    expect(plan.chunks.length).toBeGreaterThan(5)
    expect(counted).toBeLessThanOrEqual(2 * markdown.length)
  })

  it('re-plans a chunk whose whole count exceeds the sum of its pieces', () => {
    // A counter where joining text costs extra tokens, unlike Qwen's, so only the exact recount catches the overflow.
    const superAdditive = { count: (text: string) => text.length + Math.floor(text.length ** 2 / 4000) }
    const { markdown } = markedBook({ chapters: 3, sectionsPerChapter: 3, paragraphsPerSection: 4, sentencesPerParagraph: 2 })
    const document = documentFromMarkdown('book.md', markdown)
    const budget = 1500
    const plan = planChunks(document, budget, superAdditive)
    let at = 0
    for (const chunk of plan.chunks) {
      expect(chunk.range.start).toBe(at)
      expect(chunk.tokens).toBe(superAdditive.count(document.text.slice(chunk.range.start, chunk.range.end)))
      expect(chunk.tokens).toBeLessThanOrEqual(budget)
      at = chunk.range.end
    }
    expect(at).toBe(markdown.length)
  })

  it('refuses a budget it cannot plan with', () => {
    expect(() => planChunks(documentFromMarkdown('x.md', 'text'), 0, counter)).toThrow(/too small/)
  })
})
