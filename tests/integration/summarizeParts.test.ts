import { describe, expect, it } from 'vitest'
import type { SummaryProgress } from '../../src/shared/domain/summary.ts'
import { sourcedParts, unreferenced, withoutCitations } from '../../src/main/features/summarize/coverage.ts'
import { answerRoom, chunkBudget } from '../../src/main/features/summarize/summaryBudget.ts'
import { promptWasCut } from '../../src/main/features/summarize/summaryCall.ts'
import { tokenizerFor } from '../../src/main/tokens/tokenCounter.ts'
import { SummaryProgressTracker } from '../../src/main/features/summarize/summaryProgress.ts'

describe('coverage parsing', () => {
  const group = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6']

  it('reads the sources cited after each bullet, in lists, ranges and runs of brackets', () => {
    const answer = [
      '- Revenue grew 12% [C1].',
      '- Costs fell [C2, C3]',
      '- Hiring paused in spring [C4–C6]',
      '- Two offices closed [C1][C5]',
    ].join('\n')
    expect(sourcedParts(answer, group)).toEqual([
      { text: '- Revenue grew 12%.', chunkIds: ['C1'], inferred: false },
      { text: '- Costs fell', chunkIds: ['C2', 'C3'], inferred: false },
      { text: '- Hiring paused in spring', chunkIds: ['C4', 'C5', 'C6'], inferred: false },
      { text: '- Two offices closed', chunkIds: ['C1', 'C5'], inferred: false },
    ])
  })

  it('splits paragraphs at blank lines and gives a line of labels to the paragraph above it', () => {
    const answer = 'The first topic\ncontinues here. [C2]\n\nThe second topic.\n[C3; C4]\n\nAn uncited ending.'
    expect(sourcedParts(answer, group)).toEqual([
      { text: 'The first topic\ncontinues here.', chunkIds: ['C2'], inferred: false },
      { text: 'The second topic.', chunkIds: ['C3', 'C4'], inferred: false },
      { text: 'An uncited ending.', chunkIds: group, inferred: true },
    ])
  })

  it('ignores labels the call did not read and brackets that are not labels', () => {
    expect(sourcedParts('- A point [C9] about [sic] things', ['C1', 'C2'])).toEqual([
      { text: '- A point about [sic] things', chunkIds: ['C1', 'C2'], inferred: true },
    ])
  })

  it('attributes an uncited part of a one-chunk call to that chunk without calling it inferred', () => {
    expect(sourcedParts('A summary.', ['C1'])).toEqual([{ text: 'A summary.', chunkIds: ['C1'], inferred: false }])
  })

  it('removes labels from the text a reader sees and lists the chunks nothing cites', () => {
    expect(withoutCitations('- One [C1].\n- Two [C2, C3]\n\nThree [C4] and more.')).toBe('- One.\n- Two\n\nThree and more.')
    const parts = sourcedParts('- One [C1]\n- Two [C3]', ['C1', 'C2', 'C3', 'C4'])
    expect(unreferenced(parts, ['C1', 'C2', 'C3', 'C4'])).toEqual(['C2', 'C4'])
  })
})

describe('promptWasCut', () => {
  const base = { sent: 10_000, room: 500, numCtx: 16_384, exact: true, cached: 0 }

  it('trusts a count that matches, or that is larger but leaves the answer its room', () => {
    expect(promptWasCut({ ...base, evaluated: 10_000 })).toBe(false)
    expect(promptWasCut({ ...base, evaluated: 12_000 })).toBe(false)
  })

  it('sees a cut when the server counted more and the window overflowed or left no room to answer', () => {
    expect(promptWasCut({ ...base, evaluated: 16_384 })).toBe(true)
    expect(promptWasCut({ ...base, evaluated: 16_000 })).toBe(true)
  })

  it('sees a cut when the server evaluated less than an exact count, beyond what its cache explains', () => {
    expect(promptWasCut({ ...base, evaluated: 8_192 })).toBe(true)
    expect(promptWasCut({ ...base, evaluated: 9_990, cached: 40 })).toBe(false)
    expect(promptWasCut({ ...base, evaluated: 9_000, cached: 40 })).toBe(true)
  })

  it('allows an estimate its error', () => {
    expect(promptWasCut({ ...base, exact: false, evaluated: 9_000 })).toBe(false)
    expect(promptWasCut({ ...base, exact: false, evaluated: 8_000 })).toBe(true)
  })
})

describe('chunkBudget', () => {
  const context = { documentName: 'report.pdf', length: 'bullets' as const }

  it('leaves the window minus the prompt and the answer for text, and less when the tokenizer is an estimate', () => {
    const exact = chunkBudget(16_384, tokenizerFor('qwen2.5:7b-instruct'), context)
    expect(exact).toBeGreaterThan(15_000)
    expect(exact).toBeLessThan(16_384 - answerRoom('bullets', 'whole'))
    expect(chunkBudget(16_384, tokenizerFor('mistral:7b'), context)).toBeLessThan(exact * 0.8)
  })

  it('refuses a window too small for any text', () => {
    expect(() => chunkBudget(1024, tokenizerFor('qwen2.5:7b-instruct'), { ...context, length: 'detailed' })).toThrow(
      expect.objectContaining({ code: 'CONTEXT_OVERFLOW' }),
    )
  })
})

describe('SummaryProgressTracker', () => {
  it('estimates the time left from the rate since the first call began', () => {
    let now = 0
    const events: SummaryProgress[] = []
    const tracker = new SummaryProgressTracker(
      (p) => events.push(p),
      () => now,
    )
    tracker.begin('planning', 0, 0)
    now = 5_000
    tracker.expect(400)
    tracker.begin('map', 1, 4)
    now = 6_000
    tracker.advance(100)
    expect(events.at(-1)).toEqual({ stage: 'map', call: 1, calls: 4, tokensDone: 100, tokensTotal: 400, etaMs: 3_000 })
    tracker.begin('map', 2, 4)
    now = 8_000
    tracker.advance(100)
    expect(events.at(-1)?.etaMs).toBe(3_000)
    tracker.finish()
    expect(events.at(-1)).toEqual({ stage: 'done', call: 4, calls: 4, tokensDone: 200, tokensTotal: 200, etaMs: 0 })
    expect(events[0]?.etaMs).toBeUndefined()
  })
})
