import { lineOffsets } from '../lineOffsets.ts'
import { toSections, type SectionStart } from '../sections.ts'
import type { ExtractedContent } from '../extractedContent.ts'
import type { DecodedText } from '../textDecoding.ts'

const TITLE_LENGTH = 80

/**
 * Source code as it is, a section per top-level block: one begins at an unindented line after a
 * blank line (a function, a class, a comment before one), which holds across languages without
 * parsing any of them. Closing brackets at the margin belong to the block above.
 */
export function extractCode(decoded: DecodedText): ExtractedContent {
  const { text } = decoded
  const offsets = lineOffsets(text)
  const starts: SectionStart[] = []
  let previousBlank = true
  for (let i = 0; i < offsets.length; i++) {
    const line = text.slice(offsets[i], (offsets[i + 1] ?? text.length + 1) - 1)
    const blank = line.trim() === ''
    if (previousBlank && !blank && /^[^\s)\]}]/.test(line)) {
      const title = line.trim()
      starts.push({
        offset: offsets[i] ?? 0,
        level: 1,
        title: title.length > TITLE_LENGTH ? `${title.slice(0, TITLE_LENGTH - 1)}…` : title,
      })
    }
    previousBlank = blank
  }
  return { text, sections: toSections(text.length, starts), notes: [...decoded.notes] }
}
