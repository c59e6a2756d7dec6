import MarkdownIt from 'markdown-it'
import { lineOffsets } from '../lineOffsets.ts'
import { toSections, type SectionStart } from '../sections.ts'
import type { ExtractedContent } from '../extractedContent.ts'
import type { DecodedText } from '../textDecoding.ts'

const parser = new MarkdownIt()

/**
 * Markdown keeps its source as the text (the markup reads well and models know it); its headings,
 * found by a real parser so that `#` inside code blocks or front matter is not mistaken for one, start the sections.
 */
export function extractMarkdown(decoded: DecodedText): ExtractedContent {
  const { text } = decoded
  const lines = lineOffsets(text)
  const frontMatter = frontMatterLines(text)
  const body = frontMatter ? '\n'.repeat(frontMatter) + text.slice(lines[frontMatter] ?? text.length) : text
  const tokens = parser.parse(body, {})
  const starts: SectionStart[] = []
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open' || !token.map) return
    const title = (tokens[i + 1]?.children ?? [])
      .filter((child) => child.type === 'text' || child.type === 'code_inline')
      .map((child) => child.content)
      .join('')
      .trim()
    starts.push({ offset: lines[token.map[0]] ?? 0, level: Number(token.tag.slice(1)), title: title || undefined })
  })
  return { text, sections: toSections(text.length, starts), notes: [...decoded.notes] }
}

/** A YAML block between `---` lines at the very top, which Markdown would otherwise read as a rule and a heading. */
function frontMatterLines(text: string): number {
  if (!text.startsWith('---\n')) return 0
  const end = /\n(---|\.\.\.)(\n|$)/.exec(text)
  return end ? text.slice(0, end.index + 1).split('\n').length : 0
}
