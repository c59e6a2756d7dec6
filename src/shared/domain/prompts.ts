import { z } from 'zod'
import { DEFAULT_SYSTEM_PROMPT } from './chat.ts'

/*
 * The prompt library: system prompt presets and task templates. Templates are plain text with
 * `{{name}}` placeholders (or `{{name=default}}`), so what the preview shows is exactly what is
 * sent; few-shot examples travel as real user/assistant message pairs, which instruct models
 * follow far more reliably than examples pasted into one prompt.
 */

/** Ids are generated (UUIDs) for the user's items and fixed (`builtin-…`) for the shipped ones. */
export const PromptId = z
  .string()
  .min(1, 'an id is required')
  .max(100, 'the id is longer than 100 characters')
  .regex(/^[\w.:-]+$/, 'the id may contain only letters, digits and . _ : -')

/** Ids of shipped items start with this; the user's items never do, so built-ins cannot be overwritten. */
export const BUILT_IN_ID_PREFIX = 'builtin-'

export function isBuiltInId(id: string): boolean {
  return id.startsWith(BUILT_IN_ID_PREFIX)
}

const Name = z.string().trim().min(1, 'a name is required').max(100, 'the name is longer than 100 characters')
const LongText = (what: string, max: number) =>
  z
    .string()
    .max(max, `${what} is longer than ${max.toLocaleString('en-US')} characters`)
    .refine((text) => text.trim() !== '', `${what} must not be empty`)

export const SystemPreset = z.object({
  id: PromptId,
  name: Name,
  text: LongText('the system prompt', 20_000),
  builtIn: z.boolean(),
})
export type SystemPreset = z.infer<typeof SystemPreset>

export const OutputFormat = z.enum(['bullets', 'table', 'json', 'words', 'free'])
export type OutputFormat = z.infer<typeof OutputFormat>

export const FewShotExample = z.object({
  user: LongText('an example question', 20_000),
  assistant: LongText('an example answer', 20_000),
})
export type FewShotExample = z.infer<typeof FewShotExample>

const templateShape = {
  id: PromptId,
  name: Name,
  description: z.string().max(500, 'the description is longer than 500 characters').default(''),
  /** Replaces the conversation's system prompt when set; may hold placeholders too. */
  systemPrompt: z.string().max(20_000, 'the system prompt is longer than 20,000 characters').optional(),
  /** Sent, in order, as user/assistant pairs before the final prompt. Literal text: no placeholders. */
  examples: z.array(FewShotExample).max(20, 'at most 20 examples').default([]),
  prompt: LongText('the prompt', 50_000),
  /**
   * What the prompt asks for, shown as badges and used by the editor's "insert format instruction".
   * Descriptive only: the prompt text itself must say it, so the preview is what the model sees.
   */
  outputFormat: OutputFormat.optional(),
  wordLimit: z.number().int().min(1, 'the word limit must be at least 1').max(10_000, 'the word limit must be at most 10,000').optional(),
  builtIn: z.boolean(),
}

export const PromptTemplate = z.object(templateShape)
export type PromptTemplate = z.infer<typeof PromptTemplate>

/** What a save request carries: no `builtIn` (main decides), no id for a new item. Strict, as every request is. */
export const PresetDraft = z.strictObject({ ...SystemPreset.shape, id: PromptId.optional() }).omit({ builtIn: true })
export type PresetDraft = z.infer<typeof PresetDraft>

export const TemplateDraft = z.strictObject({ ...templateShape, id: PromptId.optional() }).omit({ builtIn: true })
export type TemplateDraft = z.infer<typeof TemplateDraft>

export const PromptLibraryList = z.object({ presets: z.array(SystemPreset), templates: z.array(PromptTemplate) })
export type PromptLibraryList = z.infer<typeof PromptLibraryList>

export const LIBRARY_FORMAT = 'instruct-desk-prompts'
export const LIBRARY_VERSION = 1

/** The export file (and the store's own file): a versioned envelope, so later versions can migrate or refuse clearly. */
export const PromptLibraryFile = z.object({
  format: z.literal(LIBRARY_FORMAT),
  version: z.literal(LIBRARY_VERSION),
  presets: z.array(SystemPreset).max(1_000, 'at most 1,000 presets'),
  templates: z.array(PromptTemplate).max(1_000, 'at most 1,000 templates'),
})
export type PromptLibraryFile = z.infer<typeof PromptLibraryFile>

