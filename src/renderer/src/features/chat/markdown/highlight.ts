// highlight.js core with a curated set of grammars registered by hand: the full bundle carries
// 190+ languages (≈ 1 MB); these cover what instruct models write in chat.
import hljs from 'highlight.js/lib/core'
import bash from 'highlight.js/lib/languages/bash'
import c from 'highlight.js/lib/languages/c'
import cpp from 'highlight.js/lib/languages/cpp'
import csharp from 'highlight.js/lib/languages/csharp'
import css from 'highlight.js/lib/languages/css'
import diff from 'highlight.js/lib/languages/diff'
import go from 'highlight.js/lib/languages/go'
import java from 'highlight.js/lib/languages/java'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import markdown from 'highlight.js/lib/languages/markdown'
import plaintext from 'highlight.js/lib/languages/plaintext'
import python from 'highlight.js/lib/languages/python'
import rust from 'highlight.js/lib/languages/rust'
import sql from 'highlight.js/lib/languages/sql'
import typescript from 'highlight.js/lib/languages/typescript'
import xml from 'highlight.js/lib/languages/xml'
import yaml from 'highlight.js/lib/languages/yaml'

const languages = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  plaintext,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
}
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language)
// Models label command lines "shell" or "console" more often than "bash"; highlight.js's own
// "shell" grammar only colours `$ ` prompts, so those names go to bash.
hljs.registerAliases(['shell', 'console', 'terminal', 'zsh'], { languageName: 'bash' })
hljs.registerAliases(['jsonc', 'json5'], { languageName: 'json' })

/**
 * Above this size a block is shown without colours: highlight.js works in one synchronous pass
 * (no continuation since v11) at roughly 0.5 MB/s on a slow machine, so a longer block would be one
 * main-thread task over 50 ms.
 */
export const MAX_HIGHLIGHT_CHARS = 16_000

/** Highlighted HTML (only `<span class="hljs-…">` around escaped text), or undefined to show the code plain. */
export function highlightCode(code: string, language: string): string | undefined {
  if (code.length > MAX_HIGHLIGHT_CHARS || !hljs.getLanguage(language)) return undefined
  try {
    return hljs.highlight(code, { language, ignoreIllegals: true }).value
  } catch {
    return undefined
  }
}
