import { describe, expect, it } from 'vitest'
import { checkJsonValue } from '../../src/main/features/jsonRepair/jsonTasks.ts'

/** Coercion and ajv as the worker runs them, called directly. */
const check = (schema: Record<string, unknown>, value: unknown) => checkJsonValue({ hash: JSON.stringify(schema), schema, value })

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra })

describe('schema-guided coercion', () => {
  it('turns numeric strings into numbers and integers, but not a fraction into an integer', () => {
    const schema = object({ n: { type: 'number' }, i: { type: 'integer' } })
    expect(check(schema, { n: ' 2.5e1 ', i: '7' })).toMatchObject({ valid: true, value: { n: 25, i: 7 } })
    const fraction = check(schema, { i: '7.5' })
    expect(fraction).toMatchObject({ valid: false, value: { i: '7.5' }, changes: [] })
    expect(fraction.errors).toEqual([{ path: '/i', message: 'must be an integer, not a string ("7.5")' }])
  })

  it('reads true/false/yes/no as booleans and writes numbers and booleans as strings', () => {
    const schema = object({ a: { type: 'boolean' }, b: { type: 'boolean' }, s: { type: 'string' }, t: { type: 'string' } })
    const result = check(schema, { a: 'Yes', b: 'FALSE', s: 42, t: true })
    expect(result).toMatchObject({ valid: true, value: { a: true, b: false, s: '42', t: 'true' } })
    expect(result.changes.map((c) => c.kind)).toEqual([
      'boolean-from-string',
      'boolean-from-string',
      'string-from-scalar',
      'string-from-scalar',
    ])
    expect(check(schema, { a: 'maybe' }).valid).toBe(false)
  })

  it('matches enum and const values ignoring case and spaces, only when the match is unique', () => {
    const schema = object({ p: { enum: ['low', 'high', 3] }, k: { const: 'Payment' }, twin: { enum: ['a', 'A'] } })
    expect(check(schema, { p: ' HIGH ', k: 'payment' })).toMatchObject({ valid: true, value: { p: 'high', k: 'Payment' } })
    expect(check(schema, { p: '3' })).toMatchObject({ valid: true, value: { p: 3 } })
    expect(check(schema, { twin: 'a ' })).toMatchObject({ valid: false, value: { twin: 'a ' } })
  })

  it('wraps a single value in an array and coerces it as an item', () => {
    const schema = object({ ids: { type: 'array', items: { type: 'integer' } } })
    expect(check(schema, { ids: '12' })).toMatchObject({ valid: true, value: { ids: [12] } })
  })

  it('drops properties only where additionalProperties is false, and keeps those a pattern allows', () => {
    const schema = object({ a: { type: 'string' } }, { patternProperties: { '^x-': { type: 'integer' } }, additionalProperties: false })
    const result = check(schema, { a: 'kept', 'x-count': '2', chatter: 'dropped' })
    expect(result).toMatchObject({ valid: true, value: { a: 'kept', 'x-count': 2 } })
    expect(result.changes).toContainEqual({ path: '/chatter', kind: 'drop-property', before: 'dropped' })
    expect(check(object({ a: { type: 'string' } }), { a: 'x', other: 1 })).toMatchObject({ valid: true, changes: [] })
  })

  it('removes null from optional properties that do not allow it, never from required ones', () => {
    const schema = object(
      { due: { type: 'string', format: 'date' }, title: { type: 'string' }, note: { type: ['string', 'null'] } },
      { required: ['title'] },
    )
    const result = check(schema, { due: null, title: 'x', note: null })
    expect(result).toMatchObject({ valid: true, value: { title: 'x', note: null } })
    expect(result.changes).toEqual([{ path: '/due', kind: 'drop-null', before: null }])
    expect(check(schema, { title: null }).valid).toBe(false)
  })

  it('follows $ref into $defs and picks the oneOf branch the value fits once coerced', () => {
    const schema = {
      type: 'array',
      items: { $ref: '#/$defs/shape' },
      $defs: {
        shape: {
          oneOf: [
            object({ kind: { const: 'circle' }, r: { type: 'number' } }, { required: ['kind', 'r'], additionalProperties: false }),
            object({ kind: { const: 'square' }, side: { type: 'number' } }, { required: ['kind', 'side'], additionalProperties: false }),
          ],
        },
      },
    }
    const result = check(schema, [
      { kind: 'Circle', r: '2' },
      { kind: 'square', side: '3' },
    ])
    expect(result).toMatchObject({
      valid: true,
      value: [
        { kind: 'circle', r: 2 },
        { kind: 'square', side: 3 },
      ],
    })
    expect(result.changes.map((c) => c.path)).toEqual(['/0/kind', '/0/r', '/1/side'])
  })

  it('leaves a value that already fits one branch of a union as it is', () => {
    const schema = object({ id: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, n: { type: 'integer' } })
    expect(check(schema, { id: 5, n: '6' })).toMatchObject({ valid: true, value: { id: 5, n: 6 } })
  })

  it('reports the value with fewer errors when coercion cannot make it valid', () => {
    const schema = object({ n: { type: 'integer' }, s: { type: 'string', minLength: 3 } }, { required: ['m'] })
    const result = check(schema, { n: '4', s: 'ab' })
    expect(result).toMatchObject({ valid: false, value: { n: 4, s: 'ab' }, errorCount: 2 })
    expect(result.errors).toEqual([
      { path: '', message: 'is missing required property "m"' },
      { path: '/s', message: 'must be at least 3 characters long' },
    ])
  })

  it('keeps a "__proto__" key as data', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "1"}, "n": "1"}') as Record<string, unknown>
    const result = check(object({ n: { type: 'integer' } }), value)
    expect(result).toMatchObject({ valid: true, value: { n: 1 } })
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype)
    expect(Object.hasOwn(result.value as object, '__proto__')).toBe(true)
  })

  it('explains a $ref loop that never reaches a value instead of overflowing', () => {
    const loop = { $ref: '#/$defs/a', $defs: { a: { $ref: '#/$defs/b' }, b: { anyOf: [{ $ref: '#/$defs/a' }, { type: 'string' }] } } }
    expect(() => check(loop, 5)).toThrow(expect.objectContaining({ code: 'SCHEMA_INVALID', message: expect.stringContaining('$ref loop') }))
  })

  it('coerces tuple items by position (draft-07 items array and 2020-12 prefixItems)', () => {
    const draft07 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'integer' }, { type: 'boolean' }] }
    expect(check(draft07, ['1', 'no'])).toMatchObject({ valid: true, value: [1, false] })
    const modern = { type: 'array', prefixItems: [{ type: 'integer' }], items: { type: 'string' } }
    expect(check(modern, ['1', 2, 3])).toMatchObject({ valid: true, value: [1, '2', '3'] })
  })
})
