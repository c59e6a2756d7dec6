import { z } from 'zod'

export const DocumentFormat = z.enum(['text', 'markdown', 'html', 'pdf', 'docx', 'odt', 'rtf', 'epub', 'csv', 'json', 'code'])
export type DocumentFormat = z.infer<typeof DocumentFormat>

/**
 * A structural part of a document: a chapter, heading, page or the like. `start`/`end` are
 * offsets (UTF-16 code units) into `ExtractedDocument.text`; sections are in reading order and
 * together cover the whole text without gaps or overlaps.
 */
export const DocumentSection = z.object({
  title: z.string().optional(),
  /** 1 for chapters/top headings, deeper for sub-headings; 0 for untitled stretches (pages, paragraphs). */
  level: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** First PDF page the section is on (1-based), when the format has pages. */
  page: z.number().int().min(1).optional(),
})
export type DocumentSection = z.infer<typeof DocumentSection>

export const DocumentPage = z.object({ number: z.number().int().min(1), start: z.number().int().min(0), end: z.number().int().min(0) })
export type DocumentPage = z.infer<typeof DocumentPage>

/** Plain text of a document with the structure chunking and the coverage map need. */
export const ExtractedDocument = z.object({
  name: z.string(),
  format: DocumentFormat,
  text: z.string(),
  sections: z.array(DocumentSection),
  pages: z.array(DocumentPage).optional(),
  /** How text files were decoded (utf-8, utf-16le, windows-1252…). */
  encoding: z.string().optional(),
  /** Things the reader should know, e.g. "3 images were skipped". */
  notes: z.array(z.string()),
})
export type ExtractedDocument = z.infer<typeof ExtractedDocument>
