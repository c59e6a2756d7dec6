import type { TFunction } from 'i18next'
import type { DocumentFormat } from '../../../../shared/domain/documents.ts'
import type { SummaryChunk, SummaryLength, SummaryProgress, SummaryResult } from '../../../../shared/domain/summary.ts'

type T = TFunction<'summarize'>

export const LENGTHS = [
  { value: 'sentence', label: 'lengths.sentence' },
  { value: 'paragraph', label: 'lengths.paragraph' },
  { value: 'bullets', label: 'lengths.bullets' },
  { value: 'detailed', label: 'lengths.detailed' },
] as const satisfies { value: SummaryLength; label: string }[]

const FORMATS = {
  text: 'formats.text',
  markdown: 'formats.markdown',
  html: 'formats.html',
  pdf: 'formats.pdf',
  docx: 'formats.docx',
  odt: 'formats.odt',
  rtf: 'formats.rtf',
  epub: 'formats.epub',
  csv: 'formats.csv',
  json: 'formats.json',
  code: 'formats.code',
} as const satisfies Record<DocumentFormat, string>

export function formatLabel(format: DocumentFormat, t: T): string {
  return t(FORMATS[format])
}

export function lengthLabel(length: SummaryLength, t: T): string {
  const label = LENGTHS.find((l) => l.value === length)?.label
  return label ? t(label) : length
}

/** Where a chunk sits in the document, from its pages and the sections it overlaps: "pp. 3–5 · Findings – Method". */
export function chunkPlace(chunk: SummaryChunk, t: T): string {
  const places: string[] = []
  if (chunk.pages)
    places.push(
      chunk.pages.first === chunk.pages.last
        ? t('place.page', { page: chunk.pages.first })
        : t('place.pages', { first: chunk.pages.first, last: chunk.pages.last }),
    )
  const titles = chunk.sections.filter((title) => title.trim() !== '')
  const first = titles[0]
  const last = titles.at(-1)
  if (first && last) places.push(first === last ? first : t('place.sections', { first, last }))
  return places.join(' · ')
}

/** What a running file is doing, in words: the stage, the model call, tokens and time left. */
export function progressText(progress: SummaryProgress, t: T): string {
  const parts: string[] = []
  if (progress.stage === 'planning') parts.push(t('progress.planning'))
  else if (progress.stage === 'map') parts.push(t('progress.map', { call: progress.call, calls: progress.calls }))
  else if (progress.stage === 'reduce') parts.push(t('progress.reduce', { call: progress.call, calls: progress.calls }))
  else parts.push(t('progress.finishing'))
  if (progress.tokensTotal > 0)
    parts.push(t('progress.tokens', { done: progress.tokensDone, total: t('counts.token', { count: progress.tokensTotal }) }))
  if (progress.etaMs !== undefined && progress.etaMs > 0) parts.push(t('progress.left', { left: progress.etaMs / 1000 }))
  return parts.join(' · ')
}

/** The receipt: what was read and how, or honestly what was not. */
export function receiptText(result: SummaryResult, t: T): string {
  const parts = result.chunks.length
  const read = result.chunks.filter((c) => c.summary !== '').length
  const calls = t('counts.modelCall', { count: result.calls })
  const tokens = t('counts.token', { count: result.documentTokens })
  if (!result.complete) {
    const figures = { read, parts: t('counts.part', { count: parts }), calls, unread: t('counts.part', { count: parts - read }) }
    return result.summary ? t('receipt.stopped', figures) : t('receipt.stoppedNoSummary', figures)
  }
  const whole = parts === 1 ? t('receipt.whole', { tokens, calls }) : t('receipt.all', { count: parts, tokens, calls })
  return result.truncated ? `${whole} ${t('receipt.truncated')}` : whole
}
