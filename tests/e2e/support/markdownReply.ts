import { seededRandom } from '../../support/seededRandom.ts'
/**
 * A long model reply for Markdown tests and the streaming bench: prose, lists (loose and tight),
 * task lists, tables, code in several languages (with blank lines inside), inline and display math,
 * quotes. Deterministic: the same seed gives the same text.
 */

const CODE_SAMPLES: { language: string; lines: string[] }[] = [
  {
    language: 'python',
    lines: [
      'import json',
      'from pathlib import Path',
      '',
      '',
      'def load(path: Path) -> dict:',
      '    """Read a settings file, or return defaults."""',
      '    if not path.exists():',
      "        return {'model': 'qwen2.5:7b-instruct', 'num_ctx': 8192}",
      '    with path.open() as f:',
      '        return json.load(f)',
      '',
      'for i, name in enumerate(["a", "b", "c"]):',
      '    print(f"{i}: {name!r}")  # comment',
    ],
  },
  {
    language: 'ts',
    lines: [
      'interface Reply {',
      '  text: string',
      '  tokens: number',
      '}',
      '',
      'export async function* stream(url: string): AsyncGenerator<Reply> {',
      '  const response = await fetch(url, { method: "POST" })',
      '  for await (const chunk of response.body ?? []) {',
      '    yield { text: new TextDecoder().decode(chunk), tokens: 1 }',
      '  }',
      '}',
    ],
  },
  {
    language: 'bash',
    lines: [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      '',
      'ollama pull qwen2.5:7b-instruct',
      'for f in *.md; do',
      '  echo "$f" | wc -c',
      'done',
    ],
  },
  {
    language: 'sql',
    lines: ['SELECT m.id, m.role, count(*) AS n', 'FROM messages m', "WHERE m.text LIKE '%token%'", 'GROUP BY m.id', 'ORDER BY n DESC;'],
  },
  {
    language: 'rust',
    lines: [
      'use std::collections::HashMap;',
      '',
      'fn count(words: &[&str]) -> HashMap<&str, usize> {',
      '    let mut map = HashMap::new();',
      '    for w in words {',
      '        *map.entry(*w).or_insert(0) += 1;',
      '    }',
      '    map',
      '}',
    ],
  },
  {
    language: 'json',
    lines: ['{', '  "model": "qwen2.5:7b-instruct",', '  "options": { "temperature": 0.2, "num_ctx": 8192 },', '  "stream": true', '}'],
  },
  { language: '', lines: ['plain text block', '  with indentation', '<b>not bold</b> & not a tag'] },
]

const WORDS =
  'the model reads each token once and the context window holds what it has seen so far while the reply streams into the chat as fast as the machine allows without blocking the page'.split(
    ' ',
  )

export interface Reply {
  text: string
  /** How many fenced code blocks the text has. */
  codeBlocks: number
  /** The raw text of each fenced code block, in order. */
  codes: string[]
}

/** A reply of about `approxChars` characters. */
export function makeReply(approxChars: number, seed = 7): Reply {
  const rnd = seededRandom(seed)
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)] as T
  const sentence = (): string => {
    const n = 8 + Math.floor(rnd() * 14)
    const words: string[] = []
    for (let i = 0; i < n; i++) {
      const word = pick(WORDS)
      const r = rnd()
      if (r < 0.04) words.push(`\`${word}()\``)
      else if (r < 0.07) words.push(`**${word}**`)
      else if (r < 0.09) words.push(`*${word}*`)
      else if (r < 0.1) words.push(`$x_${i}^2$`)
      else words.push(word)
    }
    const text = words.join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }
  const paragraph = (): string => Array.from({ length: 2 + Math.floor(rnd() * 4) }, sentence).join(' ')

  const parts: string[] = []
  const codes: string[] = []
  let size = 0
  let section = 0
  while (size < approxChars) {
    let part: string
    const kind = section === 0 ? 0 : Math.floor(rnd() * 9)
    switch (kind) {
      case 0:
        part = `## Section ${++section}\n\n${paragraph()}`
        break
      case 1: {
        const sample = pick(CODE_SAMPLES)
        const code = sample.lines.join('\n')
        codes.push(code)
        part = `Here is an example:\n\n\`\`\`${sample.language}\n${code}\n\`\`\``
        break
      }
      case 2:
        part = Array.from({ length: 3 + Math.floor(rnd() * 4) }, (_, i) => `${i + 1}. ${sentence()}`).join(rnd() < 0.5 ? '\n' : '\n\n')
        break
      case 3:
        part = Array.from({ length: 3 }, () => `- ${sentence()}`).join('\n')
        break
      case 4:
        part = `- [x] ${sentence()}\n- [ ] ${sentence()}\n- [ ] see https://example.com/docs`
        break
      case 5:
        part = `| model | size | context |\n|:--|--:|:-:|\n| qwen2.5:7b | 4.7 GB | 32k |\n| llama3.2:3b | 2.0 GB | 128k |\n| phi4 | 9.1 GB | 16k |`
        break
      case 6:
        part = rnd() < 0.5 ? `$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$` : `\\[\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n\\]`
        break
      case 7:
        part = `> ${sentence()}\n> ${sentence()}`
        break
      default:
        part = paragraph()
    }
    parts.push(part)
    size += part.length + 2
  }
  const text = `${parts.join('\n\n')}\n`
  return { text, codeBlocks: codes.length, codes }
}

/** The text cut the way a model's tokens cut it: runs of up to 4 characters with their leading space. */
export function toTokens(text: string): string[] {
  return text.match(/\s*\S{1,4}|\s+/g) ?? []
}
