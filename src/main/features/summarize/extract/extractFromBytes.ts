import type { ExtractedDocument } from '../../../../shared/domain/documents.ts'
import { detectFormat, type PackagedFormat, type TextFormat } from './detectFormat.ts'
import { emptyFile, tooLarge } from './fileErrors.ts'
import type { ExtractedContent } from './extractedContent.ts'
import { DEFAULT_MAX_BYTES } from './limits.ts'
import type { DecodedText } from './textDecoding.ts'

type PackagedExtractor = (bytes: Uint8Array, fileName: string) => Promise<ExtractedContent>
type TextExtractor = (decoded: DecodedText) => ExtractedContent

/** Loaded on first use, so a worker that never meets a PDF never loads the PDF reader. */
const packagedExtractors: Record<PackagedFormat, () => Promise<PackagedExtractor>> = {
  pdf: async () => (await import('./formats/pdf.ts')).extractPdf,
  docx: async () => (await import('./formats/docx.ts')).extractDocx,
  odt: async () => (await import('./formats/odt.ts')).extractOdt,
  epub: async () => (await import('./formats/epub.ts')).extractEpub,
  rtf: async () => (await import('./formats/rtf.ts')).extractRtf,
}

const textExtractors: Record<TextFormat, () => Promise<TextExtractor>> = {
  text: async () => (await import('./formats/plainText.ts')).extractPlainText,
  markdown: async () => (await import('./formats/markdown.ts')).extractMarkdown,
  html: async () => (await import('./formats/html.ts')).extractHtml,
  csv: async () => (await import('./formats/csv.ts')).extractCsv,
  json: async () => (await import('./formats/json.ts')).extractJson,
  code: async () => (await import('./formats/code.ts')).extractCode,
}

export interface ExtractOptions {
  maxBytes?: number
}

/**
 * A dropped file's text and structure, on the calling thread: the size limit first, then the
 * format by content, then that format's extractor. Every failure is an AppError naming the file.
 * `bytes` may be taken over (PDFs leave it empty), as it is in the worker that owns it.
 */
export async function extractFromBytes(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  if (bytes.byteLength > maxBytes) throw tooLarge(fileName, bytes.byteLength, maxBytes)
  const detected = await detectFormat(bytes, fileName)
  const content =
    detected.kind === 'packaged'
      ? await (
          await packagedExtractors[detected.format]()
        )(bytes, fileName)
      : (await textExtractors[detected.format]())(detected.decoded)
  if (!content.text.trim()) throw emptyFile(fileName)
  const document: ExtractedDocument = {
    name: fileName,
    format: detected.format,
    text: content.text,
    sections: content.sections,
    notes: content.notes,
  }
  if (content.pages) document.pages = content.pages
  if (detected.kind === 'text') document.encoding = detected.decoded.encoding
  return document
}
