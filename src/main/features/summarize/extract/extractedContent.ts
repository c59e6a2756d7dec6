import type { ExtractedDocument } from '../../../../shared/domain/documents.ts'

/** What a format's extractor produces; the file's name, format and encoding are added around it. */
export type ExtractedContent = Pick<ExtractedDocument, 'text' | 'sections' | 'notes' | 'pages'>

export function imagesLeftOut(count: number): string[] {
  if (count === 0) return []
  return [count === 1 ? '1 image was left out; only text is summarized.' : `${count} images were left out; only text is summarized.`]
}