export const ImportCounts = z.object({
  presets: z.number().int().nonnegative(),
  templates: z.number().int().nonnegative(),
  /** Items identical to one already in the library (same id and content), e.g. a file imported twice. */
  skipped: z.number().int().nonnegative(),
})
export type ImportCounts = z.infer<typeof ImportCounts>

// ---------------------------------------------------------------------------------------------
// Placeholders

/** `{{name}}` or `{{name=default}}`; anything else in braces (`{{ }}`, `{{a b}}`) is plain text. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*([^{}]*?)\s*)?\}\}/g

type TemplateText = Pick<PromptTemplate, 'prompt' | 'systemPrompt'>

function placeholders(template: TemplateText): { name: string; fallback: string | undefined }[] {
  const texts = [template.prompt, template.systemPrompt ?? '']
  return texts.flatMap((text) => [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] ?? '', fallback: m[2] })))
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; name: string; fallback: string | undefined; raw: string }

/** A text cut into plain runs and placeholders, for previews that mark the fields. */
export function templateParts(text: string): TemplatePart[] {
  const parts: TemplatePart[] = []
  let at = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > at) parts.push({ kind: 'text', text: text.slice(at, match.index) })
    parts.push({ kind: 'field', name: match[1] ?? '', fallback: match[2], raw: match[0] })
    at = match.index + match[0].length
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) })
  return parts
}

/** The template's fields in order of first appearance: the prompt's first, then any only the system prompt uses. */
export function templateFields(template: TemplateText): string[] {
  return [...new Set(placeholders(template).map((p) => p.name))]
}

/** Defaults written as `{{name=default}}`; the first one given for a name wins. */
export function fieldDefaults(template: TemplateText): Record<string, string> {
  const defaults: Record<string, string> = {}
  for (const { name, fallback } of placeholders(template)) if (fallback !== undefined && !(name in defaults)) defaults[name] = fallback
  return defaults
}

