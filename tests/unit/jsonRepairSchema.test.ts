import { describe, expect, it } from 'vitest'
import { compiledSchema, dialectOf } from '../../src/main/features/jsonRepair/schemaCompiler.ts'
import { plainErrors, problemLine } from '../../src/main/features/jsonRepair/plainErrors.ts'

let counter = 0
const compile = (schema: Record<string, unknown>) => compiledSchema(`test-${counter++}`, schema)

const errorsOf = (schema: Record<string, unknown>, value: unknown) => {
  const { validate } = compile(schema)
  expect(validate(value)).toBe(false)
  return plainErrors(validate.errors ?? [], value)
}

describe('schema compiler', () => {
  it('picks the dialect from $schema, 2020-12 when absent', () => {
    expect(dialectOf({})).toBe('2020-12')
    expect(dialectOf({ $schema: 'http://json-schema.org/draft-07/schema#' })).toBe('draft-07')
    expect(dialectOf({ $schema: 'https://json-schema.org/draft/2020-12/schema' })).toBe('2020-12')
    expect(() => dialectOf({ $schema: 'http://json-schema.org/draft-04/schema#' })).toThrow(
      expect.objectContaining({ code: 'SCHEMA_INVALID' }),
    )
  })

  it('validates by the chosen dialect: a tuple in draft-07 items, prefixItems in 2020-12', () => {
    const draft07 = compile({ $schema: 'http://json-schema.org/draft-07/schema#', items: [{ type: 'string' }], additionalItems: false })
    expect(draft07.validate(['a'])).toBe(true)
    expect(draft07.validate(['a', 'b'])).toBe(false)
    const modern = compile({ prefixItems: [{ type: 'string' }], items: false })
    expect(modern.validate(['a'])).toBe(true)
    expect(modern.validate(['a', 'b'])).toBe(false)
  })

  it('rejects an invalid schema with ajv’s reason, and $async schemas', () => {
    expect(() => compile({ type: 'strin' })).toThrow(
      expect.objectContaining({ code: 'SCHEMA_INVALID', message: expect.stringContaining('/type') }),
    )
    expect(() => compile({ properties: { a: { $ref: '#/$defs/missing' } } })).toThrow(
      expect.objectContaining({ code: 'SCHEMA_INVALID', message: expect.stringContaining('#/$defs/missing') }),
    )
    expect(() => compile({ $async: true, type: 'object' })).toThrow(expect.objectContaining({ code: 'SCHEMA_INVALID' }))
  })

  it('checks formats, warns about unknown ones, and names the root type through a $ref', () => {
    const compiled = compile({
      $ref: '#/$defs/root',
      $defs: { root: { type: 'object', properties: { d: { format: 'date' }, x: { format: 'colour' } } } },
    })
    expect(compiled.rootTypes).toEqual(['object'])
    expect(compiled.validate({ d: '2024-02-30' })).toBe(false)
    expect(compiled.warnings.join(' ')).toContain('colour')
  })

  it('keeps one compiled validator per hash', () => {
    expect(compiledSchema('same', { type: 'string' })).toBe(compiledSchema('same', { type: 'string' }))
  })
})

describe('plain errors', () => {
  const task = {
    type: 'object',
    properties: {
      title: { type: 'string' },
      priority: { enum: ['low', 'medium', 'high'] },
      due: { type: 'string', format: 'date' },
      code: { type: 'string', pattern: '^[A-Z]{3}$' },
      hours: { type: 'number', minimum: 0, exclusiveMaximum: 100 },
      items: { type: 'array', items: { type: 'object', properties: { priority: { enum: ['low', 'high'] } } }, maxItems: 2 },
    },
    required: ['title'],
    additionalProperties: false,
  }

  it('says what is wrong at the path of the value concerned', () => {
    const value = { priority: 'urgent', due: '31/12/2024', code: 'ab', hours: 100, items: [{ priority: 'x' }, {}, {}], extra: 1 }
    expect(errorsOf(task, value)).toEqual([
      { path: '', message: 'is missing required property "title"' },
      { path: '', message: 'has property "extra", which the schema does not allow' },
      { path: '/priority', message: 'must be one of: low, medium, high' },
      { path: '/due', message: 'must be a date like 2024-05-31' },
      { path: '/code', message: 'must match the pattern ^[A-Z]{3}$' },
      { path: '/hours', message: 'must be less than 100' },
      { path: '/items', message: 'must have at most 2 items' },
      { path: '/items/0/priority', message: 'must be one of: low, high' },
    ])
  })

  it('names the type found, quotes enum values that need it, and explains oneOf', () => {
    expect(errorsOf({ type: 'integer' }, 'seven')).toEqual([{ path: '', message: 'must be an integer, not a string ("seven")' }])
    expect(errorsOf({ type: ['number', 'null'] }, [])).toEqual([{ path: '', message: 'must be a number or null, not an array' }])
    expect(errorsOf({ enum: ['in progress', 'done', 1] }, 'x')).toEqual([{ path: '', message: 'must be one of: "in progress", "done", 1' }])
    const oneOf = errorsOf({ oneOf: [{ type: 'string' }, { type: 'integer' }] }, null)
    expect(oneOf.at(-1)).toEqual({ path: '', message: 'matches none of the allowed shapes' })
  })

  it('writes an instruction line per error, the root called (root)', () => {
    expect(problemLine({ path: '', message: 'is missing required property "title"' })).toBe('(root) is missing required property "title"')
    expect(problemLine({ path: '/priority', message: 'must be one of: low, medium, high' })).toBe(
      '/priority must be one of: low, medium, high',
    )
  })
})
