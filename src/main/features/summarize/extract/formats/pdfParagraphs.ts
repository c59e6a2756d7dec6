/** One run of text on a PDF page as the text layer gives it: its string, baseline position and size. */
export interface TextRun {
  str: string
  x: number
  y: number
  width: number
  height: number
  hasEOL: boolean
}

interface Line {
  text: string
  y: number
  height: number
  endX: number
}

/**
 * Rebuilds a page's paragraphs from its text runs. Runs join into lines (a space where the layout
 * leaves a gap); lines join into a paragraph unless the gap between baselines is more than about
 * one blank line, the font size changes (a heading), or the text moves up (a new column).
 */
export function pageParagraphs(runs: TextRun[]): string[] {
  const paragraphs: string[] = []
  let paragraph: { text: string; last: Line } | undefined
  for (const line of joinRuns(runs)) {
    const text = line.text.trim()
    if (!text) continue
    if (paragraph && continuesParagraph(paragraph.last, line)) {
      paragraph.text = joinLines(paragraph.text, text)
      paragraph.last = line
    } else {
      if (paragraph) paragraphs.push(paragraph.text)
      paragraph = { text, last: line }
    }
  }
  if (paragraph) paragraphs.push(paragraph.text)
  return paragraphs
}

function joinRuns(runs: TextRun[]): Line[] {
  const lines: Line[] = []
  let line: Line | undefined
  for (const run of runs) {
    if (line && run.str && Math.abs(run.y - line.y) > Math.max(run.height, line.height) / 2) {
      lines.push(line)
      line = undefined
    }
    if (run.str) {
      if (!line) line = { text: run.str, y: run.y, height: run.height, endX: run.x + run.width }
      else {
        const gap = run.x - line.endX > run.height * 0.15 && !/\s$/.test(line.text) && !/^\s/.test(run.str)
        line.text += gap ? ` ${run.str}` : run.str
        line.endX = run.x + run.width
        line.height = Math.max(line.height, run.height)
      }
    }
    if (run.hasEOL && line) {
      lines.push(line)
      line = undefined
    }
  }
  if (line) lines.push(line)
  return lines
}

function continuesParagraph(previous: Line, line: Line): boolean {
  const size = Math.min(previous.height, line.height)
  const gap = previous.y - line.y
  return gap > 0 && gap <= size * 1.9 && Math.abs(previous.height - line.height) <= size * 0.2
}

/** A line ending in a hyphen after a letter, followed by a lowercase word, was broken at the hyphen. */
function joinLines(paragraph: string, line: string): string {
  return /\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(line) ? paragraph + line : `${paragraph} ${line}`
}
