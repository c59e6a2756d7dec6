import { describe, expect, it } from 'vitest'
import { DEFAULT_NUM_CTX } from '../../src/shared/domain/chat.ts'
import { buildRepairPrompt, initialNumPredict, MAX_NUM_CTX } from '../../src/main/features/jsonRepair/modelPrompt.ts'

const schema = { type: 'object', properties: { priority: { enum: ['low', 'high'] } }, required: ['title'] }
const closest = {
  value: { priority: 'urgent' },
  errors: [
    { path: '/priority', message: 'must be one of: low, high' },
    { path: '', message: 'is missing required property "title"' },
  ],
}

describe('model repair prompt', () => {
  it('carries the schema, the text, the closest JSON and each error as an instruction', () => {
    const prompt = buildRepairPrompt({ schema, text: 'Title: Renew passport, urgent', closest }, 512)!
    const user = prompt.messages[1]?.content ?? ''
    expect(prompt.messages[0]?.role).toBe('system')
    expect(user).toContain(JSON.stringify(schema))
    expect(user).toContain('Title: Renew passport, urgent')
    expect(user).toContain('{"priority":"urgent"}')
    expect(user).toContain('- /priority must be one of: low, high\n- (root) is missing required property "title"')
    expect(prompt).toMatchObject({ numCtx: DEFAULT_NUM_CTX, numPredict: 512 })
  })

  it('asks for a window that fits a long text, and cuts a text longer than the largest window', () => {
    const long = buildRepairPrompt({ schema, text: 'x'.repeat(60_000) }, 2048)!
    expect(long.numCtx).toBeGreaterThanOrEqual(20_000 + 2048)
    expect(long.numCtx).toBeLessThanOrEqual(MAX_NUM_CTX)
    const huge = buildRepairPrompt({ schema, text: 'y'.repeat(500_000) }, 2048)!
    expect(huge.numCtx).toBe(MAX_NUM_CTX)
    expect(huge.messages[1]?.content).toContain('[… the rest of the text is left out]')
    expect(huge.messages[1]?.content.length).toBeLessThan(MAX_NUM_CTX * 3)
  })

  it('gives up when the closest JSON alone does not fit, and sizes the answer room from it', () => {
    const big = { value: { items: 'z'.repeat(120_000) }, errors: [] }
    expect(buildRepairPrompt({ schema, text: '', closest: big }, 1024)).toBeUndefined()
    expect(initialNumPredict({ schema, text: 'short' })).toBe(512)
    expect(initialNumPredict({ schema, text: '', closest: { value: { a: 'w'.repeat(6000) }, errors: [] } })).toBeGreaterThan(2500)
  })
})
