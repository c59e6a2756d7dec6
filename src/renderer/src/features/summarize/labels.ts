import type { DocumentFormat } from '../../../../shared/domain/documents.ts'
import type { SummaryChunk, SummaryLength, SummaryProgress, SummaryResult } from '../../../../shared/domain/summary.ts'
import { formatDuration } from '../../ui/format.ts'

export const LENGTHS: { value: SummaryLength; label: string }[] = [
  { value: 'sentence', label: 'A sentence' },
  { value: 'paragraph', label: 'A paragraph' },
  { value: 'bullets', label: 'Bullet points' },
  { value: 'detailed', label: 'Detailed' },
]

const FORMATS: Record<DocumentFormat, string> = {
  text: 'Text',
  markdown: 'Markdown',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word',
  odt: 'OpenDocument',
  rtf: 'RTF',
  epub: 'EPUB',
  csv: 'CSV',
  json: 'JSON',
  code: 'Source code',
}

export function formatLabel(format: DocumentFormat): string {
  return FORMATS[format]
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`
}

/** Where a chunk sits in the document, from its pages and the sections it overlaps: "pp. 3–5 · Findings – Method". */
export function chunkPlace(chunk: SummaryChunk): string {
  const places: string[] = []
  if (chunk.pages)
    places.push(chunk.pages.first === chunk.pages.last ? `p. ${chunk.pages.first}` : `pp. ${chunk.pages.first}–${chunk.pages.last}`)
  const titles = chunk.sections.filter((title) => title.trim() !== '')
  const first = titles[0]
  const last = titles.at(-1)
  if (first && last) places.push(first === last ? first : `${first} – ${last}`)
  return places.join(' · ')
}

/** What a running file is doing, in words: the stage, the model call, tokens and time left. */
export function progressText(progress: SummaryProgress): string {
  const parts: string[] = []
  if (progress.stage === 'planning') parts.push('Planning the parts')
  else if (progress.stage === 'map') parts.push(`Summarizing part ${progress.call} of ${progress.calls}`)
  else if (progress.stage === 'reduce') parts.push(`Combining the summaries, call ${progress.call} of ${progress.calls}`)
  else parts.push('Finishing')
  if (progress.tokensTotal > 0) parts.push(`${progress.tokensDone.toLocaleString()} of ${count(progress.tokensTotal, 'token')}`)
  if (progress.etaMs !== undefined && progress.etaMs > 0) parts.push(`about ${formatDuration(progress.etaMs / 1000)} left`)
  return parts.join(' · ')
}

/** The receipt: what was read and how, or honestly what was not. */
export function receiptText(result: SummaryResult): string {
  const parts = result.chunks.length
  const read = result.chunks.filter((c) => c.summary !== '').length
  const calls = count(result.calls, 'model call')
  const tokens = count(result.documentTokens, 'token')
  if (!result.complete) {
    const left = parts - read
    return `Stopped before the end: read ${read} of ${count(parts, 'part')} in ${calls}; ${count(left, 'part')} not read${result.summary ? '' : ', and no final summary was written'}.`
  }
  const whole = parts === 1 ? `Read the whole document (${tokens})` : `Read all ${parts} parts (${tokens})`
  const truncated = result.truncated ? ' Ollama cut part of a prompt even after splitting smaller, so some text was not read.' : ''
  return `${whole} in ${calls}.${truncated}`
}
