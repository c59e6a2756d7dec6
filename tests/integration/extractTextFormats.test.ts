import { describe, expect, it } from 'vitest'
import { extractFromBytes } from '../../src/main/features/summarize/extract/extractFromBytes.ts'
import { expectWellFormed, sectionText } from '../fixtures/documents/fixtures.ts'

const extract = async (name: string, content: string) => {
  const document = await extractFromBytes(new TextEncoder().encode(content), name)
  expectWellFormed(document)
  return document
}
const titles = (document: { sections: { title?: string }[] }) => document.sections.map((s) => s.title)

describe('Markdown', () => {
  it('does not mistake front matter for a heading, and finds setext headings', async () => {
    const document = await extract('post.md', '---\ntitle: Draft\n---\n\nIntro.\n\nFirst part\n==========\n\nBody.\n\n## Detail\n\nMore.\n')
    expect(document.sections.map((s) => [s.title, s.level])).toEqual([
      [undefined, 0],
      ['First part', 1],
      ['Detail', 2],
    ])
    expect(sectionText(document, 'First part')).toBe('First part\n==========\n\nBody.\n\n')
  })

  it('titles a section with the heading text, not its markup', async () => {
    expect(titles(await extract('a.md', '# The *quick* `fox`\n\ntext\n'))).toEqual(['The quick fox'])
  })
})

describe('HTML', () => {
  it('uses the whole page, without its navigation, when it has no article', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<tr><td>Berth ${i + 1}</td><td>free</td></tr>`).join('')
    const page = `<html><head><title>Berths</title></head><body><nav><a href="/">Home</a></nav><h1>Berth list</h1><table>${rows}</table><footer>Footer text</footer></body></html>`
    const document = await extract('berths.html', page)
    expect(document.text).toContain('Berth 1 | free')
    expect(document.text).toContain('Berth 30 | free')
    expect(document.text).not.toContain('Home')
    expect(document.text).not.toContain('Footer text')
    expect(document.sections.some((s) => s.title === 'Berth list')).toBe(true)
  })

  it('counts the images it leaves out and numbers ordered lists', async () => {
    const page =
      '<html><body><article><h1>Steps</h1><p>Follow these steps carefully to launch the boat from the slipway.</p>' +
      '<ol start="3"><li>Check the tide</li><li><p>Release the winch</p></li></ol><img src="a.png"><img src="b.png">' +
      '<p>That is all there is to it, and the crew can go home.</p></article></body></html>'
    const document = await extract('steps.html', page)
    expect(document.text).toContain('3. Check the tide\n\n4. Release the winch')
    expect(document.notes).toContain('2 images were left out; only text is summarized.')
  })

  it('survives markup nested far deeper than the stack would allow', async () => {
    const depth = 20_000
    const document = await extract('deep.html', `<html><body>${'<div>'.repeat(depth)}Deep inside${'</div>'.repeat(depth)}</body></html>`)
    expect(document.text).toContain('Deep inside')
  })
})

describe('plain text', () => {
  it('makes a section of each chapter heading line in a book', async () => {
    const book =
      'The Voyage\n\nCHAPTER I\n\nIt began at dawn.\n\nPart of the crew slept.\n\nChapter 2: The Storm\n\nThe wind rose.\n\nEpilogue\n\nCalm again.\n'
    const document = await extract('voyage.txt', book)
    expect(titles(document)).toEqual([undefined, 'CHAPTER I', 'Chapter 2: The Storm', 'Epilogue'])
    expect(sectionText(document, 'CHAPTER I')).toContain('Part of the crew slept.')
  })
})

describe('JSON', () => {
  it('indents JSON that came on one line and sections it by key', async () => {
    const document = await extract('min.json', '{"alpha":{"x":1},"beta":[1,2],"gamma":"three, with a comma"}')
    expect(document.text).toBe(JSON.stringify({ alpha: { x: 1 }, beta: [1, 2], gamma: 'three, with a comma' }, null, 2))
    expect(titles(document)).toEqual(['alpha', 'beta', 'gamma'])
    expect(document.notes).toContain('The JSON came on a single line; it is shown indented.')
  })

  it('keeps a written layout as it is, entries sharing a line included', async () => {
    const source = '{\n  "a": 1, "b": {"c": "}"},\n  "d\\"e": 2\n}\n'
    const document = await extract('keys.json', source)
    expect(document.text).toBe(source)
    expect(titles(document)).toEqual(['a', 'b', 'd"e'])
    expect(sectionText(document, 'b')).toBe(' "b": {"c": "}"},\n')
  })

  it('sections a top-level array by 50 items', async () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ n: i + 1 }))
    const document = await extract('items.json', JSON.stringify(items, null, 1))
    expect(titles(document)).toEqual(['Items 1–50', 'Items 51–100', 'Items 101–120'])
    expect(sectionText(document, 'Items 51–100')).toMatch(/^\s*\{\s*"n": 51/)
  })

  it('reads JSON that does not parse as plain text, and says so', async () => {
    const document = await extract('cut.json', '{"name": "harbour", "items": [1, 2')
    expect(document).toMatchObject({ format: 'json', text: '{"name": "harbour", "items": [1, 2' })
    expect(document.notes[0]).toContain('not valid JSON')
  })
})

describe('code', () => {
  it('starts a section at each unindented block after a blank line, not at closing brackets', async () => {
    const source = 'import a from "a"\n\nfunction one() {\n  return 1\n\n  // still inside\n}\n\n/** Two. */\nclass Two {\n}\n'
    const document = await extract('one.ts', source)
    expect(titles(document)).toEqual(['import a from "a"', 'function one() {', '/** Two. */'])
    expect(sectionText(document, '/** Two. */')).toContain('class Two {')
  })
})
