import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { inferSchema } from '../../src/main/features/jsonRepair/inferSchema.ts'

const ajv = new Ajv2020({ allErrors: true })

describe('inferSchema', () => {
  it('describes types, requires every key and merges array items', () => {
    const sample = {
      name: 'Ada',
      age: 36,
      tags: ['math', 'poetry'],
      orders: [
        { id: 1, total: 9.5, note: null },
        { id: 2, total: 12, coupon: 'SPRING' },
      ],
    }
    const schema = inferSchema(sample)
    expect(schema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        name: { type: 'string' },
        age: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        orders: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'integer' }, total: { type: 'number' }, note: { type: 'null' }, coupon: { type: 'string' } },
            required: ['id', 'total'],
          },
        },
      },
      required: ['name', 'age', 'tags', 'orders'],
    })
    expect(ajv.validate(schema, sample)).toBe(true)
  })

  it('lists mixed types, keeps an object nullable, and uses anyOf for different structures', () => {
    expect(inferSchema([1, 'a', null])).toMatchObject({ items: { type: ['integer', 'string', 'null'] } })
    const nullable = inferSchema([{ a: 1 }, null])
    expect(nullable).toMatchObject({ items: { type: ['object', 'null'], properties: { a: { type: 'integer' } } } })
    const mixed = inferSchema([{ a: 1 }, [1]])
    expect(mixed).toMatchObject({ items: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'integer' } }] } })
    for (const sample of [[{ a: 1 }, null], [{ a: 1 }, [1]], []]) expect(ajv.validate(inferSchema(sample), sample)).toBe(true)
  })

  it('refuses a sample nested deeper than the limit', () => {
    expect(() => inferSchema([[[1]]], 2)).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }))
  })
})
