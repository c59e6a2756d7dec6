import type { DocumentSection } from '../../../../shared/domain/documents.ts'

/** Where a section begins; it runs until the next one begins. */
export interface SectionStart {
  offset: number
  level: number
  title?: string
  page?: number
}

/**
 * Turns section starts into sections that cover [0, textLength) in order without gaps or overlaps.
 * Text before the first start becomes an untitled section; of several starts at one offset the last
 * wins, so a section that never received text disappears instead of being empty.
 */
export function toSections(textLength: number, starts: SectionStart[]): DocumentSection[] {
  if (textLength === 0) return []
  const ordered = [...starts].filter((s) => s.offset < textLength).sort((a, b) => a.offset - b.offset)
  const kept: SectionStart[] = []
  for (const start of ordered) {
    if (kept.at(-1)?.offset === start.offset) kept.pop()
    kept.push(start)
  }
  if (kept[0]?.offset !== 0) kept.unshift({ offset: 0, level: 0 })
  return kept.map((start, i) => {
    const section: DocumentSection = { level: start.level, start: start.offset, end: kept[i + 1]?.offset ?? textLength }
    if (start.title !== undefined) section.title = start.title
    if (start.page !== undefined) section.page = start.page
    return section
  })
}
