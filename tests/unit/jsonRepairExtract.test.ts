import { describe, expect, it } from 'vitest'
import { scanCandidates } from '../../src/main/features/jsonRepair/extractCandidates.ts'

const texts = (text: string) => scanCandidates(text, 8).candidates.map((c) => text.slice(c.start, c.end))

describe('scanCandidates', () => {
  it('offers the whole text first, then json fences before other fences, then spans in prose', () => {
    const text = 'Intro {"a": 0}\n```python\n{"b": 1}\n```\nthen\n```json\n{"c": 2}\n```\n'
    expect(texts(text)).toEqual([text, '{"c": 2}', '{"b": 1}', '{"a": 0}'])
  })

  it('lists each of several objects in prose, skipping brackets inside their strings', () => {
    const text = 'First {"note": "use } and ]"} and then [1, [2]] done.'
    expect(texts(text).slice(1)).toEqual(['{"note": "use } and ]"}', '[1, [2]]'])
  })

  it('runs an unclosed fence and an unclosed span to the end and marks them cut off', () => {
    const cut = '```json\n{"a": [1, 2'
    expect(scanCandidates(cut, 8).candidates.find((c) => c.source === 'fence')).toMatchObject({
      start: 8,
      end: cut.length,
      truncated: true,
    })
    const span = scanCandidates('Here: {"a": {"b": 1}, "c": "x', 8).candidates.filter((c) => c.source === 'span')
    expect(span).toEqual([{ source: 'span', start: 6, end: 29, truncated: true }])
  })

  it('does not offer a span that is the whole text again, and skips a byte order mark', () => {
    const text = '\uFEFF {"a": 1}\n'
    expect(scanCandidates(text, 8).candidates).toEqual([{ source: 'whole', start: 1, end: text.length }])
  })

  it('stops at the candidate limit and reports the deepest nesting', () => {
    const text = '[1] [2] [3] [[[4]]]'
    const scan = scanCandidates(text, 3)
    expect(scan.candidates.map((c) => text.slice(c.start, c.end))).toEqual([text, '[1]', '[2]'])
    expect(scanCandidates(text, 8).depth).toBe(3)
  })
})
