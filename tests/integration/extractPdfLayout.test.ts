import { describe, expect, it } from 'vitest'
import { pageParagraphs, type TextRun } from '../../src/main/features/summarize/extract/formats/pdfParagraphs.ts'

/** A line of text at baseline `y` in a font of `size`, as one run that ends the line. */
const line = (str: string, y: number, size = 12, x = 72): TextRun => ({
  str,
  x,
  y,
  width: str.length * size * 0.5,
  height: size,
  hasEOL: true,
})

describe('PDF paragraphs from positioned text', () => {
  it('joins lines at normal spacing and breaks where a blank line is left', () => {
    const runs = [line('The first paragraph runs', 700), line('over two lines.', 686), line('A second one.', 650)]
    expect(pageParagraphs(runs)).toEqual(['The first paragraph runs over two lines.', 'A second one.'])
  })

  it('separates a heading from the text below it by its size', () => {
    expect(pageParagraphs([line('Findings', 720, 24), line('Body text follows.', 700)])).toEqual(['Findings', 'Body text follows.'])
  })

  it('starts a new paragraph where the text moves up, as at the top of a second column', () => {
    expect(pageParagraphs([line('End of column one.', 100), line('Top of column two.', 700, 12, 320)])).toEqual([
      'End of column one.',
      'Top of column two.',
    ])
  })

  it('puts runs of one line together, with a space only where the layout leaves a gap', () => {
    const runs: TextRun[] = [
      { str: 'Tidal', x: 72, y: 500, width: 30, height: 12, hasEOL: false },
      { str: 'range', x: 106, y: 500, width: 30, height: 12, hasEOL: false },
      { str: 's', x: 136, y: 500, width: 6, height: 12, hasEOL: true },
    ]
    expect(pageParagraphs(runs)).toEqual(['Tidal ranges'])
  })

  it('rejoins a word hyphenated across lines only before a lowercase continuation', () => {
    expect(pageParagraphs([line('a well-', 700), line('known fact and forty-', 686), line('Two more', 672)])).toEqual([
      'a well-known fact and forty- Two more',
    ])
  })

  it('ignores the empty end-of-line markers the text layer places between lines', () => {
    const marker: TextRun = { str: '', x: 72, y: 686, width: 0, height: 0, hasEOL: true }
    expect(pageParagraphs([{ ...line('One', 700), hasEOL: false }, marker, line('two', 686)])).toEqual(['One two'])
  })
})
