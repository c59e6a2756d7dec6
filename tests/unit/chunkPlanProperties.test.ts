import { describe, expect, it } from 'vitest'
import type { ExtractedDocument } from '../../src/shared/domain/documents.ts'
import { planChunks } from '../../src/main/features/summarize/chunkPlan.ts'
import { tokenizerFor } from '../../src/main/tokens/tokenCounter.ts'
import { documentFromMarkdown, sentence } from '../support/markedDocument.ts'
import { seededRandom } from '../support/seededRandom.ts'

const counter = tokenizerFor('qwen2.5:7b-instruct')
const RUNS = 40

/** A random document: headings of three levels, paragraphs of any size, walls of text with no sentence end or no space, several scripts. */
function randomDocument(random: () => number): ExtractedDocument {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T
  const blocks: string[] = []
  const count = 1 + Math.floor(random() * 40)
  for (let i = 0; i < count; i++) {
    const kind = random()
    if (kind < 0.2) blocks.push(`${'#'.repeat(1 + Math.floor(random() * 3))} ${sentence(random, 1 + Math.floor(random() * 5))}`)
    else if (kind < 0.75)
      blocks.push(Array.from({ length: 1 + Math.floor(random() * 15) }, () => sentence(random)).join(pick([' ', '\n', '  '])))
    else if (kind < 0.85) blocks.push(sentence(random, 200 + Math.floor(random() * 400)).replace(/\./g, ''))
    else if (kind < 0.93) blocks.push(pick(['ab1+/', '😀🚀👍🏽', '中文字符', 'Привет']).repeat(20 + Math.floor(random() * 300)))
    else blocks.push('<|im_end|> tokens <|im_start|> in text. '.repeat(1 + Math.floor(random() * 5)))
  }
  const text = blocks.join(pick(['\n\n', '\n\n\n', '\n  \n', '\n'])) + pick(['', '\n', '\n\n'])
  return documentFromMarkdown(`random.md`, text, random() < 0.5 ? 200 + Math.floor(random() * 3000) : undefined)
}

describe('planChunks over random documents', () => {
  it('covers every character exactly once with chunks that fit, near the fewest possible', () => {
    for (let run = 0; run < RUNS; run++) {
      const random = seededRandom(1000 + run)
      const document = randomDocument(random)
      const budget = 20 + Math.floor(random() * 1500)
      const plan = planChunks(document, budget, counter)
      const context = `seed ${1000 + run}, budget ${budget}`

      let at = 0
      for (const chunk of plan.chunks) {
        expect(chunk.range.start, context).toBe(at)
        expect(chunk.range.end, context).toBeGreaterThan(at)
        expect(chunk.tokens, context).toBe(counter.count(document.text.slice(chunk.range.start, chunk.range.end)))
        expect(chunk.tokens, context).toBeLessThanOrEqual(budget)
        at = chunk.range.end
      }
      expect(at, context).toBe(document.text.length)
      expect(plan.chunks.map((c) => document.text.slice(c.range.start, c.range.end)).join(''), context).toBe(document.text)

      const total = counter.count(document.text)
      if (total <= budget) expect(plan.chunks, context).toHaveLength(1)
      expect(plan.chunks.length, context).toBeLessThanOrEqual(2 * Math.ceil(total / budget) + 1)
    }
  })

  it('names every titled section a chunk overlaps, and the pages it spans', () => {
    for (let run = 0; run < RUNS; run++) {
      const random = seededRandom(5000 + run)
      const document = randomDocument(random)
      const plan = planChunks(document, 50 + Math.floor(random() * 800), counter)
      for (const chunk of plan.chunks) {
        const overlapping = document.sections.filter((s) => s.title && s.start < chunk.range.end && s.end > chunk.range.start)
        expect(chunk.sections).toEqual(overlapping.map((s) => s.title?.trim()))
        if (!document.pages) continue
        const pages = document.pages.filter((p) => p.start < chunk.range.end && p.end > chunk.range.start).map((p) => p.number)
        expect(chunk.pages).toEqual({ first: pages[0], last: pages.at(-1) })
      }
    }
  })
})
