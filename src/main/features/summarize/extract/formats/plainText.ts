import { toSections, type SectionStart } from '../sections.ts'
import type { ExtractedContent } from '../extractedContent.ts'
import type { DecodedText } from '../textDecoding.ts'

const NUMBER = String.raw`(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third|fourth|fifth)`
/** A line of its own after a blank line, such as "CHAPTER IV", "Part Two: The Return" or "Epilogue". */
const CHAPTER_LINE = new RegExp(
  String.raw`(?:^|\n[ \t]*\n)([ \t]*((?:chapter|part|book)\s+${NUMBER}\b[^\n]{0,80}|(?:prologue|epilogue)\b[^\n]{0,60}))(?=\n)`,
  'gi',
)

/** Plain text as it is; books in plain text get a section per chapter heading line. */
export function extractPlainText(decoded: DecodedText): ExtractedContent {
  const { text } = decoded
  const starts: SectionStart[] = []
  for (const match of text.matchAll(CHAPTER_LINE)) {
    const line = match[1] ?? ''
    starts.push({ offset: match.index + match[0].length - line.length, level: 1, title: (match[2] ?? '').trim() })
  }
  return { text, sections: toSections(text.length, starts), notes: [...decoded.notes] }
}
