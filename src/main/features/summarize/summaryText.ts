import { DEFAULT_SYSTEM_PROMPT } from '../../../shared/domain/chat.ts'
import type { SummaryChunk } from '../../../shared/domain/summary.ts'
import type { StoredSummary } from '../../../shared/domain/summaryJobs.ts'
import { pageText } from './summaryPrompts.ts'

/**
 * A stored summary as a person reads it: what was summarized and how, the summary, then each
 * part's notes with where in the document it lies. An incomplete or truncated job says so at the
 * top, so an export never passes off partial work as the whole.
 */
export function summaryToMarkdown(stored: StoredSummary): string {
  const { result, options } = stored
  const settings = [
    `Length: ${options.length}`,
    ...(options.focus ? [`Focus: ${options.focus}`] : []),
    ...(options.language ? [`Language: ${options.language}`] : []),
    `Context window: ${result.numCtx.toLocaleString('en-US')} tokens`,
  ]
  const header = [
    `# Summary of ${oneLine(stored.fileName)}`,
    [
      `- File: ${oneLine(stored.fileName)} (${stored.format}${stored.pages ? `, ${stored.pages} pages` : ''})`,
      `- Model: ${result.model}`,
      `- ${settings.join(' · ')}`,
    ].join('\n'),
  ]
  const notes = [
    ...(result.complete
      ? []
      : [
          '> **Incomplete:** the job was stopped before the end. Below are the notes on the parts summarized so far; the others were not summarized.',
        ]),
    ...(result.truncated ? ['> **Not all text was read:** Ollama dropped part of a prompt, so some of the document may be missing.'] : []),
    ...(result.warnings.length ? [result.warnings.map((w) => `- ${w}`).join('\n')] : []),
  ]
  const summary = result.summary.trim() ? ['## Summary', result.summary.trim()] : []
  const parts = ['## Parts', ...result.chunks.map(partSection)]
  return `${[...header, ...notes, ...summary, ...parts].join('\n\n')}\n`
}

/** The system prompt of a chat about a summarized document: the usual one, then the summary as context. */
export function summaryChatPrompt(stored: StoredSummary): string {
  const { result } = stored
  const body = result.summary.trim()
    ? result.summary.trim()
    : `Only part of it was summarized before the job was stopped. Notes on those parts:\n\n${result.chunks
        .filter((c) => c.summary)
        .map((c) => `${where(c)}:\n${c.summary.trim()}`)
        .join('\n\n')}`
  return [
    DEFAULT_SYSTEM_PROMPT,
    `The user wants to talk about the document "${oneLine(stored.fileName)}". You cannot see the document itself, only this summary of it:`,
    `<summary>\n${body}\n</summary>`,
    'Answer from the summary; when it does not say, tell the user so rather than guessing.',
  ].join('\n\n')
}

function partSection(chunk: SummaryChunk): string {
  const sections = chunk.sections.length ? [`Sections: ${chunk.sections.join(', ')}`] : []
  const text = chunk.summary.trim() || '*Not summarized.*'
  return [`### ${where(chunk)}`, ...sections, text].join('\n\n')
}

/** `Part 2 · pages 3–5 · characters 4,210–9,876` */
function where(chunk: SummaryChunk): string {
  const range = `characters ${chunk.range.start.toLocaleString('en-US')}–${chunk.range.end.toLocaleString('en-US')}`
  return [`Part ${chunk.id.slice(1)}`, ...(chunk.pages ? [pageText(chunk.pages)] : []), range].join(' · ')
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
