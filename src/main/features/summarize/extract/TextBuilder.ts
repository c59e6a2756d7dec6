import type { DocumentSection } from '../../../../shared/domain/documents.ts'
import { toSections, type SectionStart } from './sections.ts'

/** Collapses runs of white space within each line and drops blank lines. */
export function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
}

/**
 * Assembles a document's text block by block (headings, paragraphs, preformatted text), one blank
 * line between blocks, and remembers where each section begins.
 */
export class TextBuilder {
  private readonly parts: string[] = []
  private length = 0
  private readonly starts: SectionStart[] = []

  /** Where the next block will begin. */
  get offset(): number {
    return this.length === 0 ? 0 : this.length + 2
  }

  startSection(start: Omit<SectionStart, 'offset'>): void {
    this.starts.push({ ...start, offset: this.offset })
  }

  /** A heading that comes first in a section just started (a chapter's own title) names that section instead of starting another. */
  heading(title: string, level: number): void {
    const text = tidyLines(title).replace(/\n/g, ' ')
    if (!text) return
    const current = this.starts.at(-1)
    if (current?.offset === this.offset) current.title ??= text
    else this.startSection({ title: text, level })
    this.append(text)
  }

  paragraph(text: string): void {
    const tidy = tidyLines(text)
    if (tidy) this.append(tidy)
  }

  preformatted(text: string): void {
    const kept = text.replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, '')
    if (kept.trim()) this.append(kept)
  }

  build(): { text: string; sections: DocumentSection[] } {
    const text = this.parts.join('')
    return { text, sections: toSections(text.length, this.starts) }
  }

  private append(block: string): void {
    if (this.length > 0) this.parts.push('\n\n')
    this.parts.push(block)
    this.length = this.offset + block.length
  }
}
