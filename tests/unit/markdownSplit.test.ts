import { describe, expect, test } from 'vitest'
import { renderBlock } from '../../src/renderer/src/features/chat/markdown/renderBlock.ts'
import { createBlockSplitter, splitBlocks } from '../../src/renderer/src/features/chat/markdown/splitBlocks.ts'
import { makeReply, toTokens } from '../e2e/support/markdownReply.ts'

/** Renders block by block, as the view does; the copy index restarts in every block, so it is left out. */
function renderSplit(source: string): string {
  return splitBlocks(source)
    .map((block) => renderBlock(block, { highlight: false }).html)
    .join('')
    .replace(/ data-code-index="\d+"/g, '')
}
function renderWhole(source: string): string {
  return renderBlock(source, { highlight: false }).html.replace(/ data-code-index="\d+"/g, '')
}

const TRICKY: Record<string, string> = {
  'fence with blank lines': 'Intro\n\n```py\na = 1\n\n\nb = 2\n```\n\nAfter\n',
  'fence right after a paragraph': 'Text:\n```\ncode\n\nmore\n```\nMore text\n',
  'unterminated fence': 'a\n\n```js\nconst x = 1\n\nconst y = 2',
  'tilde fence holding backticks': '~~~md\n```\nnot a fence\n\nstill code\n~~~\n\nafter\n',
  'longer closing fence': '````\n```\n\ninner\n````\n\nout\n',
  'deeply indented backticks do not close a fence': '```\ncode\n    ```\n\nstill code\n```\n\nout\n',
  'dollar math block': 'a\n\n$$\nx = 1\n\ny = 2\n$$\n\nb\n',
  'one-line dollar math': 'text\n$$x^2$$\nmore\n',
  'bracket math block': 'Before\n\\[\n\\int_0^1 x\\,dx\n\n\\]\nAfter\n',
  'unterminated bracket math': 'Para\n\\[ not closed\n\nnext\n',
  'loose ordered list': '1. one\n\n2. two\n\n   more of two\n\n3. three\n\nAfter\n',
  'list with a fence inside': '1. Install:\n\n   ```bash\n   npm i\n\n   npm run build\n   ```\n\n2. Run it\n',
  'bullet list then paragraph': '- a\n\n- b\n\nParagraph\n\n- c\n',
  'list after intro line': 'Steps:\n1. a\n\n2. b\n',
  table: '| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 | 4 |\n\nText after\n',
  'indented code with blank lines': 'Para\n\n    code 1\n\n    code 2\n\nEnd\n',
  'quotes and headings': '# Title\n\n> quoted\n> more\n\n> second\n\n## Sub\ntext\n',
  'crlf line ends': 'a\r\n\r\n```\r\nx\r\n\r\ny\r\n```\r\n\r\nb\r\n',
  'leading blank lines': '\n\n\nstart\n\nend',
  'no trailing newline': 'one\n\ntwo',
}

/** Pieces of the Markdown models write, to combine at random. */
const CHUNKS = [
  'Some text with `code` and $x$.',
  'More text\nover two lines.',
  '# Heading',
  'Setext\n---',
  '> quote\n> more',
  '> quote\nlazy',
  '- a\n- b',
  '* b\n  continued',
  '1. one\n2. two',
  '1. one\n\n2. two',
  '   indented continuation',
  '  - nested',
  '```js\nconst a = 1\n\nconst b = 2\n```',
  '~~~\n```\ninside\n~~~',
  '```py\nunterminated',
  '1. Step:\n   ```bash\n   npm i\n\n   npm run\n   ```',
  '- ```js\n  x()\n  ```',
  '$$\nx\n\ny\n$$',
  '$$x$$',
  '\\[\na\n\\]',
  '\\[ b \\]',
  '| a | b |\n|---|--:|\n| 1 | 2 |',
  '    indented code\n\n    more',
  '---',
  '- [ ] task\n- [x] done',
  'Text then fence:\n```\nc\n```\nafter',
  '',
]

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomDocument(rnd: () => number, chunks: number): string {
  const parts = Array.from({ length: 1 + Math.floor(rnd() * chunks) }, () => CHUNKS[Math.floor(rnd() * CHUNKS.length)] ?? '')
  return parts.join(rnd() < 0.3 ? '\n' : '\n\n') + (rnd() < 0.5 ? '\n' : '')
}

