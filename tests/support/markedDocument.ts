import type { DocumentPage, DocumentSection, ExtractedDocument } from '../../src/shared/domain/documents.ts'
import { seededRandom } from './seededRandom.ts'

/**
 * An extracted document from Markdown-like text: each `#`/`##`/`###` heading starts a section of
 * that level running to the next heading; text before the first heading is an untitled section.
 * `pageChars` cuts the text into pages of that many characters, as a PDF's pages fall mid-paragraph.
 */
export function documentFromMarkdown(name: string, text: string, pageChars?: number): ExtractedDocument {
  const sections: DocumentSection[] = []
  for (const match of text.matchAll(/^(#{1,3}) (.+)$/gm)) {
    const previous = sections.at(-1)
    if (previous) previous.end = match.index
    else if (match.index > 0) sections.push({ level: 0, start: 0, end: match.index })
    sections.push({ title: match[2] ?? '', level: match[1]?.length ?? 1, start: match.index, end: text.length })
  }
  if (sections.length === 0) sections.push({ level: 0, start: 0, end: text.length })
  const pages = pageChars ? pagesOf(text.length, pageChars) : undefined
  if (pages)
    for (const section of sections) section.page = pages.find((p) => p.start <= section.start && section.start < p.end)?.number ?? 1
  return { name, format: 'markdown', text, sections, ...(pages ? { pages } : {}), notes: [] }
}

function pagesOf(length: number, pageChars: number): DocumentPage[] {
  return Array.from({ length: Math.max(1, Math.ceil(length / pageChars)) }, (_, i) => ({
    number: i + 1,
    start: i * pageChars,
    end: Math.min(length, (i + 1) * pageChars),
  }))
}

export interface BookShape {
  chapters: number
  sectionsPerChapter: number
  paragraphsPerSection: number
  sentencesPerParagraph: number
  seed?: number
}

/** A book whose every paragraph holds a unique marker `[[pN]]`, in reading order from `[[p1]]`. */
export function markedBook(shape: BookShape): { markdown: string; markers: string[] } {
  const random = seededRandom(shape.seed ?? 7)
  const markers: string[] = []
  const blocks: string[] = []
  for (let c = 1; c <= shape.chapters; c++) {
    blocks.push(`# Chapter ${c}`)
    for (let s = 1; s <= shape.sectionsPerChapter; s++) {
      blocks.push(`## Section ${c}.${s}`)
      for (let p = 0; p < shape.paragraphsPerSection; p++) {
        const marker = `[[p${markers.length + 1}]]`
        markers.push(marker)
        const sentences = Array.from({ length: shape.sentencesPerParagraph }, () => sentence(random))
        blocks.push(`${marker} ${sentences.join(' ')}`)
      }
    }
  }
  return { markdown: `${blocks.join('\n\n')}\n`, markers }
}

const SYLLABLES = ['ka', 'lo', 'ren', 'ti', 'mas', 'qu', 'er', 'on', 'st', 'ba', 'vel', 'ix', 'dor', 'ne', 'ul', 'phy']

/** A sentence of invented words, so the tokenizer sees many distinct pieces. */
export function sentence(random: () => number, words = 8 + Math.floor(random() * 12)): string {
  const word = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('')
  const text = Array.from({ length: words }, word).join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
