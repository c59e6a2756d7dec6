import { describe, expect, it } from 'vitest'
import { DEFAULT_SYSTEM_PROMPT } from '../../src/shared/domain/chat.ts'
import {
  applyTemplate,
  BUILT_IN_PRESETS,
  BUILT_IN_TEMPLATES,
  DEFAULT_PRESET_ID,
  exportLibrary,
  fieldDefaults,
  fieldLabel,
  formatInstruction,
  isBuiltInId,
  MissingFieldsError,
  missingFields,
  missingFormatInstruction,
  parseLibrary,
  PresetDraft,
  PromptLibraryFile,
  PromptTemplate,
  SystemPreset,
  templateFields,
  TemplateDraft,
  type PromptTemplate as Template,
} from '../../src/shared/domain/prompts.ts'

function template(overrides: Partial<Template>): Template {
  return { id: 't1', name: 'T', description: '', examples: [], prompt: 'Do {{input}}', builtIn: false, ...overrides }
}

function builtIn(id: string): Template {
  const found = BUILT_IN_TEMPLATES.find((t) => t.id === id)
  if (!found) throw new Error(`no built-in ${id}`)
  return found
}

describe('templateFields', () => {
  it('lists each field once, prompt first, then fields only the system prompt uses', () => {
    const t = template({
      systemPrompt: 'Speak {{ tone }} in {{language}}.',
      prompt: 'Translate {{input}} into {{language}}. Again: {{input}}',
    })
    expect(templateFields(t)).toEqual(['input', 'language', 'tone'])
  })

  it('ignores braces that are not placeholders', () => {
    expect(templateFields(template({ prompt: 'JSON {"a": {"b": 1}} and {{ }} and {{two words}} and {{1bad}} and {x}' }))).toEqual([])
  })

  it('reads defaults, first one wins', () => {
    const t = template({ prompt: 'In {{count=5}} points, {{count=9}} max, about {{input}} in {{lang = English }}' })
    expect(templateFields(t)).toEqual(['count', 'input', 'lang'])
    expect(fieldDefaults(t)).toEqual({ count: '5', lang: 'English' })
    expect(missingFields(t, {})).toEqual(['input'])
    expect(missingFields(t, { input: '   ' })).toEqual(['input'])
    expect(missingFields(t, { input: 'x' })).toEqual([])
  })

  it('labels fields for forms', () => {
    expect(fieldLabel('input')).toBe('Input')
    expect(fieldLabel('bullet_count')).toBe('Bullet count')
    expect(fieldLabel('targetLanguage')).toBe('Target language')
  })
})

describe('applyTemplate', () => {
  it('sends few-shot examples as real pairs, in order, before the filled prompt', () => {
    const t = template({
      systemPrompt: 'You answer in {{language}}.',
      examples: [
        { user: 'Q1 {{input}}', assistant: 'A1' },
        { user: 'Q2', assistant: 'A2' },
      ],
      prompt: 'Answer {{input}} in {{language}}.',
    })
    expect(applyTemplate(t, { input: 'why?', language: 'French' })).toEqual({
      system: 'You answer in French.',
      messages: [
        // Examples are literal text: their braces are not fields.
        { role: 'user', content: 'Q1 {{input}}' },
        { role: 'assistant', content: 'A1' },
        { role: 'user', content: 'Q2' },
        { role: 'assistant', content: 'A2' },
        { role: 'user', content: 'Answer why? in French.' },
      ],
    })
  })

  it('has no system entry when the template has no system prompt', () => {
    expect(applyTemplate(template({}), { input: 'x' })).toEqual({ messages: [{ role: 'user', content: 'Do x' }] })
    expect(applyTemplate(template({ systemPrompt: '  ' }), { input: 'x' })).not.toHaveProperty('system')
  })

  it('inserts values literally (one pass), trims blank lines around them, keeps indentation', () => {
    const t = template({ prompt: 'Code:\n```\n{{input}}\n```' })
    const code = '\n\n  if (a) {{b}}\n    $& $1 {{input}}\n\n'
    expect(applyTemplate(t, { input: code }).messages[0]?.content).toBe('Code:\n```\n  if (a) {{b}}\n    $& $1 {{input}}\n```')
  })

  it('uses defaults for empty values', () => {
    expect(applyTemplate(builtIn('builtin-summarize'), { input: 'Text', bullet_count: '' }).messages.at(-1)?.content).toContain(
      'in 5 bullet points',
    )
    expect(applyTemplate(builtIn('builtin-summarize'), { input: 'Text', bullet_count: '3' }).messages.at(-1)?.content).toContain(
      'in 3 bullet points',
    )
  })

  it('throws an error naming every missing field', () => {
    const t = template({ prompt: '{{input}} {{audience}} {{tone=plain}}' })
    expect(() => applyTemplate(t, { audience: ' ' })).toThrow(MissingFieldsError)
    try {
      applyTemplate(t, {})
    } catch (error) {
      expect((error as MissingFieldsError).fields).toEqual(['input', 'audience'])
      expect((error as Error).message).toContain('"Input", "Audience"')
    }
  })
})

