import type { ChatRole } from './domain/chat.ts'

/*
 * "Copy as code": a conversation as a ready-to-run script for the official `ollama` libraries.
 * Every string from the conversation goes through one literal writer per language, never into
 * a template literal or an f-string, so quotes, backslashes, `${`, `"""` and emoji come out as
 * the same text in the running program.
 */

export type SnippetLanguage = 'javascript' | 'python'

export interface SnippetInput {
  model: string
  system?: string
  messages: { role: ChatRole; content: string }[]
  options: Record<string, unknown>
  keepAlive?: string
  /** The server when it is not the libraries' default (127.0.0.1:11434). Credentials never go in a snippet. */
  host?: string
}

export const SNIPPET_FILE_NAME: Record<SnippetLanguage, string> = { javascript: 'chat.mjs', python: 'chat.py' }

/**
 * Characters that are legal inside both languages' string literals but invisible or read as line
 * breaks by editors (C1 controls, U+2028/2029, BOM); written as \uXXXX so the code looks like
 * what it does. JSON.stringify already escapes C0 controls and lone surrogates.
 */
const INVISIBLE = /[\u007f-\u009f\u00ad\u2028\u2029\ufeff]/g

function escapeInvisible(literal: string): string {
  return literal.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * A double-quoted literal valid in both JavaScript and Python 3: JSON.stringify only emits
 * \" \\ \b \f \n \r \t and \uXXXX, which Python reads the same way (it never emits \/, which
 * Python would keep as two characters). Emoji stay as UTF-8, Python 3's source encoding.
 */
function stringLiteral(text: string): string {
  return escapeInvisible(JSON.stringify(text))
}

interface Syntax {
  /** One level of indentation. */
  unit: string
  keyword: { true: string; false: string; null: string }
  key(name: string): string
  /** Spaces inside `{ }` on one line: JavaScript style has them, Python's does not. */
  pad: string
}

const JS: Syntax = {
  unit: '  ',
  keyword: { true: 'true', false: 'false', null: 'null' },
  key: (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : stringLiteral(name)),
  pad: ' ',
}

const PY: Syntax = { unit: '    ', keyword: { true: 'True', false: 'False', null: 'None' }, key: stringLiteral, pad: '' }

/** A literal for a JSON-like value; undefined (and NaN, Infinity, functions) for what has none, so the caller leaves it out. */
function literal(syntax: Syntax, value: unknown, indent: string): string | undefined {
  if (typeof value === 'string') return stringLiteral(value)
  // JSON's number forms (1, -0.5, 1e+21, 1e-7) are valid in both languages.
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined
  if (typeof value === 'boolean') return syntax.keyword[value ? 'true' : 'false']
  if (value === null) return syntax.keyword.null
  const inner = indent + syntax.unit
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(syntax, v, inner) ?? syntax.keyword.null)
    return layout(items, indent, syntax.unit, '[', ']', '')
  }
  if (typeof value === 'object') {
    const items = Object.entries(value).flatMap(([k, v]) => {
      const written = literal(syntax, v, inner)
      return written === undefined ? [] : [`${syntax.key(k)}: ${written}`]
    })
    return layout(items, indent, syntax.unit, '{', '}', syntax.pad)
  }
  return undefined
}

/** Short collections on one line, long ones one item per line with a trailing comma (valid in both languages). */
function layout(items: string[], indent: string, unit: string, open: string, close: string, pad: string): string {
  if (items.length === 0) return `${open}${close}`
  const inline = `${open}${pad}${items.join(', ')}${pad}${close}`
  if (indent.length + inline.length <= 100 && !inline.includes('\n')) return inline
  return `${open}\n${items.map((item) => `${indent}${unit}${item},`).join('\n')}\n${indent}${close}`
}

/** `keep_alive` and `think` belong beside `options` in the request; Ollama ignores them inside. */
function splitRequestFields(input: SnippetInput): {
  options: Record<string, unknown>
  keepAlive: string | undefined
  think: boolean | undefined
} {
  const { keep_alive: inOptions, think, ...options } = input.options
  const keepAlive = input.keepAlive ?? (typeof inOptions === 'string' ? inOptions : undefined)
  return { options, keepAlive: keepAlive?.trim() ? keepAlive.trim() : undefined, think: typeof think === 'boolean' ? think : undefined }
}

function allMessages(input: SnippetInput): { role: string; content: string }[] {
  const system = input.system?.trim() ? [{ role: 'system', content: input.system }] : []
  return [...system, ...input.messages.map((m) => ({ role: m.role, content: m.content }))]
}

export function conversationAsCode(input: SnippetInput, language: SnippetLanguage): string {
  return language === 'javascript' ? javascriptSnippet(input) : pythonSnippet(input)
}

function javascriptSnippet(input: SnippetInput): string {
  const { options, keepAlive, think } = splitRequestFields(input)
  const messages = allMessages(input).map((m) => literal(JS, m, '    ') ?? '{}')
  const lines = [
    '// Streams a reply from Ollama with the official JavaScript library (Node 18+).',
    `// Run: npm install ollama, save as ${SNIPPET_FILE_NAME.javascript}, then: node ${SNIPPET_FILE_NAME.javascript}`,
  ]
  if (input.host) lines.push('import { Ollama } from "ollama"', '', `const ollama = new Ollama({ host: ${stringLiteral(input.host)} })`)
  else lines.push('import ollama from "ollama"')
  lines.push('', 'const response = await ollama.chat({', `  model: ${stringLiteral(input.model)},`)
  lines.push(messages.length ? `  messages: [\n${messages.map((m) => `    ${m},`).join('\n')}\n  ],` : '  messages: [],')
  const written = literal(JS, options, '  ')
  if (written !== '{}') lines.push(`  options: ${written},`)
  if (keepAlive) lines.push(`  keep_alive: ${stringLiteral(keepAlive)},`)
  if (think !== undefined) lines.push(`  think: ${think},`)
  lines.push('  stream: true,', '})', '')
  lines.push('for await (const part of response) {', '  process.stdout.write(part.message.content)', '}', 'process.stdout.write("\\n")', '')
  return lines.join('\n')
}

function pythonSnippet(input: SnippetInput): string {
  const { options, keepAlive, think } = splitRequestFields(input)
  const messages = allMessages(input).map((m) => literal(PY, m, '        ') ?? '{}')
  const lines = [
    '# Streams a reply from Ollama with the official Python library (Python 3.8+).',
    `# Run: pip install ollama, save as ${SNIPPET_FILE_NAME.python}, then: python3 ${SNIPPET_FILE_NAME.python}`,
  ]
  let call = 'chat'
  if (input.host) {
    lines.push('from ollama import Client', '', `client = Client(host=${stringLiteral(input.host)})`)
    call = 'client.chat'
  } else lines.push('from ollama import chat')
  lines.push('', `stream = ${call}(`, `    model=${stringLiteral(input.model)},`)
  lines.push(messages.length ? `    messages=[\n${messages.map((m) => `        ${m},`).join('\n')}\n    ],` : '    messages=[],')
  const written = literal(PY, options, '    ')
  if (written !== '{}') lines.push(`    options=${written},`)
  if (keepAlive) lines.push(`    keep_alive=${stringLiteral(keepAlive)},`)
  if (think !== undefined) lines.push(`    think=${think ? 'True' : 'False'},`)
  lines.push('    stream=True,', ')', '')
  lines.push('for part in stream:', '    print(part["message"]["content"], end="", flush=True)', 'print()', '')
  return lines.join('\n')
}