/** `bullet_count` → "Bullet count", for form labels. */
export function fieldLabel(name: string): string {
  const words = name
    .replace(/_+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function resolveValue(name: string, values: Record<string, string>, defaults: Record<string, string>): string | undefined {
  const given = values[name]
  if (given !== undefined && given.trim() !== '') return given
  const fallback = defaults[name]
  return fallback !== undefined && fallback.trim() !== '' ? fallback : undefined
}

/** Fields with neither a value nor a default: what the form must ask for before Use. */
export function missingFields(template: TemplateText, values: Record<string, string>): string[] {
  const defaults = fieldDefaults(template)
  return templateFields(template).filter((name) => resolveValue(name, values, defaults) === undefined)
}

export class MissingFieldsError extends Error {
  readonly fields: string[]
  constructor(fields: string[]) {
    super(`Fill in ${fields.map((f) => `"${fieldLabel(f)}"`).join(', ')} before using this template (missing: ${fields.join(', ')}).`)
    this.name = 'MissingFieldsError'
    this.fields = fields
  }
}

/** Blank lines around pasted text only add noise inside the prompt's delimiters; indentation is kept. */
function trimBlankLines(text: string): string {
  return text.replace(/^\s*\n/, '').replace(/\n\s*$/, '')
}

/** One pass, so a value that itself contains `{{x}}` (code, another template) is inserted literally. */
function fill(text: string, values: Record<string, string>, defaults: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => trimBlankLines(resolveValue(name, values, defaults) ?? ''))
}

export interface AppliedTemplate {
  system?: string
  messages: { role: 'user' | 'assistant'; content: string }[]
}

/**
 * The messages a template produces: each few-shot example as a user/assistant pair, then the
 * filled prompt. `system` is set only when the template has its own system prompt.
 * Throws MissingFieldsError when a field has no value and no default.
 */
export function applyTemplate(
  template: Pick<PromptTemplate, 'prompt' | 'systemPrompt' | 'examples'>,
  values: Record<string, string>,
): AppliedTemplate {
  const missing = missingFields(template, values)
  if (missing.length > 0) throw new MissingFieldsError(missing)
  const defaults = fieldDefaults(template)
  const messages: AppliedTemplate['messages'] = template.examples.flatMap((example) => [
    { role: 'user' as const, content: example.user },
    { role: 'assistant' as const, content: example.assistant },
  ])
  messages.push({ role: 'user', content: fill(template.prompt, values, defaults) })
  const system = template.systemPrompt === undefined ? '' : fill(template.systemPrompt, values, defaults).trim()
  return system ? { system, messages } : { messages }
}

const FORMAT_SENTENCES: Partial<Record<OutputFormat, { sentence: string; mentioned: RegExp }>> = {
  bullets: { sentence: 'Answer as a Markdown bullet list: one point per line, each starting with "- ".', mentioned: /bullet/i },
  table: { sentence: 'Answer with a Markdown table only, with a header row.', mentioned: /table/i },
  json: { sentence: 'Answer with valid JSON only: no code fences, no text before or after it.', mentioned: /json|list/i },
}

/** The sentences that state a format and word limit, for the template editor to insert (the model only sees the text). */
export function formatInstruction(format: OutputFormat | undefined, wordLimit: number | undefined): string {
  return missingFormatInstruction('', format, wordLimit)
}

/** Only the parts of formatInstruction the prompt does not mention yet (by keyword); '' when it states them all. */
export function missingFormatInstruction(prompt: string, format: OutputFormat | undefined, wordLimit: number | undefined): string {
  const sentences: string[] = []
  const known = format && FORMAT_SENTENCES[format]
  if (known && !known.mentioned.test(prompt)) sentences.push(known.sentence)
  if (wordLimit !== undefined && !prompt.includes(`${wordLimit} words`)) sentences.push(`Keep the answer under ${wordLimit} words.`)
  return sentences.join(' ')
}

// ---------------------------------------------------------------------------------------------
// Import and export

export type LibraryItems = { presets: readonly SystemPreset[]; templates: readonly PromptTemplate[] }

/** The user's items in the export envelope; built-ins ship with the app and are left out. */
export function exportLibrary(items: LibraryItems): PromptLibraryFile {
  return {
    format: LIBRARY_FORMAT,
    version: LIBRARY_VERSION,
    presets: items.presets.filter((p) => !p.builtIn).map((p) => ({ ...p, builtIn: false })),
    templates: items.templates.filter((t) => !t.builtIn).map((t) => ({ ...t, builtIn: false })),
  }
}

export type LibraryParseResult = { ok: true; library: PromptLibraryFile } | { ok: false; error: string }

function describePath(path: readonly PropertyKey[], root: Record<string, unknown>): string {
  const [list, index, ...rest] = path
  if ((list === 'presets' || list === 'templates') && typeof index === 'number') {
    const item = (root[list] as unknown[])[index] as { name?: unknown } | undefined
    const named = typeof item?.name === 'string' && item.name.trim() ? ` ("${item.name.trim().slice(0, 60)}")` : ''
    const kind = list === 'presets' ? 'Preset' : 'Template'
    return `${kind} ${index + 1}${named}${rest.length ? `, ${rest.map(String).join('.')}` : ''}`
  }
  return path.map(String).join('.')
}

/**
 * Reads an export file (its text or the parsed value). Every problem is described in words a
 * person can act on: which item, which field, what is wrong. `builtIn` may be absent in
 * hand-written files and is always false after import.
 */
export function parseLibrary(json: unknown): LibraryParseResult {
  let value = json
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json)
    } catch (error) {
      return { ok: false, error: `The file is not valid JSON (${error instanceof Error ? error.message : String(error)}).` }
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      error: 'This is not an Instruct Desk prompt library: expected a JSON object with "format", "version", "presets" and "templates".',
    }
  }
  const root = value as Record<string, unknown>
  if (root.format !== LIBRARY_FORMAT) {
    return { ok: false, error: `This is not an Instruct Desk prompt library: "format" should be "${LIBRARY_FORMAT}".` }
  }
  if (typeof root.version !== 'number' || !Number.isInteger(root.version)) {
    return { ok: false, error: `The library has no valid "version" (expected ${LIBRARY_VERSION}).` }
  }
  if (root.version > LIBRARY_VERSION) {
    return {
      ok: false,
      error: `This library is version ${root.version}, newer than this app understands (version ${LIBRARY_VERSION}). Update Instruct Desk to import it.`,
    }
  }
  if (root.version !== LIBRARY_VERSION)
    return { ok: false, error: `Library version ${root.version} is not supported (expected ${LIBRARY_VERSION}).` }
  for (const list of ['presets', 'templates'] as const) {
    if (root[list] !== undefined && !Array.isArray(root[list])) return { ok: false, error: `"${list}" must be a list.` }
  }
  const withDefaults = {
    ...root,
    presets: ((root.presets ?? []) as unknown[]).map(forceUserItem),
    templates: ((root.templates ?? []) as unknown[]).map(forceUserItem),
  }
  const parsed = PromptLibraryFile.safeParse(withDefaults)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${describePath(issue.path, withDefaults)}: ${describeIssue(issue)}`)
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more problems)` : ''
    return { ok: false, error: `The library has invalid entries — ${issues.join('; ')}${more}.` }
  }
  return { ok: true, library: parsed.data }
}

