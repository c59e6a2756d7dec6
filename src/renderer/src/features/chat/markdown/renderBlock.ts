import { tex } from '@mdit/plugin-tex'
import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import { i18n } from '../../../i18n/i18n.ts'
import { highlightCode } from './highlight.ts'
import { renderMath } from './math.ts'
import { taskLists } from './taskList.ts'

export interface RenderOptions {
  /** Colour code blocks. Off for a block that is still streaming in: it is re-rendered every frame. */
  highlight: boolean
}

export interface RenderedBlock {
  /** Safe to inject: raw HTML in the source is escaped, links are http(s)/mailto only, no `style` attributes. */
  html: string
  /** The raw text of each code block, in order; a block's Copy button carries its index (`data-code-index`). */
  codes: string[]
}

interface Env {
  highlight: boolean
  codes: string[]
}

/** The only link targets a reply may carry: the web, and mail. Not javascript:, data:, file:, nor app-relative paths. */
const SAFE_URL = /^(?:https?:\/\/|mailto:)/i
const LANGUAGE = /^[\w#+.-]{1,40}$/

const md = new MarkdownIt('default', {
  // Model output is text, never markup: raw HTML shows as written.
  html: false,
  linkify: true,
  typographer: false,
})
// Only URLs with a scheme become links: "main.py" or "README.md" are file names, not the
// Paraguayan or Moldovan web sites linkify's fuzzy matching would make of them.
md.linkify.set({ fuzzyLink: false })
md.validateLink = (url) => SAFE_URL.test(url.trim())

md.use(tex, { delimiters: 'all', render: () => '' })
md.use(taskLists)

const escapeHtml = md.utils.escapeHtml
const rules = md.renderer.rules

const CLOSING: Record<string, string> = { $: '$', $$: '$$', '\\(': '\\)', '\\[': '\\]' }
rules.math_inline = (tokens, idx) => {
  const token = tokens[idx] as Token
  return renderMath(token.content, false, [token.markup, CLOSING[token.markup] ?? ''])
}
rules.math_block = (tokens, idx) => {
  const token = tokens[idx] as Token
  return renderMath(token.content, true, [token.markup, CLOSING[token.markup] ?? ''])
}

rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx] as Token
  const href = token.attrGet('href') ?? ''
  // Opened outside the app, only when the user clicks; the destination is shown on hover, so a
  // link text cannot pass one site off as another.
  token.attrSet('target', '_blank')
  token.attrSet('rel', 'noopener noreferrer')
  const next = tokens[idx + 1]
  if (next?.type === 'link_close') token.attrSet('aria-label', href)
  else if (!(next?.type === 'text' && tokens[idx + 2]?.type === 'link_close' && next.content === href)) token.attrSet('title', href)
  return self.renderToken(tokens, idx, options)
}

// Images are never loaded (the CSP forbids remote images anyway, and a reply should not make the
// app fetch anything): a link with the alt text stands in.
rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx] as Token
  const src = token.attrGet('src') ?? ''
  const alt = self.renderInlineAsText(token.children ?? [], options, env).trim()
  return `<a class="md-image-link" href="${escapeHtml(src)}" target="_blank" rel="noopener noreferrer" title="${escapeHtml(src)}">${escapeHtml(alt ? i18n.t('markdown:imageAlt', { alt }) : i18n.t('markdown:image'))}</a>`
}

// Tables: a wrapper that scrolls sideways, a name from the header row, and column alignment as a
// class: markdown-it writes it as an inline `style`, which the CSP blocks.
rules.table_open = (tokens, idx) => {
  const headers: string[] = []
  for (let i = idx + 1; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (token.type === 'thead_close' || token.type === 'table_close') break
    if (token.type === 'inline') headers.push(token.content.trim())
  }
  let label: string = i18n.t('markdown:table', { headers: headers.filter(Boolean).join(', ') })
  if (label.length > 100) label = `${label.slice(0, 99)}…`
  return `<div class="md-table-wrap"><table aria-label="${escapeHtml(label)}">\n`
}
rules.table_close = () => '</table></div>\n'
const alignedCell: NonNullable<typeof rules.th_open> = (tokens, idx, options, _env, self) => {
  const token = tokens[idx] as Token
  const style = token.attrGet('style')
  if (style) {
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style')
    const align = /text-align:\s*(left|center|right)/.exec(style)?.[1]
    if (align) token.attrJoin('class', `md-align-${align}`)
  }
  return self.renderToken(tokens, idx, options)
}
rules.th_open = alignedCell
rules.td_open = alignedCell

/** A fence's language from its info string, when it is a plain name (it ends up in a class and a label). */
function fenceLanguage(token: Token): string {
  const info = md.utils.unescapeAll(token.info).trim().split(/\s+/)[0] ?? ''
  return LANGUAGE.test(info) ? info.toLowerCase() : ''
}

rules.fence = (tokens, idx, _options, env: Env) => {
  const token = tokens[idx] as Token
  const language = fenceLanguage(token)
  // A ```math fence is display math, as on GitHub.
  if (language === 'math') return renderMath(token.content, true, ['```math\n', '```'])
  return codeBlock(token.content, language, env)
}
rules.code_block = (tokens, idx, _options, env: Env) => codeBlock((tokens[idx] as Token).content, '', env)

function codeBlock(content: string, language: string, env: Env): string {
  const raw = content.endsWith('\n') ? content.slice(0, -1) : content
  const index = env.codes.push(raw) - 1
  const highlighted = env.highlight && language ? highlightCode(raw, language) : undefined
  const body = highlighted ?? escapeHtml(raw)
  const lang = escapeHtml(language)
  return (
    `<div class="md-code"><div class="md-code-bar"><span class="md-code-lang">${lang || escapeHtml(i18n.t('markdown:code'))}</span>` +
    `<button type="button" class="md-copy" data-code-index="${index}" aria-label="${escapeHtml(language ? i18n.t('markdown:copyCodeIn', { language }) : i18n.t('markdown:copyCode'))}">${escapeHtml(i18n.t('markdown:copy'))}</button></div>` +
    `<pre class="md-pre" tabindex="0" role="group" aria-label="${escapeHtml(language ? i18n.t('markdown:codeLabelIn', { language }) : i18n.t('markdown:codeLabel'))}">` +
    `<code${language ? ` class="language-${lang}"` : ''}>${body}</code></pre></div>\n`
  )
}

/** One block of Markdown (or a whole document) as HTML, plus the raw text of its code blocks. */
export function renderBlock(source: string, options: RenderOptions): RenderedBlock {
  const env: Env = { highlight: options.highlight, codes: [] }
  const html = md.render(source, env)
  return { html, codes: env.codes }
}

/** The raw text of a block's code blocks, without rendering (for the Copy button). */
export function codesOf(source: string): string[] {
  const codes: string[] = []
  for (const token of md.parse(source, {})) {
    if (token.type === 'code_block' || (token.type === 'fence' && fenceLanguage(token) !== 'math')) {
      codes.push(token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content)
    }
  }
  return codes
}