describe('formatInstruction', () => {
  it('states the format and the word limit in words the model reads', () => {
    expect(formatInstruction('table', undefined)).toContain('Markdown table')
    expect(formatInstruction('bullets', 120)).toMatch(/bullet list.*under 120 words/)
    expect(formatInstruction('json', undefined)).toContain('valid JSON only')
    expect(formatInstruction('free', undefined)).toBe('')
  })

  it('asks only for what the prompt does not mention yet', () => {
    expect(missingFormatInstruction('List them as a table.', 'table', undefined)).toBe('')
    expect(missingFormatInstruction('List them as a table.', 'table', 50)).toBe('Keep the answer under 50 words.')
    expect(missingFormatInstruction('Describe it.', 'bullets', undefined)).toMatch(/^Answer as a Markdown bullet list/)
    for (const t of BUILT_IN_TEMPLATES) expect(missingFormatInstruction(t.prompt, t.outputFormat, t.wordLimit)).toBe('')
  })
})

describe('built-ins', () => {
  it('are valid, marked built-in, with unique reserved ids', () => {
    for (const preset of BUILT_IN_PRESETS) expect(SystemPreset.parse(preset)).toEqual(preset)
    for (const t of BUILT_IN_TEMPLATES) expect(PromptTemplate.parse(t)).toEqual(t)
    const ids = [...BUILT_IN_PRESETS, ...BUILT_IN_TEMPLATES].map((item) => item.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const item of [...BUILT_IN_PRESETS, ...BUILT_IN_TEMPLATES]) {
      expect(item.builtIn).toBe(true)
      expect(isBuiltInId(item.id)).toBe(true)
    }
  })

  it('default to the seed notes’ concise assistant, and every preset states a role', () => {
    expect(BUILT_IN_PRESETS[0]).toMatchObject({ id: DEFAULT_PRESET_ID, text: 'You are a helpful and concise assistant.' })
    expect(DEFAULT_SYSTEM_PROMPT).toBe('You are a helpful and concise assistant.')
    for (const preset of BUILT_IN_PRESETS) expect(preset.text).toMatch(/^You are /)
    expect(BUILT_IN_PRESETS.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'Precise technical answers',
        'Teacher who explains simply',
        'Editor who rewrites text',
        'JSON-only responder',
      ]),
    )
    expect(BUILT_IN_PRESETS.find((p) => p.id === 'builtin-json')?.text).toMatch(/only with JSON.*no Markdown code fences/)
  })

  it('ship the seed notes’ four examples and more', () => {
    const ids = BUILT_IN_TEMPLATES.map((t) => t.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'builtin-short-story',
        'builtin-extract-names',
        'builtin-pros-cons',
        'builtin-summarize',
        'builtin-rewrite',
        'builtin-translate',
        'builtin-explain-code',
      ]),
    )
  })

  it('start every prompt with an action verb and take the main text as {{input}}', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      expect(t.prompt).toMatch(/^(Write|Extract|List|Summarize|Rewrite|Translate|Explain) /)
      expect(templateFields(t)).toContain('input')
      expect(t.description.length).toBeGreaterThan(10)
    }
  })

  it('say their output format and word limit in the prompt itself', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      if (t.wordLimit) expect(t.prompt).toContain(`${t.wordLimit} words`)
      if (t.outputFormat === 'table') expect(t.prompt).toMatch(/Markdown table/)
      if (t.outputFormat === 'bullets') expect(t.prompt).toMatch(/bullet points/)
      if (t.outputFormat === 'json') expect(t.prompt).toMatch(/list|JSON/)
      expect(t.prompt).toMatch(/Answer with|Give it a title|Structure the answer/)
    }
  })

  it('the story stays under 200 words', () => {
    const story = builtIn('builtin-short-story')
    expect(story.prompt).toContain('under 200 words')
    expect(story.wordLimit).toBe(200)
    expect(applyTemplate(story, {}).messages.at(-1)?.content).toContain('Write a short story about a cat that goes on an adventure.')
  })

  it('name extraction shows the exact list format with one example pair shaped like the real prompt', () => {
    const names = builtIn('builtin-extract-names')
    expect(names.examples).toHaveLength(1)
    const [example] = names.examples
    expect(example?.assistant).toBe('["Marie Curie", "Albert Einstein", "Paul Langevin"]')
    expect(JSON.parse(example?.assistant ?? '')).toHaveLength(3)
    const applied = applyTemplate(names, { input: 'Ada Lovelace wrote to Charles Babbage.' })
    expect(applied.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user'])
    // The example's question is the real prompt with another paragraph, so the model sees the same task twice.
    const stem = (text: string | undefined) => text?.split('Paragraph:')[0]
    expect(stem(applied.messages[0]?.content)).toBe(stem(applied.messages[2]?.content))
    expect(names.prompt).toContain('Python list')
  })

  it('pros and cons are a table with the given columns', () => {
    const prosCons = builtIn('builtin-pros-cons')
    expect(prosCons.outputFormat).toBe('table')
    expect(prosCons.prompt).toContain('Aspect | Pros | Cons')
    expect(applyTemplate(prosCons, {}).messages.at(-1)?.content).toContain('pros and cons of electric cars')
  })

  it('summaries are N bullet points of the delimited article', () => {
    const summarize = builtIn('builtin-summarize')
    expect(templateFields(summarize)).toEqual(['bullet_count', 'input'])
    const content = applyTemplate(summarize, { input: 'The article.' }).messages.at(-1)?.content
    expect(content).toMatch(/^Summarize the article below in 5 bullet points\./)
    expect(content).toContain('Article:\n"""\nThe article.\n"""')
  })
})