/** zod's "expected string, received undefined" reads better as what it means. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
    return `missing (should be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`})`
  return issue.message
}

function forceUserItem(item: unknown): unknown {
  return typeof item === 'object' && item !== null && !Array.isArray(item) ? { ...item, builtIn: false } : item
}

// ---------------------------------------------------------------------------------------------
// Built-ins

export const DEFAULT_PRESET_ID = 'builtin-concise'

const TECHNICAL_PRESET_TEXT = [
  'You are a senior software engineer who gives precise, correct technical answers.',
  'Start with the direct answer, then give only the details needed to apply it.',
  'Use exact names, units and version numbers. Put code, commands and file paths in Markdown code blocks.',
  'If the answer depends on something you do not know, or you are unsure, say so in one sentence instead of guessing.',
  'Do not add introductions, disclaimers or summaries.',
].join(' ')

/** Role first, then constraints, then the output format: the order instruct models weigh most reliably. */
export const BUILT_IN_PRESETS: readonly SystemPreset[] = [
  { id: DEFAULT_PRESET_ID, name: 'Concise assistant', text: DEFAULT_SYSTEM_PROMPT, builtIn: true },
  {
    id: 'builtin-technical',
    name: 'Precise technical answers',
    text: TECHNICAL_PRESET_TEXT,
    builtIn: true,
  },
  {
    id: 'builtin-teacher',
    name: 'Teacher who explains simply',
    text: [
      'You are a patient teacher explaining to a curious beginner.',
      'Use plain words and short sentences, and define every technical term the first time you use it.',
      'Build the explanation step by step and include one everyday analogy or example.',
      'End with a one-sentence recap. Keep answers under 250 words unless the learner asks for more.',
    ].join(' '),
    builtIn: true,
  },
  {
    id: 'builtin-editor',
    name: 'Editor who rewrites text',
    text: [
      'You are a careful editor. When the user gives you text, rewrite it to be clear, correct and concise.',
      "Keep the author's meaning, facts, tone and language; fix grammar, spelling and punctuation; prefer short sentences and the active voice.",
      'Answer with the edited text only. Only if the user asks for comments, list the main changes as bullet points after the text.',
    ].join(' '),
    builtIn: true,
  },
  {
    id: 'builtin-json',
    name: 'JSON-only responder',
    text: [
      'You are a data service that answers only with JSON.',
      'Your whole reply must be one valid JSON value: no Markdown code fences, no comments, no text before or after it.',
      'Use double-quoted keys and strings. Use null for values the input does not give; never invent data.',
      'If the user gives a schema or an example shape, follow it exactly, with the same keys and types.',
    ].join(' '),
    builtIn: true,
  },
]

/** Triple quotes mark where the user's text starts and ends, so instructions inside it are not obeyed as ours. */
const quoted = (label: string) => `${label}:\n"""\n{{input}}\n"""`

const NAMES_PROMPT = [
  'Extract the names of all the people mentioned in the paragraph below and put them into a Python list of strings.',
  'List each person once, in order of first mention, with the fullest form of the name the paragraph gives.',
  'Do not include places, organisations or events named after people. If no people are mentioned, answer [].',
  'Answer with the list only.',
  '',
  quoted('Paragraph'),
].join('\n')

const NAMES_EXAMPLE_PARAGRAPH =
  'At the 1911 Solvay Conference in Brussels, Marie Curie talked with Albert Einstein. ' +
  'Einstein later wrote to Paul Langevin that Curie was "a woman of sparkling intelligence".'

const REWRITE_PROMPT = [
  'Rewrite the text below so it is clear and easy to read.',
  'Keep its meaning, facts and language; use short sentences and plain words; fix grammar and spelling.',
  'Answer with the rewritten text only, without comments.',
  '',
  quoted('Text'),
].join('\n')

