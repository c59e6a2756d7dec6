import type { ChatMessage } from '../../../shared/domain/chat.ts'
import type { PageSpan, SummaryLength } from '../../../shared/domain/summary.ts'

/** What every prompt of one job shares. */
export interface PromptContext {
  documentName: string
  length: SummaryLength
  focus?: string
  language?: string
}

/** Where a chunk sits, for the map prompt ("part 3 of 12, pages 40–58"). */
export interface PartPosition {
  index: number
  count: number
  pages?: PageSpan
  sections: readonly string[]
}

/**
 * A summary handed to a reduce call: one chunk's, shown under its label ("[C3] part 3 of 12"), or
 * an earlier merge's, whose parts each carry the labels of their sources.
 */
export interface ReduceItem {
  label?: string
  heading: string
  parts: readonly { text: string; chunkIds: readonly string[] }[]
}

export type AnswerKind = 'whole' | 'part' | 'merge' | 'final'

/** Final format per preset, and the word limits for the answer of each kind of call. */
const PRESETS: Record<SummaryLength, { format: string; finalWords: number; partWords: number }> = {
  sentence: { format: 'exactly one sentence of at most 40 words', finalWords: 40, partWords: 60 },
  paragraph: { format: 'one paragraph of at most 150 words', finalWords: 150, partWords: 100 },
  bullets: { format: 'between 5 and 8 bullet points, each starting with "- " and at most 25 words long', finalWords: 200, partWords: 120 },
  detailed: {
    format: 'short paragraphs separated by blank lines, one per main topic, at most 600 words in total',
    finalWords: 600,
    partWords: 250,
  },
}

const SYSTEM =
  'You are a helpful and concise assistant. You summarize documents faithfully: you report only what the text says and add nothing of your own.'

const CITE =
  'After each bullet point or paragraph, write in square brackets the labels of the parts it draws on, like [C2] or [C2, C5]. Use only labels that appear above.'

const MAX_TITLES = 3
const MAX_TITLE_CHARS = 60

export function answerWords(length: SummaryLength, kind: AnswerKind): number {
  const preset = PRESETS[length]
  if (kind === 'whole' || kind === 'final') return preset.finalWords
  return kind === 'merge' ? preset.partWords * 2 : preset.partWords
}

/** The whole document in one call. */
export function wholePrompt(context: PromptContext, text: string): ChatMessage[] {
  return messages(`Document: "${context.documentName}"\n\n<document>\n${text}\n</document>`, [
    `Summarize the document above in ${PRESETS[context.length].format}.`,
    ...topicAndLanguage(context, 'the document says'),
    'Reply with the summary only.',
  ])
}

/** One chunk of a document too long for one call: notes the reduce calls combine. */
export function partPrompt(context: PromptContext, text: string, position: PartPosition): ChatMessage[] {
  return messages(`Document: "${context.documentName}", ${describePosition(position)}\n\n<part>\n${text}\n</part>`, [
    `Summarize this part of the document in bullet points starting with "- ", at most ${answerWords(context.length, 'part')} words in total. Keep names, numbers, dates and conclusions.`,
    ...topicAndLanguage(context, 'this part says'),
    'Reply with the bullet points only.',
  ])
}

/** Combines summaries of consecutive parts: into the final summary, or (`merge`) into shorter notes for a later call. */
export function reducePrompt(context: PromptContext, items: readonly ReduceItem[], kind: 'merge' | 'final'): ChatMessage[] {
  const format =
    kind === 'final'
      ? PRESETS[context.length].format
      : `bullet points starting with "- ", at most ${answerWords(context.length, 'merge')} words in total`
  const body = items.map(renderItem).join('\n\n')
  return messages(
    `Below are summaries of consecutive parts of the document "${context.documentName}", in reading order. Each part has a label such as [C3].\n\n<summaries>\n${body}\n</summaries>`,
    [
      `Combine these summaries into ${format}. Merge repeated points and keep the order of the document.`,
      ...topicAndLanguage(context, 'the summaries say'),
      CITE,
      'Reply with the summary only.',
    ],
  )
}

/** "part 3 of 12 (pages 40–58; sections: Results, Outlook)". */
export function describePosition(position: PartPosition): string {
  const details: string[] = []
  if (position.pages) details.push(pageText(position.pages))
  if (position.sections.length > 0) {
    const titles = position.sections
      .slice(0, MAX_TITLES)
      .map((t) => (t.length > MAX_TITLE_CHARS ? `${t.slice(0, MAX_TITLE_CHARS - 1)}…` : t))
    const more = position.sections.length - titles.length
    details.push(`sections: ${titles.join(', ')}${more > 0 ? ` and ${more} more` : ''}`)
  }
  return `part ${position.index} of ${position.count}${details.length ? ` (${details.join('; ')})` : ''}`
}

export function pageText(pages: PageSpan): string {
  return pages.first === pages.last ? `page ${pages.first}` : `pages ${pages.first}–${pages.last}`
}

function renderItem(item: ReduceItem): string {
  if (item.label) return `[${item.label}] ${item.heading}\n${item.parts.map((p) => p.text).join('\n')}`
  return `${item.heading}\n${item.parts.map((p) => `${p.text} [${p.chunkIds.join(', ')}]`).join('\n')}`
}

/** `says`: what the material says, e.g. "this part says". */
function topicAndLanguage(context: PromptContext, says: string): string[] {
  const focus = context.focus
    ? [
        `Summarize only what ${says} about ${context.focus}. If there is nothing about that, reply exactly: "Nothing about ${context.focus}."`,
      ]
    : []
  const language = context.language ? `Write in ${context.language}.` : 'Write in the language the document is written in.'
  return [...focus, language]
}

/** The text first and the instructions last: a model follows instructions it read most recently, and if a server cuts a prompt, it cuts the start. */
function messages(material: string, instructions: string[]): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `${material}\n\n${instructions.join('\n')}` },
  ]
}
