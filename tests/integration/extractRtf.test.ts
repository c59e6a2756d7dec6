import { describe, expect, it } from 'vitest'
import { extractFromBytes } from '../../src/main/features/summarize/extract/extractFromBytes.ts'
import { expectWellFormed } from '../fixtures/documents/fixtures.ts'

const rtf = async (source: string) => {
  const document = await extractFromBytes(new Uint8Array(Buffer.from(source, 'latin1')), 'note.rtf')
  expectWellFormed(document)
  return document
}

describe('RTF', () => {
  it('decodes hex escapes in the document code page and in each font’s character set', async () => {
    const source = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times;}{\f1\fcharset204 Arial Cyr;}}caf\'e9 \'80 {\f1 \'cf\'f0\'e8\'e2\'e5\'f2}\par}`
    expect((await rtf(source)).text).toBe('café € Привет')
  })

  it('reads \\u characters and drops their fallbacks, surrogate pairs included', async () => {
    const source = String.raw`{\rtf1\ansi\uc1 na\u239?ve {\uc2\u8364\'80\'80} euro \u-10179?\u-8576? ship}`
    expect((await rtf(source)).text).toBe('naïve € euro 🚀 ship')
  })

  it('keeps only body text: no font names, styles, metadata, pictures, field codes, headers or hidden text', async () => {
    const source =
      String.raw`{\rtf1\ansi{\fonttbl{\f0 FONTNAME;}}{\colortbl;\red0\green0\blue0;}{\stylesheet{\s1 STYLENAME;}}{\info{\title METADATA}}` +
      String.raw`{\header HEADER TEXT\par}{\*\generator GENERATOR;}Visit {\field{\*\fldinst HYPERLINK "http://example.org"}{\fldrslt the site}}` +
      String.raw` today.{\pict\pngblip 89504e47}{\v HIDDEN}\par}`
    const document = await rtf(source)
    expect(document.text).toBe('Visit the site today.')
    expect(document.notes).toEqual(['1 image was left out; only text is summarized.'])
  })

  it('makes headings of outline-level paragraphs and keeps table rows on one line', async () => {
    const source =
      String.raw`{\rtf1\ansi\pard\outlinelevel0 Plan\par\pard Body text.\par` +
      String.raw`\trowd\cellx1000\cellx2000\pard\intbl Berth\cell Free\cell\row\pard\outlinelevel1 Detail\par\pard More.\par}`
    const document = await rtf(source)
    expect(document.text).toBe('Plan\n\nBody text.\n\nBerth | Free\n\nDetail\n\nMore.')
    expect(document.sections.map((s) => [s.title, s.level])).toEqual([
      ['Plan', 1],
      ['Detail', 2],
    ])
  })

  it('reads what there is of a file cut off mid-way, and says so', async () => {
    const document = await rtf(String.raw`{\rtf1\ansi First paragraph.\par{\b Second, cut`)
    expect(document.text).toBe('First paragraph.\n\nSecond, cut')
    expect(document.notes).toContain('The file seems cut off at the end, so the last part of its text may be missing.')
  })
})
