import type { DocumentFormat } from '../../../../shared/domain/documents.ts'

/**
 * The file name extensions each format goes by. Detection reads the content first and uses these
 * only to tell text files apart (Markdown, CSV, code); the installers offer "Open with" for every
 * one of them (build/electron-builder.yml, build/installer.nsh, checked by the packaging test).
 */
export const DOCUMENT_EXTENSIONS: Readonly<Record<DocumentFormat, readonly string[]>> = {
  pdf: ['pdf'],
  docx: ['docx'],
  odt: ['odt'],
  rtf: ['rtf'],
  epub: ['epub'],
  html: ['html', 'htm', 'xhtml'],
  markdown: ['md', 'markdown', 'mdown', 'mkd', 'mdx'],
  text: ['txt', 'text'],
  csv: ['csv', 'tsv'],
  json: ['json'],
  code: (
    'js mjs cjs jsx ts tsx mts cts py pyi rb go rs java kt kts swift c h cc cpp cxx hpp hh cs fs php pl pm lua r scala sh bash zsh ' +
    'ps1 sql dart ex exs erl hs clj groovy vue svelte m mm jl nim zig vb yaml yml toml ini css scss less'
  ).split(' '),
}

/** Every extension of every format, each once. */
export function summarizableExtensions(): string[] {
  return [...new Set(Object.values(DOCUMENT_EXTENSIONS).flat())]
}
