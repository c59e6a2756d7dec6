import { toSections, type SectionStart } from '../sections.ts'
import type { ExtractedContent } from '../extractedContent.ts'
import type { DecodedText } from '../textDecoding.ts'

export const ROWS_PER_SECTION = 100

const QUOTE = 34
const NEWLINE = 10

/**
 * A table as its own text (models read CSV well), a section per 100 rows after the header line.
 * Rows are split the way CSV quotes them, so a line break inside a quoted cell stays inside its row.
 */
export function extractCsv(decoded: DecodedText): ExtractedContent {
  const { text } = decoded
  const groups: { offset: number; firstRow: number }[] = []
  let row = 0
  let quoted = false
  let rowHasText = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === QUOTE) quoted = !quoted
    if (code !== NEWLINE || quoted) {
      rowHasText = true
      continue
    }
    if (rowHasText) row++
    rowHasText = false
    if (row % ROWS_PER_SECTION === 1 && row > 1 && i + 1 < text.length) groups.push({ offset: i + 1, firstRow: row })
  }
  const rows = row + (rowHasText ? 1 : 0) - 1
  const starts: SectionStart[] = [{ offset: 0, firstRow: 1 }, ...groups].map((group, i, all) => {
    const lastRow = Math.max(group.firstRow, (all[i + 1]?.firstRow ?? rows + 1) - 1)
    return { offset: group.offset, level: 0, title: rows > 0 ? `Rows ${group.firstRow}–${lastRow}` : undefined }
  })
  return { text, sections: toSections(text.length, starts), notes: [...decoded.notes] }
}
