import katex from 'katex'

/** What KaTeX made of one formula, kept so a growing block does not typeset the same formulas every frame. */
const cache = new Map<string, string>()
const CACHE_LIMIT = 500

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * A formula as MathML, which Chromium renders natively and screen readers read. Only
 * `output: 'mathml'`: KaTeX's HTML output positions glyphs with inline `style` attributes, which
 * the renderer's CSP (`style-src 'self'`) blocks. Untrusted input: `trust: false` keeps `\href`,
 * `\htmlStyle` and friends out; a formula KaTeX cannot parse (often one still streaming in) is
 * shown as its source.
 */
export function renderMath(tex: string, displayMode: boolean, delimiters: readonly [string, string]): string {
  const key = `${displayMode ? 'D' : 'I'}${tex}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  let html: string
  try {
    const mathml = katex.renderToString(tex, {
      output: 'mathml',
      displayMode,
      throwOnError: true,
      strict: 'ignore',
      trust: false,
      maxSize: 50,
      maxExpand: 1000,
    })
    html = displayMode ? `<div class="md-math-display">${mathml}</div>\n` : mathml
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const source = escapeHtml(`${delimiters[0]}${tex}${delimiters[1]}`)
    html = displayMode
      ? `<pre class="md-math-error" title="${escapeHtml(message)}">${source}</pre>\n`
      : `<code class="md-math-error" title="${escapeHtml(message)}">${source}</code>`
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '')
  cache.set(key, html)
  return html
}