describe('splitBlocks', () => {
  test.each(Object.entries(TRICKY))('%s: blocks join back into the source', (_name, source) => {
    expect(splitBlocks(source).join('')).toBe(source)
  })

  test.each(Object.entries(TRICKY))('%s: rendering block by block equals rendering the whole', (_name, source) => {
    expect(renderSplit(source)).toBe(renderWhole(source))
  })

  test('a fence with blank lines stays one block, cut from the prose around it', () => {
    expect(splitBlocks(TRICKY['fence with blank lines'] ?? '')).toEqual(['Intro\n\n', '```py\na = 1\n\n\nb = 2\n```\n\n', 'After\n'])
    expect(splitBlocks(TRICKY['fence right after a paragraph'] ?? '')).toEqual(['Text:\n', '```\ncode\n\nmore\n```\n', 'More text\n'])
  })

  test('an unterminated fence runs to the end', () => {
    expect(splitBlocks(TRICKY['unterminated fence'] ?? '')).toEqual(['a\n\n', '```js\nconst x = 1\n\nconst y = 2'])
    expect(renderBlock('```js\nconst x = 1\n\nconst', { highlight: false }).html).toContain('<pre')
  })

  test('math blocks keep their blank lines', () => {
    expect(splitBlocks(TRICKY['dollar math block'] ?? '')).toEqual(['a\n\n', '$$\nx = 1\n\ny = 2\n$$\n\n', 'b\n'])
    expect(splitBlocks(TRICKY['one-line dollar math'] ?? '')).toEqual(['text\n', '$$x^2$$\n', 'more\n'])
    expect(splitBlocks(TRICKY['bracket math block'] ?? '')).toEqual(['Before\n', '\\[\n\\int_0^1 x\\,dx\n\n\\]\n', 'After\n'])
  })

  test('an unterminated \\[ stays with its paragraph (it is not math)', () => {
    expect(splitBlocks(TRICKY['unterminated bracket math'] ?? '')).toEqual(['Para\n\\[ not closed\n\nnext\n'])
  })

  test('a list continues across blank lines, so numbering and looseness survive', () => {
    expect(splitBlocks(TRICKY['loose ordered list'] ?? '')).toEqual(['1. one\n\n2. two\n\n   more of two\n\n3. three\n\n', 'After\n'])
    expect(splitBlocks(TRICKY['list with a fence inside'] ?? '')).toHaveLength(1)
    expect(splitBlocks(TRICKY['bullet list then paragraph'] ?? '')).toEqual(['- a\n\n- b\n\n', 'Paragraph\n\n', '- c\n'])
  })

  test('a table is one block', () => {
    expect(splitBlocks(TRICKY.table ?? '')).toEqual(['| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 | 4 |\n\n', 'Text after\n'])
  })

  test('a long generated reply: joins back, renders as the whole does, and is cut finely', () => {
    const { text } = makeReply(60_000)
    const blocks = splitBlocks(text)
    expect(blocks.join('')).toBe(text)
    expect(renderSplit(text)).toBe(renderWhole(text))
    expect(blocks.length).toBeGreaterThan(100)
  })

  test('random documents render block by block as they do whole', () => {
    const rnd = random(99)
    for (let n = 0; n < 2000; n++) {
      const source = randomDocument(rnd, 8)
      expect(splitBlocks(source).join('')).toBe(source)
      expect(renderSplit(source), JSON.stringify(source)).toBe(renderWhole(source))
    }
  })

  test('so do all their prefixes, as a stream shows them, and the incremental splitter agrees at each', () => {
    const rnd = random(5)
    for (let n = 0; n < 120; n++) {
      const full = randomDocument(rnd, 8)
      const splitter = createBlockSplitter()
      for (let end = 1; end <= full.length; end++) {
        const source = full.slice(0, end)
        expect(renderSplit(source), JSON.stringify(source)).toBe(renderWhole(source))
        expect(splitter.split(source), JSON.stringify(source)).toEqual(splitBlocks(source))
      }
    }
  })

  test('the incremental splitter agrees with the full split at every step of a stream', () => {
    const { text } = makeReply(12_000, 3)
    const splitter = createBlockSplitter()
    let source = ''
    for (const token of toTokens(text)) {
      source += token
      expect(splitter.split(source)).toEqual(splitBlocks(source))
    }
    const fresh = createBlockSplitter()
    for (const source of Object.values(TRICKY)) {
      for (let end = 0; end <= source.length; end++) expect(fresh.split(source.slice(0, end))).toEqual(splitBlocks(source.slice(0, end)))
    }
  })

  test('a block whose first line is still partial merges back once it turns out to continue a list', () => {
    const splitter = createBlockSplitter()
    expect(splitter.split('# H\n\ntext\n\n1. a\n\n2')).toEqual(['# H\n\n', 'text\n\n', '1. a\n\n', '2'])
    expect(splitter.split('# H\n\ntext\n\n1. a\n\n2.')).toEqual(['# H\n\n', 'text\n\n', '1. a\n\n2.'])
  })
})
