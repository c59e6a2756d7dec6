import { toSections, type SectionStart } from '../sections.ts'
import type { ExtractedContent } from '../extractedContent.ts'
import type { DecodedText } from '../textDecoding.ts'
import { topLevelEntries } from './jsonEntries.ts'
import { extractPlainText } from './plainText.ts'

export const ITEMS_PER_SECTION = 50

/**
 * JSON as readable text: kept as written when it has line breaks, indented when it came on one
 * line. A section per top-level key (titled with the key) or per 50 items of a top-level array.
 * Text that does not parse is still worth summarizing, so it is read as plain text with a note.
 */
export function extractJson(decoded: DecodedText): ExtractedContent {
  let value: unknown
  try {
    value = JSON.parse(decoded.text)
  } catch {
    const plain = extractPlainText(decoded)
    return { ...plain, notes: ['The file is not valid JSON (it may be cut off), so it was read as plain text.', ...plain.notes] }
  }
  const oneLine = typeof value === 'object' && value !== null && !decoded.text.trimEnd().includes('\n')
  const text = oneLine ? JSON.stringify(value, null, 2) : decoded.text
  const { container, entries } = topLevelEntries(text)
  const starts: SectionStart[] =
    container === 'object'
      ? entries.map((entry) => ({ offset: entry.offset, level: 1, title: entry.key }))
      : entries
          .filter((_, i) => i % ITEMS_PER_SECTION === 0)
          .map((entry, group) => {
            const first = group * ITEMS_PER_SECTION + 1
            return { offset: entry.offset, level: 0, title: `Items ${first}–${Math.min(first + ITEMS_PER_SECTION - 1, entries.length)}` }
          })
  // The opening bracket belongs to the first entry rather than to a section of its own.
  if (starts[0]) starts[0].offset = 0
  const notes = oneLine ? ['The JSON came on a single line; it is shown indented.', ...decoded.notes] : [...decoded.notes]
  return { text, sections: toSections(text.length, starts), notes }
}
