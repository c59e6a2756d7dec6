import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RepairResult, type RepairTrace } from '../../src/shared/domain/jsonRepair.ts'
import { repairJson } from '../../src/main/features/jsonRepair/repairPipeline.ts'
import { createAppWorkerPool, type AppWorkerPool } from '../../src/main/workers/appWorker.ts'
import { loadCorpus } from '../fixtures/json-corpus/corpus.ts'
import { validateIndependently } from '../fixtures/json-corpus/validateIndependently.ts'

let pool: AppWorkerPool
beforeAll(() => {
  pool = createAppWorkerPool()
})
afterAll(async () => {
  await pool.close()
})

const corpus = loadCorpus()

describe('JSON repair without a model, on the corpus', () => {
  it.each(corpus.filter((c) => c.expect === 'fixed'))('$name: valid at step "$step" with no model call', async (c) => {
    const result = await repairJson(c.text, c.schema, { noModel: true }, { pool })
    expect(result).toMatchObject({ ok: true, step: c.step, calls: 0, value: c.value })
    if (result.ok) expect(validateIndependently(c.schema, result.value)).toBe(true)
    expect(RepairResult.safeParse(result).error).toBeUndefined()
  })

  it.each(corpus.filter((c) => c.expect !== 'fixed'))('$name: not valid without the model, with the reasons in words', async (c) => {
    const result = await repairJson(c.text, c.schema, { noModel: true }, { pool })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.length).toBeGreaterThan(0)
    expect(result.calls).toBe(0)
    expect(result.trace.at(-1)).toMatchObject({ step: 'model', outcome: 'skipped' })
    if (result.best !== undefined) expect(validateIndependently(c.schema, result.best)).toBe(false)
    expect(RepairResult.safeParse(result).error).toBeUndefined()
  })

  it('reports each step live, names where the value came from and what changed', async () => {
    const c = corpus.find((entry) => entry.name === 'array-root-in-prose')!
    const live: RepairTrace[] = []
    const result = await repairJson(c.text, c.schema, { noModel: true, onStep: (entry) => live.push(entry) }, { pool })
    if (!result.ok) throw new Error('expected a repaired value')
    expect(live).toEqual(result.trace)
    expect(result.trace.map((t) => [t.step, t.outcome])).toEqual([
      ['parse', 'failed'],
      ['coerce', 'valid'],
    ])
    const from = result.candidates?.[result.candidate ?? -1]
    expect(c.text.slice(from?.start, from?.end)).toMatch(/^\[\{"sku".*\}\]$/)
    expect(result.changes).toEqual([
      { path: '/1/price', kind: 'number-from-string', before: '59', after: 59 },
      { path: '/1/inStock', kind: 'boolean-from-string', before: 'no', after: false },
    ])
  })

  it('lists syntax edits at their offsets in the input', async () => {
    const c = corpus.find((entry) => entry.name === 'truncated-after-value')!
    const result = await repairJson(c.text, c.schema, { noModel: true }, { pool })
    if (!result.ok) throw new Error('expected a repaired value')
    expect(result.changes).toEqual([{ path: '', kind: 'syntax', at: c.text.length, before: '', after: '}' }])
  })
})