describe('drafts', () => {
  it('are strict and never carry builtIn', () => {
    expect(PresetDraft.safeParse({ name: 'A', text: 'B' }).success).toBe(true)
    expect(PresetDraft.safeParse({ name: 'A', text: 'B', builtIn: true }).success).toBe(false)
    expect(PresetDraft.safeParse({ name: ' ', text: 'B' }).success).toBe(false)
    expect(TemplateDraft.parse({ name: 'A', prompt: 'Do {{input}}' })).toEqual({
      name: 'A',
      prompt: 'Do {{input}}',
      description: '',
      examples: [],
    })
    expect(TemplateDraft.safeParse({ name: 'A', prompt: 'x', extra: 1 }).success).toBe(false)
  })
})

describe('exportLibrary / parseLibrary', () => {
  const preset = { id: 'p1', name: 'Mine', text: 'You are mine.', builtIn: false }
  const mine = template({ id: 't-mine', name: 'Mine', outputFormat: 'bullets', wordLimit: 50, examples: [{ user: 'u', assistant: 'a' }] })

  it('exports the user’s items in a versioned envelope, leaving built-ins out, and parses it back', () => {
    const file = exportLibrary({ presets: [...BUILT_IN_PRESETS, preset], templates: [...BUILT_IN_TEMPLATES, mine] })
    expect(file).toEqual({ format: 'instruct-desk-prompts', version: 1, presets: [preset], templates: [mine] })
    expect(PromptLibraryFile.parse(file)).toEqual(file)
    expect(parseLibrary(JSON.stringify(file))).toEqual({ ok: true, library: file })
    expect(parseLibrary(file)).toEqual({ ok: true, library: file })
  })

  it('marks everything imported as the user’s, and fills optional parts', () => {
    const result = parseLibrary({
      format: 'instruct-desk-prompts',
      version: 1,
      presets: [{ ...preset, builtIn: true }],
      templates: [{ id: 'x', name: 'Hand-written', prompt: 'Do {{input}}' }],
    })
    expect(result).toEqual({
      ok: true,
      library: {
        format: 'instruct-desk-prompts',
        version: 1,
        presets: [preset],
        templates: [{ id: 'x', name: 'Hand-written', prompt: 'Do {{input}}', description: '', examples: [], builtIn: false }],
      },
    })
    expect(parseLibrary({ format: 'instruct-desk-prompts', version: 1 })).toMatchObject({
      ok: true,
      library: { presets: [], templates: [] },
    })
  })

  it.each([
    ['{"format": ', /not valid JSON/],
    ['[1, 2]', /not an Instruct Desk prompt library: expected a JSON object/],
    ['"text"', /expected a JSON object/],
    [null, /expected a JSON object/],
    [{ format: 'something-else', version: 1 }, /"format" should be "instruct-desk-prompts"/],
    [{ format: 'instruct-desk-prompts' }, /no valid "version"/],
    [{ format: 'instruct-desk-prompts', version: 2 }, /version 2, newer than this app understands.*Update Instruct Desk/],
    [{ format: 'instruct-desk-prompts', version: 0 }, /version 0 is not supported/],
    [{ format: 'instruct-desk-prompts', version: 1, presets: {} }, /"presets" must be a list/],
    [
      { format: 'instruct-desk-prompts', version: 1, templates: [{ id: 'a', name: 'Broken', prompt: '   ' }] },
      /Template 1 \("Broken"\), prompt: the prompt must not be empty/,
    ],
    [{ format: 'instruct-desk-prompts', version: 1, presets: [{ id: 'a', text: 'x' }] }, /Preset 1, name: missing \(should be a string\)/],
    [
      { format: 'instruct-desk-prompts', version: 1, presets: [{ id: 'bad id!', name: 'N', text: 'x' }] },
      /Preset 1 \("N"\), id: the id may contain only/,
    ],
    [
      {
        format: 'instruct-desk-prompts',
        version: 1,
        templates: [{ id: 'a', name: 'W', prompt: 'p', wordLimit: 0, examples: [{ user: 'u' }] }],
      },
      /Template 1 \("W"\), examples\.0\.assistant: missing.*Template 1 \("W"\), wordLimit: the word limit must be at least 1/,
    ],
  ])('refuses %j with a specific message', (input, message) => {
    const result = parseLibrary(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(message)
  })

  it('caps the list of problems it reports', () => {
    const presets = Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, name: '', text: 'x' }))
    const result = parseLibrary({ format: 'instruct-desk-prompts', version: 1, presets })
    expect(!result.ok && result.error).toMatch(/and 3 more problems/)
  })
})
