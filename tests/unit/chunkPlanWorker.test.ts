import { afterEach, describe, expect, it } from 'vitest'
import { planChunks } from '../../src/main/features/summarize/chunkPlan.ts'
import { tokenizerFor } from '../../src/main/tokens/tokenCounter.ts'
import { createAppWorkerPool, type AppWorkerPool } from '../../src/main/workers/appWorker.ts'
import { documentFromMarkdown, markedBook } from '../support/markedDocument.ts'

let pool: AppWorkerPool | undefined

afterEach(async () => {
  await pool?.close()
})

describe('planning in the worker pool', () => {
  const { markdown } = markedBook({ chapters: 8, sectionsPerChapter: 3, paragraphsPerSection: 5, sentencesPerParagraph: 3 })
  const document = documentFromMarkdown('book.md', markdown, 2000)

  it('plans as the function does, with the model’s tokenizer', async () => {
    pool = createAppWorkerPool(1)
    const planned = await pool.run(
      'planSummaryChunks',
      { document, budget: 1200, model: 'qwen2.5:7b-instruct' },
      { label: 'planning', timeoutMs: 60_000 },
    )
    expect(planned.chunks.length).toBeGreaterThan(3)
    expect(planned).toEqual(planChunks(document, 1200, tokenizerFor('qwen2.5:7b-instruct')))
  })
})
