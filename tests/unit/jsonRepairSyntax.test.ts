import { describe, expect, it } from 'vitest'
import { MAX_CHANGES, textEdits, valueChanges } from '../../src/main/features/jsonRepair/changeList.ts'
import { parseStrict, repairSyntax } from '../../src/main/features/jsonRepair/syntaxRepair.ts'

describe('syntax repair', () => {
  it('fixes quotes, Python literals, comments and trailing commas, listing each edit at its offset in the input', () => {
    const text = "{'ok': True, // why\n 'n': None,}"
    const outcome = repairSyntax(text, ['object'], 512, 100)
    expect(outcome).toMatchObject({ ok: true, value: { ok: true, n: null } })
    const edits = outcome.ok ? outcome.edits : []
    expect(edits[0]).toEqual({ path: '', kind: 'syntax', at: 101, before: "'", after: '"' })
    expect(edits).toContainEqual({ path: '', kind: 'syntax', at: 107, before: 'True', after: 'true' })
    expect(edits).toContainEqual(expect.objectContaining({ before: " // why\n '", after: ' \n "' }))
    expect(edits.at(-1)).toEqual({ path: '', kind: 'syntax', at: 126, before: 'None,', after: 'null' })
  })

  it('refuses a repair whose root type the schema rules out, and accepts it when the schema allows it', () => {
    const text = '{"a": 1}\n{"a": 2}'
    expect(repairSyntax(text, ['object'], 512, 0)).toEqual({
      ok: false,
      reason: 'jsonrepair made it an array, but the schema wants an object',
    })
    expect(repairSyntax(text, ['array'], 512, 0)).toMatchObject({ ok: true, value: [{ a: 1 }, { a: 2 }] })
    expect(repairSyntax(text, undefined, 512, 0).ok).toBe(true)
  })

  it('treats an integer root as a number', () => {
    expect(repairSyntax('42,', ['number'], 512, 0)).toMatchObject({ ok: true, value: 42 })
  })

  it('stops a value nested deeper than the limit with INPUT_TOO_LARGE', () => {
    expect(() => parseStrict('[[[1]]]', 2)).toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_LARGE', message: expect.stringContaining('the limit is 2') }),
    )
    expect(parseStrict('[[1]]', 2)).toMatchObject({ ok: true })
    expect(parseStrict('{', 2)).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') })
  })
})

describe('change lists', () => {
  it('sums up a rewrite too large to list as one edit', () => {
    const before = Array.from({ length: 2000 }, (_, i) => `'k${i}': ${i}`).join(', ')
    const after = Array.from({ length: 2000 }, (_, i) => `"k${i}": ${i}`).join(', ')
    expect(textEdits(before, after, 5)).toEqual([{ path: '', kind: 'syntax', at: 5 }])
  })

  it('lists what a model added, removed and replaced, path by path', () => {
    const before = { title: 'x', priority: 'urgent', tags: ['a'], junk: 1 }
    const after = { title: 'x', priority: 'high', tags: ['a', 'b'], due: '2024-01-01' }
    expect(valueChanges(before, after)).toEqual([
      { path: '/priority', kind: 'replace', before: 'urgent', after: 'high' },
      { path: '/tags/1', kind: 'add', after: 'b' },
      { path: '/junk', kind: 'remove', before: 1 },
      { path: '/due', kind: 'add', after: '2024-01-01' },
    ])
    expect(valueChanges(undefined, { a: 1 })).toEqual([{ path: '', kind: 'add', after: { a: 1 } }])
  })

  it('cuts a change list at its limit', () => {
    const after = Object.fromEntries(Array.from({ length: MAX_CHANGES + 50 }, (_, i) => [`k${i}`, i]))
    expect(valueChanges({}, after)).toHaveLength(MAX_CHANGES)
  })
})