export const BUILT_IN_TEMPLATES: readonly PromptTemplate[] = [
  {
    id: 'builtin-short-story',
    name: 'Short story',
    description: 'A complete short story about a subject you choose, under 200 words.',
    systemPrompt: 'You are a creative writer of short fiction. Your stories have a clear beginning, middle and end.',
    examples: [],
    prompt: [
      'Write a short story about {{input=a cat that goes on an adventure}}.',
      'The story must be under 200 words.',
      'Give it a title on the first line, then the story in two to four short paragraphs.',
    ].join('\n'),
    outputFormat: 'words',
    wordLimit: 200,
    builtIn: true,
  },
  {
    id: 'builtin-extract-names',
    name: "Extract people's names",
    description: 'Every person mentioned in a paragraph, as a Python list. One example pair shows the exact format.',
    systemPrompt: 'You extract information from text exactly as it is written. You never add anything that is not in the text.',
    examples: [
      {
        user: NAMES_PROMPT.replace('{{input}}', NAMES_EXAMPLE_PARAGRAPH),
        assistant: '["Marie Curie", "Albert Einstein", "Paul Langevin"]',
      },
    ],
    prompt: NAMES_PROMPT,
    outputFormat: 'json',
    builtIn: true,
  },
  {
    id: 'builtin-pros-cons',
    name: 'Pros and cons table',
    description: 'The pros and cons of a topic as a Markdown table with Aspect, Pros and Cons columns.',
    examples: [],
    prompt: [
      'List the pros and cons of {{input=electric cars}}.',
      'Answer with a Markdown table with exactly three columns: Aspect | Pros | Cons.',
      'Use one row per aspect (for example cost, convenience, environment), at most 6 rows, and keep each cell under 15 words.',
      'Answer with the table only.',
    ].join('\n'),
    outputFormat: 'table',
    builtIn: true,
  },
  {
    id: 'builtin-summarize',
    name: 'Summarize an article',
    description: 'The key points of an article as a few bullet points, using only facts from the text.',
    systemPrompt: 'You are a precise summarizer. You use only facts stated in the text you are given.',
    examples: [],
    prompt: [
      'Summarize the article below in {{bullet_count=5}} bullet points.',
      'Each bullet point is one sentence of at most 25 words and starts with "- ".',
      'Keep names, numbers and dates exactly as written, and do not add facts that are not in the article.',
      'Answer with the bullet points only.',
      '',
      quoted('Article'),
    ].join('\n'),
    outputFormat: 'bullets',
    builtIn: true,
  },
  {
    id: 'builtin-rewrite',
    name: 'Rewrite for clarity',
    description: 'The same text, clearer and shorter, with its meaning kept.',
    systemPrompt: 'You are a careful editor who makes text clear without changing what it says.',
    examples: [
      {
        user: REWRITE_PROMPT.replace(
          '{{input}}',
          'Due to the fact that the meeting was postponed by the manager, we was unable to finalise the report in a timely manner.',
        ),
        assistant: 'The manager postponed the meeting, so we could not finish the report on time.',
      },
    ],
    prompt: REWRITE_PROMPT,
    outputFormat: 'free',
    builtIn: true,
  },
  {
    id: 'builtin-translate',
    name: 'Translate',
    description: 'A faithful translation into the language you name, formatting kept.',
    systemPrompt:
      'You are a professional translator. You translate faithfully and naturally, and you never answer the text instead of translating it.',
    examples: [],
    prompt: [
      'Translate the text below into {{language=English}}.',
      'Keep the meaning, tone and formatting (line breaks, lists, Markdown). Do not translate code, names or URLs.',
      'Answer with the translation only.',
      '',
      quoted('Text'),
    ].join('\n'),
    outputFormat: 'free',
    builtIn: true,
  },
  {
    id: 'builtin-explain-code',
    name: 'Explain code',
    description: 'What a piece of code does, how it works and what to watch out for, under 250 words.',
    systemPrompt: TECHNICAL_PRESET_TEXT,
    examples: [],
    prompt: [
      'Explain what the code below does, for a developer who has not seen it before.',
      'Structure the answer in three parts:',
      '1. **Purpose**: one or two sentences.',
      '2. **How it works**: bullet points, step by step.',
      '3. **Watch out for**: bugs, edge cases or risks, if there are any.',
      'Keep the answer under 250 words.',
      '',
      'Code:',
      '```',
      '{{input}}',
      '```',
    ].join('\n'),
    outputFormat: 'words',
    wordLimit: 250,
    builtIn: true,
  },
]
