import type { SavedSchema } from '../../../shared/domain/jsonJobs.ts'

/** Built-in ids carry this prefix, so no saved or imported schema can take one. */
export const BUILTIN_PREFIX = 'builtin:'

export const isBuiltinSchemaId = (id: string): boolean => id.startsWith(BUILTIN_PREFIX)

const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema'

const builtin = (slug: string, name: string, schema: Record<string, unknown>): SavedSchema => ({
  id: `${BUILTIN_PREFIX}${slug}`,
  name,
  schema: { $schema: DRAFT_2020, ...schema },
  builtIn: true,
  updatedAt: 0,
})

/**
 * Examples that show what a schema can ask of a model's output: enums, formats, patterns, lists and
 * alternatives. They ship with the app and cannot be changed or deleted; a copy can be.
 */
export const BUILTIN_SCHEMAS: readonly SavedSchema[] = [
  builtin('task-list', 'Task list', {
    type: 'object',
    properties: {
      tasks: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            title: { type: 'string', minLength: 1 },
            priority: { enum: ['low', 'medium', 'high'] },
            due: { type: 'string', format: 'date' },
            done: { type: 'boolean' },
          },
          required: ['title', 'priority'],
          additionalProperties: false,
        },
      },
    },
    required: ['tasks'],
  }),
  builtin('contact', 'Person / contact', {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1 },
      email: { type: 'string', format: 'email' },
      phone: { type: 'string', pattern: '^\\+?[0-9 ()-]{6,20}$' },
      age: { type: 'integer', minimum: 0, maximum: 150 },
      city: { type: 'string' },
    },
    required: ['name', 'email'],
  }),
  builtin('names', "People's names", {
    description: 'Every person named in a text, e.g. "Here is some information, name: John, age: 30" → {"names": ["John"]}.',
    type: 'object',
    properties: { names: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
    required: ['names'],
    additionalProperties: false,
  }),
  builtin('review', 'Product review', {
    type: 'object',
    properties: {
      product: { type: 'string', minLength: 1 },
      rating: { type: 'integer', minimum: 1, maximum: 5 },
      verdict: {
        oneOf: [
          {
            type: 'object',
            properties: { recommend: { const: true }, reasons: { type: 'array', items: { type: 'string' } } },
            required: ['recommend'],
          },
          {
            type: 'object',
            properties: { recommend: { const: false }, problems: { type: 'array', items: { type: 'string' }, minItems: 1 } },
            required: ['recommend', 'problems'],
          },
        ],
      },
    },
    required: ['product', 'rating', 'verdict'],
  }),
]
