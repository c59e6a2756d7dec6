import { describe, expect, it } from 'vitest'
import { extractFromBytes } from '../../src/main/features/summarize/extract/extractFromBytes.ts'
import { expectWellFormed, fixture, sectionText } from '../fixtures/documents/fixtures.ts'

const extract = (name: string) => extractFromBytes(fixture(name), name)

const REPORT_SENTENCES = [
  'The harbour survey counted forty-two moorings along the eastern quay.',
  'Crews reported that the café on the pier serves a naïve but excellent crème brûlée.',
  'Dissolved oxygen stayed above the seasonal threshold at all nine sampling points.',
  'Samples were drawn at dawn, sealed, and analysed within six hours.',
  'Dredge the northern channel before the autumn regatta.',
  'The survey team thanks the harbour master for access to the tide gauge logs.',
]
const REPORT_HEADINGS = ['Findings', 'Water quality', 'Method', 'Recommendations', 'Appendix']

describe('the same report in every format', () => {
  it.each([
    ['report.md', 'markdown', [1, 2, 3, 1, 1]],
    ['report.docx', 'docx', [1, 2, 3, 1, 1]],
    ['report.odt', 'odt', [1, 2, 3, 1, 1]],
    ['report.rtf', 'rtf', [1, 2, 3, 1, 1]],
    ['report-epub2.epub', 'epub', [1, 2, 3, 1, 1]],
    ['report.pdf', 'pdf', [1, 2, 3, 1, 1]],
    ['page.html', 'html', [2, 2, 3, 2, 2]],
  ])('%s: every paragraph, and the headings as sections in order with their levels', async (name, format, levels) => {
    const document = await extract(name)
    expectWellFormed(document)
    expect(document.format).toBe(format)
    expect(document.name).toBe(name)
    const flat = document.text.replace(/\s+/g, ' ')
    for (const sentence of REPORT_SENTENCES) expect(flat).toContain(sentence)
    const headings = document.sections.filter((s) => REPORT_HEADINGS.includes(s.title ?? ''))
    expect(headings.map((s) => [s.title, s.level])).toEqual(REPORT_HEADINGS.map((title, i) => [title, levels[i]]))
    for (const heading of headings) expect(document.text.slice(heading.start)).toMatch(new RegExp(`^#* ?${heading.title}`))
    expect(sectionText(document, 'Water quality')).toContain('nine sampling points')
    expect(sectionText(document, 'Water quality')).not.toContain('dawn')
  })

  it('reads the table rows of Word, OpenDocument, RTF and HTML as one line each', async () => {
    for (const name of ['report.docx', 'report.odt', 'report.rtf', 'page.html']) {
      const { text } = await extract(name)
      expect(text, name).toContain('Dredging | 18,000')
      expect(text, name).toContain('Pontoons | 6,500')
    }
  })

  it('keeps the lines of code blocks and does not take a # inside one for a heading', async () => {
    for (const name of ['report.md', 'page.html', 'report.rtf', 'report.docx']) {
      const document = await extract(name)
      expect(document.text, name).toContain('# this line is code, not a heading\nprint("moorings", 42)')
      expect(document.sections.some((s) => s.title?.includes('this line is code'))).toBe(false)
    }
  })
})

describe('HTML', () => {
  it('keeps the article and drops navigation, scripts, styles, sidebars and footers', async () => {
    const document = await extract('page.html')
    for (const absent of ['NAV-LINK', 'SCRIPT-TEXT', 'SIDEBAR', 'FOOTER', 'font:', 'About us']) expect(document.text).not.toContain(absent)
    expect(document.sections[0]).toMatchObject({ title: 'Harbour Survey 2024 – Port News', level: 1, start: 0 })
    expect(document.notes).toContain('Only the main article was kept: menus, sidebars, footers and scripts were left out.')
  })
})

