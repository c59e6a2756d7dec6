import { describe, expect, test } from 'vitest'
import { MAX_HIGHLIGHT_CHARS } from '../../src/renderer/src/features/chat/markdown/highlight.ts'
import { codesOf, renderBlock } from '../../src/renderer/src/features/chat/markdown/renderBlock.ts'
import { splitBlocks } from '../../src/renderer/src/features/chat/markdown/splitBlocks.ts'
import { makeReply, toTokens } from '../e2e/support/markdownReply.ts'

const html = (source: string, highlight = true): string => renderBlock(source, { highlight }).html

/** Every shape of output the renderer makes, including the ones that used to carry inline styles (aligned cells, KaTeX, errors). */
const CORPUS = [
  '# Title\n\nText with *emphasis*, **strong**, ~~strike~~, `code`, a [link](https://example.com "t") and <b>html</b>.',
  '| left | center | right |\n|:--|:-:|--:|\n| 1 | 2 | 3 |',
  '- [ ] open\n- [x] done\n  1. nested',
  '```python\nprint("hi")\n```\n\n```\nplain\n```\n\n    indented\n',
  '```js\nunterminated',
  'Inline $x^2$, \\(a+b\\), $$\\frac{1}{2}$$ and\n\n$$\n\\color{red}{x} \\colorbox{blue}{y} \\rule{1em}{1em} \\htmlStyle{color:red}{z}\n$$\n\n\\[\n\\sqrt{x}\n\\]',
  'Broken $\\frac{a$ and\n\n$$\n\\frac{\n$$',
  '```math\nE = mc^2\n```',
  '![alt](https://example.com/a.png) and ![](https://example.com/b.png)',
  '> quote with <img src=x onerror=alert(1)>\n\n---\n\n1. one\n2. two',
  makeReply(20_000).text,
]

