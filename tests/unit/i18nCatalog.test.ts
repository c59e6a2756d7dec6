import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../src/renderer/src/i18n/en/index.ts'

const RENDERER = path.resolve(import.meta.dirname, '../../src/renderer/src')
const CATALOGS = path.join(RENDERER, 'i18n', 'en')
const PLURAL = /_(zero|one|two|few|many|other)$/

type Tree = { readonly [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  )
}

const entries = Object.entries(en as Record<string, Tree>).flatMap(([ns, tree]) => flatten(tree).map(([key, text]) => ({ ns, key, text })))

/**
 * Every .ts/.tsx file of the renderer except the catalogs themselves, with the namespaces its bare
 * keys belong to: those it binds (`useTranslation('ns')`, `TFunction<'ns'>`, `ParseKeys<'ns'>`), else the default one.
 */
function sources(): { file: string; text: string; namespaces: Set<string> }[] {
  return readdirSync(RENDERER, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(RENDERER, file))
    .filter((file) => !file.startsWith(CATALOGS))
    .map((file) => {
      const text = readFileSync(file, 'utf8')
      const bound = [...text.matchAll(/useTranslation\(\s*'(\w+)'|(?:TFunction|ParseKeys)<'(\w+)'>/g)].map((m) => m[1] ?? m[2] ?? '')
      return { file: path.relative(RENDERER, file), text, namespaces: new Set(bound.length > 0 ? bound : ['common']) }
    })
}

/**
 * The '…' and "…" string literals of a source file: keys are always whole literals, never built from pieces.
 * A small lexer, so that an apostrophe in a comment or in a template's text pairs with nothing, while the
 * `${…}` parts of templates are read as code.
 */
function literals(text: string): Set<string> {
  const found = new Set<string>()
  /** What each open `${` or `{` inside a template expression returns to when closed. */
  const braces: ('template' | 'code')[] = []
  let state: 'code' | 'template' = 'code'
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const next = text[i + 1]
    if (state === 'template') {
      if (c === '\\') i++
      else if (c === '`') state = 'code'
      else if (c === '$' && next === '{') {
        braces.push('template')
        state = 'code'
        i++
      }
    } else if (c === '/' && (next === '/' || next === '*')) {
      const end = next === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 1
      i = end <= 0 ? text.length : end
    } else if (c === '`') state = 'template'
    else if (c === '{') braces.push('code')
    else if (c === '}') state = braces.pop() ?? 'code'
    else if (c === "'" || c === '"') {
      let end = i + 1
      while (end < text.length && text[end] !== c && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1
      found.add(text.slice(i + 1, end))
      i = end
    }
  }
  return found
}

/** Keys handed to t(), i18n.t() or <Trans i18nKey>, as `ns:key` or a key of whichever namespace the call is bound to. */
function calledKeys(text: string): string[] {
  const calls = text.matchAll(/\bt\(\s*'([^']+)'|i18nKey="([^"]+)"/g)
  return [...calls].map((match) => match[1] ?? match[2] ?? '')
}

describe('the English catalogs', () => {
  const code = sources()

  it('have a value for every key, never an empty one', () => {
    expect(entries.length).toBeGreaterThan(400)
    expect(entries.filter((e) => e.text.trim() === '').map((e) => `${e.ns}:${e.key}`)).toEqual([])
  })

  it('give every plural its _other form, the one English and every fallback needs', () => {
    const keys = new Set(entries.map((e) => `${e.ns}:${e.key}`))
    const orphans = [...keys].filter((key) => PLURAL.test(key) && !keys.has(key.replace(PLURAL, '_other')))
    expect(orphans).toEqual([])
  })

  it('hold only keys the renderer uses, in the namespace that uses them', () => {
    // `ns:key` anywhere, or a bare key in a file bound to its namespace.
    const used = new Set(
      code.flatMap(({ text, namespaces }) => [...literals(text)].flatMap((l) => [l, ...[...namespaces].map((ns) => `${ns}:${l}`)])),
    )
    const unused = entries.map(({ ns, key }) => `${ns}:${key.replace(PLURAL, '')}`).filter((key) => !used.has(key))
    expect([...new Set(unused)]).toEqual([])
  })

  it('have every key the renderer asks for, in the namespace it asks', () => {
    const known = new Set(entries.map(({ ns, key }) => `${ns}:${key.replace(PLURAL, '')}`))
    const missing = code.flatMap(({ file, text, namespaces }) =>
      calledKeys(text).flatMap((key) => {
        const candidates = key.includes(':') ? [key] : [...namespaces].map((ns) => `${ns}:${key}`)
        return candidates.some((candidate) => known.has(candidate)) ? [] : [`${file}: ${key}`]
      }),
    )
    expect(missing).toEqual([])
  })
})