describe('PDF', () => {
  it('keeps page numbers as pages, and bookmarks as sections that know their page', async () => {
    const document = await extract('report.pdf')
    expect(document.pages?.map((p) => p.number)).toEqual([1, 2, 3, 4])
    const pageOf = (phrase: string) => document.pages?.find((p) => document.text.slice(p.start, p.end).includes(phrase))?.number
    expect(pageOf('Harbour Survey 2024')).toBe(1)
    expect(pageOf('forty-two moorings')).toBe(2)
    expect(pageOf('northern channel')).toBe(3)
    expect(pageOf('tide gauge logs')).toBe(4)
    expect(document.sections.map((s) => [s.title, s.page])).toEqual([
      ['Harbour Survey 2024', 1],
      ['Findings', 2],
      ['Water quality', 2],
      ['Method', 2],
      ['Recommendations', 3],
      ['Appendix', 4],
    ])
  })

  it('joins the lines of a paragraph with spaces and separates paragraphs', async () => {
    const { text } = await extract('report.pdf')
    expect(text).toContain(
      'The harbour survey counted forty-two moorings along the eastern quay. Tidal range peaked at 4.8 metres during the spring tides, which is higher than any year since records began.\n\nCrews reported',
    )
  })

  it('reads a 200-page book with every paragraph in order and a section per chapter', async () => {
    const document = await extract('book.pdf')
    expectWellFormed(document)
    expect(document.pages).toHaveLength(201)
    expectAllMarkersInOrder(document.text, 1400)
    const chapters = document.sections.filter((s) => s.title?.startsWith('Chapter '))
    expect(chapters.map((s) => Number(/^Chapter (\d+):/.exec(s.title ?? '')?.[1]))).toEqual(range(1, 100))
    expect(chapters.every((s, i) => i === 0 || (s.page ?? 0) > (chapters[i - 1]?.page ?? 0))).toBe(true)
  })
})

describe('EPUB', () => {
  it('reads a book longer than any context window chapter by chapter, in spine order, titled from its table of contents', async () => {
    const document = await extract('book.epub')
    expectWellFormed(document)
    expect(document.text.length).toBeGreaterThan(400_000)
    expectAllMarkersInOrder(document.text, 1400)
    const chapters = document.sections.filter((s) => s.level === 1 && s.title?.startsWith('Chapter '))
    expect(chapters).toHaveLength(100)
    expect(chapters.map((s) => Number(/^Chapter (\d+):/.exec(s.title ?? '')?.[1]))).toEqual(range(1, 100))
    expect(sectionText(document, chapters[16]?.title ?? '')).toMatch(/^Chapter 17: [\s\S]*\[\[p225\]\][\s\S]*\[\[p238\]\]\s*$/)
  })
})

describe('plain text, CSV, JSON and code', () => {
  it.each([
    ['utf8.txt', 'utf-8'],
    ['utf16le.txt', 'utf-16le'],
    ['utf16be.txt', 'utf-16be'],
    ['windows-1252.txt', 'windows-1252'],
  ])('%s decodes to the same text (%s)', async (name, encoding) => {
    const document = await extract(name)
    expectWellFormed(document)
    expect(document).toMatchObject({ format: 'text', encoding })
    expect(document.text).toBe(new TextDecoder().decode(fixture('utf8.txt')))
    expect(document.text).toContain('The œuvre cost 12 € — “quoted” and ‘single’ marks survive the trip.')
  })

  it('recognizes Japanese text in Shift_JIS', async () => {
    const document = await extract('shift_jis.txt')
    expect(document).toMatchObject({ format: 'text', encoding: 'shift_jis' })
    expect(document.text).toBe('港の調査では東岸に四十二の係留地がありました。潮位差は四・八メートルでした。\n')
  })

  it('splits a CSV every 100 rows, keeping a quoted line break inside its row', async () => {
    const document = await extract('berths.csv')
    expectWellFormed(document)
    expect(document.sections.map((s) => s.title)).toEqual(['Rows 1–100', 'Rows 101–200', 'Rows 201–250'])
    expect(document.text.slice(document.sections[1]?.start)).toMatch(/^101,/)
    expect(document.text.slice(document.sections[2]?.start)).toMatch(/^201,/)
    expect(sectionText(document, 'Rows 101–200')).toContain('"two-line remark:\nsecond line of row 120"')
  })

  it('sections a JSON object by its top-level keys', async () => {
    const document = await extract('inventory.json')
    expectWellFormed(document)
    expect(document.sections.map((s) => s.title)).toEqual(['warehouse', 'updated', 'bins', 'notes', 'contacts'])
    expect(sectionText(document, 'bins')).toContain('anchor shackle')
    expect(sectionText(document, 'notes')).toContain('Fender stock is below the reorder level')
  })

  it('sections source code at its top-level blocks', async () => {
    const document = await extract('tides.py')
    expectWellFormed(document)
    expect(document.format).toBe('code')
    expect(document.sections.map((s) => s.title)).toContain('def predicted_height(hour: float, range_m: float = 4.8) -> float:')
    expect(sectionText(document, 'class TideTable:')).toContain('def highest(self):')
  })
})

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

/** Every paragraph marker [[p1]]…[[pN]] exactly once, in order: nothing lost, repeated or shuffled. */
function expectAllMarkersInOrder(text: string, count: number): void {
  const markers = [...text.matchAll(/\[\[p(\d+)\]\]/g)].map((m) => Number(m[1]))
  expect(markers).toEqual(range(1, count))
}
