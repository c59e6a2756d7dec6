import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repairJson } from '../../src/main/features/jsonRepair/repairPipeline.ts'
import { createAppWorkerPool, type AppWorkerPool } from '../../src/main/workers/appWorker.ts'
import { bigProductList, CATASTROPHIC_PATTERN, deepNesting, loadSchema } from '../fixtures/json-corpus/corpus.ts'

let pool: AppWorkerPool
beforeAll(() => {
  pool = createAppWorkerPool()
})
afterAll(async () => {
  await pool.close()
})

const products = loadSchema('products')
const anything = { type: 'array' }
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

describe('JSON repair limits', () => {
  it('refuses a text or a schema over the size limit, saying both numbers', async () => {
    const text = await failure(repairJson('[1, 2, 3]', anything, { limits: { maxInputBytes: 5 } }, { pool }))
    expect(text).toMatchObject({ code: 'INPUT_TOO_LARGE', message: 'The text is 9 B; the limit is 5 B.' })
    const schema = await failure(
      repairJson('[]', { type: 'array', description: 'x'.repeat(2000) }, { limits: { maxSchemaBytes: 1000 } }, { pool }),
    )
    expect(schema).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      message: expect.stringMatching(/^The schema is 2\.0 kB; the limit is 1\.0 kB/),
    })
  })

  it('refuses nesting 5,000 deep before anything recursive sees it, in the text and in the schema', async () => {
    const deep = await failure(repairJson(deepNesting(5000), anything, { noModel: true }, { pool }))
    expect(deep).toMatchObject({ code: 'INPUT_TOO_LARGE', message: 'The JSON is nested 5,000 levels deep; the limit is 512.' })
    let schema: Record<string, unknown> = { type: 'array' }
    for (let i = 0; i < 600; i++) schema = { type: 'array', items: schema }
    expect(await failure(repairJson('[]', schema, {}, { pool }))).toMatchObject({
      code: 'INPUT_TOO_LARGE',
      message: expect.stringContaining('schema'),
    })
  })

  it('reports an invalid schema as SCHEMA_INVALID with ajv’s reason', async () => {
    const invalid = await failure(repairJson('{}', { type: 'object', required: 'name' }, {}, { pool }))
    expect(invalid).toMatchObject({ code: 'SCHEMA_INVALID', message: 'The schema is not valid: /required must be array.' })
    expect(await failure(repairJson('{}', ['not', 'a', 'schema'], {}, { pool }))).toMatchObject({ code: 'SCHEMA_INVALID' })
  })

  it('stops a catastrophic pattern at the time limit, and the pool keeps working', async () => {
    const stopped = await failure(
      repairJson(CATASTROPHIC_PATTERN.text, CATASTROPHIC_PATTERN.schema, { noModel: true, limits: { timeMs: 300 } }, { pool }),
    )
    expect(stopped).toMatchObject({ code: 'TIME_LIMIT', message: expect.stringContaining('checking the JSON against the schema') })
    const after = await repairJson('{"code": "aaa"}', CATASTROPHIC_PATTERN.schema, { noModel: true }, { pool })
    expect(after).toMatchObject({ ok: true, value: { code: 'aaa' } })
  })

  it('stops jsonrepair on a 1 MB list with a comma missing everywhere at the time limit', async () => {
    const text = bigProductList(10_000)
    expect(text.length).toBeGreaterThan(900_000)
    const stopped = await failure(repairJson(text, products, { noModel: true, limits: { timeMs: 100 } }, { pool }))
    expect(stopped).toMatchObject({ code: 'TIME_LIMIT' })
  })

  it('repairs a 1 MB list with one missing comma within the default limit', async () => {
    const result = await repairJson(bigProductList(1), products, { noModel: true }, { pool })
    expect(result).toMatchObject({ ok: true, step: 'syntax', changes: [{ kind: 'syntax', before: '', after: ',' }] })
    if (result.ok) expect(result.value).toHaveLength(10_000)
  })

  it('cancels a repair mid-task', async () => {
    const controller = new AbortController()
    const running = failure(
      repairJson(CATASTROPHIC_PATTERN.text, CATASTROPHIC_PATTERN.schema, { noModel: true, signal: controller.signal }, { pool }),
    )
    setTimeout(() => controller.abort(), 100)
    expect(await running).toMatchObject({ name: 'AbortError' })
  })
})