describe('renderBlock', () => {
  test('raw HTML in the reply is shown as text', () => {
    const out = html('Hello <script>alert(1)</script> <img src=x onerror="alert(1)">\n\n<div onclick="x()">block</div>')
    expect(out).not.toMatch(/<script|<img|<div onclick/)
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(out).toContain('&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;')
  })

  test('only http(s) and mailto become links, opened outside the app', () => {
    const out = html(
      '[a](https://example.com) [b](http://example.org/x?y=1) [c](mailto:me@example.com) <https://auto.example.com> https://bare.example.com/p and me@example.com',
    )
    const anchors = out.match(/<a [^>]*>/g) ?? []
    expect(anchors).toHaveLength(6)
    for (const a of anchors) {
      expect(a).toContain('target="_blank"')
      expect(a).toContain('rel="noopener noreferrer"')
      expect(a).toMatch(/href="(https?:\/\/|mailto:)/)
    }
    for (const bad of [
      '[x](javascript:alert(1))',
      '[x](JAVASCRIPT:alert(1))',
      '[x](  javascript:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](file:///etc/passwd)',
      '[x](vbscript:msgbox)',
      '[x](/relative/path)',
      '[x](#anchor)',
      '<javascript:alert(1)>',
      '[x][r]\n\n[r]: javascript:alert(1)',
    ]) {
      expect(html(bad), bad).not.toContain('<a ')
    }
  })

  test('a link whose text differs from its address shows the address on hover', () => {
    expect(html('[Google](https://evil.example.com)')).toContain('title="https://evil.example.com"')
    expect(html('[](https://example.com)')).toContain('aria-label="https://example.com"')
  })

  test('file names are not taken for web addresses', () => {
    expect(html('Edit main.py and README.md')).not.toContain('<a ')
  })

  test('images are not loaded: a link with the alt text stands in', () => {
    const out = html('![a cat](https://example.com/cat.png) ![x](data:image/png;base64,AAAA)')
    expect(out).not.toContain('<img')
    expect(out).toContain('<a class="md-image-link" href="https://example.com/cat.png"')
    expect(out).toContain('>Image: a cat</a>')
    expect(out).not.toContain('href="data:')
  })

  test('code blocks carry a Copy button, the language class and their raw text', () => {
    const source = '```Python\nif a < b:\n    print("x & y")\n```\n\n```\nno language\n```\n\n    indented code\n'
    const { html: out, codes } = renderBlock(source, { highlight: true })
    expect(codes).toEqual(['if a < b:\n    print("x & y")', 'no language', 'indented code'])
    expect(codesOf(source)).toEqual(codes)
    expect(out).toContain('<button type="button" class="md-copy" data-code-index="0" aria-label="Copy code (python)">Copy</button>')
    expect(out).toContain('<button type="button" class="md-copy" data-code-index="1" aria-label="Copy code">Copy</button>')
    expect(out).toContain('data-code-index="2"')
    expect(out).toContain('<pre class="md-pre" tabindex="0" role="group" aria-label="Code, python"><code class="language-python">')
    expect(out).toContain('<span class="hljs-keyword">if</span> a &lt; b:')
    expect(out).toContain('<span class="hljs-string">&quot;x &amp; y&quot;</span>')
  })

  test('without highlighting (a block still streaming) the code is plain escaped text in the same frame', () => {
    const out = html('```python\nif a < b:\n```', false)
    expect(out).not.toContain('hljs-')
    expect(out).toContain('<code class="language-python">if a &lt; b:</code>')
    expect(out).toContain('class="md-copy"')
  })

  test('an unterminated fence (still streaming) is a code block, not backticks in a paragraph', () => {
    const out = html('Look:\n\n```ts\nconst a = 1\n\nconst b =', false)
    expect(out).toContain('<code class="language-ts">const a = 1\n\nconst b =</code>')
    expect(out).not.toContain('```')
  })

  test('a language name that is not a plain name is dropped, not injected', () => {
    const out = html('```"><script>x</script>\ncode\n```')
    expect(out).not.toContain('<script')
    expect(out).toContain('<code>code</code>')
  })

  test('a block too long to colour in one short task is shown plain', () => {
    const long = Array.from({ length: 600 }, (_, i) => `const value${i} = compute(${i})`).join('\n')
    expect(long.length).toBeGreaterThan(MAX_HIGHLIGHT_CHARS)
    const { html: out, codes } = renderBlock(`\`\`\`js\n${long}\n\`\`\``, { highlight: true })
    expect(out).not.toContain('hljs-')
    expect(codes).toEqual([long])
  })

  test('an unknown language is shown plain, labelled with its name', () => {
    const out = html('```brainfuck\n+++.\n```')
    expect(out).toContain('<code class="language-brainfuck">+++.</code>')
    expect(out).toContain('aria-label="Copy code (brainfuck)"')
  })

  test('math in all four delimiters becomes MathML', () => {
    for (const source of ['$x^2$', '\\(x^2\\)', '$$x^2$$', '$$\nx^2\n$$', '\\[\nx^2\n\\]', '```math\nx^2\n```']) {
      const out = html(source)
      expect(out, source).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"')
      expect(out, source).toContain('<msup><mi>x</mi><mn>2</mn></msup>')
    }
    expect(html('$$\nx\n$$')).toContain('<div class="md-math-display">')
    expect(html('$$\nx\n$$')).toContain('display="block"')
  })

  test('dollar amounts are not math', () => {
    expect(html('It costs $5 and $10.')).toBe('<p>It costs $5 and $10.</p>\n')
  })

  test('a formula KaTeX cannot read is shown as its source', () => {
    expect(html('$\\frac{a$')).toContain('<code class="md-math-error" title="KaTeX parse error')
    expect(html('$\\frac{a$')).toContain('>$\\frac{a$</code>')
    expect(html('$$\n\\frac{a\n$$')).toContain('<pre class="md-math-error"')
  })

  test('untrusted TeX commands do not make links', () => {
    expect(html('$\\href{javascript:alert(1)}{x}$')).not.toContain('<a ')
    expect(html('$\\url{https://example.com}$')).not.toContain('<a ')
  })

  test('task lists have disabled checkboxes named by their text', () => {
    const out = html('- [ ] write tests\n- [x] ship it\n- not a task')
    expect(out).toContain('<ul class="md-task-list">')
    expect(out).toContain(
      '<li class="md-task-item"><label class="md-task"><input type="checkbox" class="md-task-box" disabled> write tests</label></li>',
    )
    expect(out).toContain('<input type="checkbox" class="md-task-box" disabled checked> ship it</label>')
    expect(out).toContain('<li>not a task</li>')
    expect(out).not.toMatch(/ id="/)
  })

  test('tables have header and data cells, a name, and alignment as classes', () => {
    const out = html('| Name | Size |\n|:--|--:|\n| qwen | 4.7 GB |')
    expect(out).toContain('<div class="md-table-wrap"><table aria-label="Table: Name, Size">')
    expect(out).toContain('<th class="md-align-left">Name</th>')
    expect(out).toContain('<td class="md-align-right">4.7 GB</td>')
  })

  test('no output anywhere carries a style attribute, a script, an event handler or an image', () => {
    for (const source of CORPUS) {
      for (const block of [source, ...splitBlocks(source)]) {
        for (const highlight of [true, false]) {
          const out = html(block, highlight)
          expect(out, block).not.toMatch(/\sstyle=/i)
          expect(out, block).not.toMatch(/<(script|img|iframe|object|embed)\b|<[^>]*\son[a-z]+=/i)
        }
      }
    }
  })

  test('every prefix of a streamed reply renders without throwing', () => {
    const { text } = makeReply(2500, 11)
    let source = ''
    for (const token of toTokens(text)) {
      source += token
      expect(() => html(source, false)).not.toThrow()
    }
  })
})
