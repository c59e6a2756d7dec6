import { readFileSync } from 'node:fs'
import { Tokenizer } from '@huggingface/tokenizers'
import { QwenBpe, qwenVocabPath } from '../src/main/tokens/qwenBpe.ts'
import { tokenizerFor, warmUp } from '../src/main/tokens/tokenCounter.ts'
import { median } from './stats.ts'
import { markdownTable } from './table.ts'

export interface TokenBenchRow {
  name: string
  ms: number
  mbPerS: number
  tokens: number | null
  /** ms relative to the baseline measured in the same run. */
  ratio: number
}

export interface TokenBenchResult {
  textBytes: number
  loadMs: number
  runs: number
  rows: TokenBenchRow[]
}

/**
 * About 1 MB of mixed text, the same on every run: prose made of pseudo-words (so thousands of distinct
 * pieces, not a few cached ones), TypeScript, Chinese, Cyrillic, numbers and emoji.
 */
export function mixedText(bytes = 1_000_000): string {
  let state = 42
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % n
  }
  const syllables = ['ka', 'lo', 'ren', 'ti', 'mas', 'qu', 'er', 'on', 'st', 'ba', 'vel', 'ix', 'dor', 'ne', 'ul', 'phy']
  const word = (): string => Array.from({ length: 1 + next(4) }, () => syllables[next(syllables.length)]).join('')
  const hanzi = (): string => String.fromCodePoint(0x4e00 + next(3000))
  const sections = [
    () =>
      `${Array.from({ length: 40 }, () => (next(10) === 0 ? 'the' : word())).join(' ')}. It's ${next(10_000)} and we've said "${word()}"!\n\n`,
    () =>
      `export function ${word()}(${word()}: number): string {\n  const out = [${next(99)}, ${next(999)}]\n  return out.join(', ') // ${word()}\n}\n\n`,
    () => `${Array.from({ length: 60 }, hanzi).join('')}，${Array.from({ length: 20 }, hanzi).join('')}。\n`,
    () => `Привет, это ${word()} — проверка ${next(100)} токенов. 🚀👍🏽 ${word()} 😁\n`,
  ]
  let text = ''
  while (Buffer.byteLength(text) < bytes) text += (sections[next(sections.length)] ?? sections[0])?.() ?? ''
  return text
}

/**
 * Counting 1 MB against `Buffer.byteLength` over the same text (a pass over the string that any
 * counter has to beat). The counter is timed warm (its piece cache filled by an earlier count, as in
 * the chat meter recounting a conversation) and with a fresh tokenizer (a document seen once); the
 * library's full `encode`, which builds every token, is shown for reference.
 */
export async function tokenBench(runs = 5): Promise<TokenBenchResult> {
  const text = mixedText()
  const textBytes = Buffer.byteLength(text)
  const loadStarted = performance.now()
  await warmUp()
  const loadMs = performance.now() - loadStarted
  const counter = tokenizerFor('qwen2.5:7b-instruct')
  const json = JSON.parse(readFileSync(qwenVocabPath(), 'utf8')) as ConstructorParameters<typeof QwenBpe>[0]
  const library = new Tokenizer({ ...json, normalizer: null }, {})

  const time = (fn: () => number): { ms: number; result: number } => {
    const started = performance.now()
    const result = fn()
    return { ms: performance.now() - started, result }
  }
  const series = (fn: () => number, fresh?: () => () => number): { ms: number; result: number } => {
    const samples: number[] = []
    let result = 0
    for (let i = 0; i < runs; i++) {
      const call = fresh ? fresh() : fn
      const sample = time(call)
      samples.push(sample.ms)
      result = sample.result
    }
    return { ms: median(samples), result }
  }

  counter.count(text)
  const baseline = series(() => Buffer.byteLength(text))
  const warm = series(() => counter.count(text))
  const cold = series(
    () => 0,
    () => {
      const bpe = new QwenBpe(json)
      return () => bpe.count(text, 'qwen2.5')
    },
  )
  const full = series(() => library.encode(text, { add_special_tokens: false }).ids.length)

  const row = (name: string, sample: { ms: number; result: number }, tokens: number | null): TokenBenchRow => ({
    name,
    ms: Math.round(sample.ms * 10) / 10,
    mbPerS: Math.round((textBytes / 1e6 / (sample.ms / 1000)) * 10) / 10,
    tokens,
    ratio: Math.round((sample.ms / Math.max(baseline.ms, 0.001)) * 10) / 10,
  })
  return {
    textBytes,
    loadMs: Math.round(loadMs),
    runs,
    rows: [
      row('`Buffer.byteLength` (baseline)', baseline, null),
      row('`count`, piece cache warm', warm, warm.result),
      row('`count`, fresh tokenizer', cold, cold.result),
      row('library `encode` (all token ids, reference)', full, full.result),
    ],
  }
}

export function tokenTable(result: TokenBenchResult): string {
  return markdownTable(
    `Counting ${(result.textBytes / 1e6).toFixed(2)} MB of mixed text with the Qwen2.5 tokenizer (medians of ${result.runs})`,
    [
      { header: 'path', cell: (r) => r.name },
      { header: 'ms', cell: (r) => r.ms, numeric: true },
      { header: 'MB/s', cell: (r) => r.mbPerS, numeric: true },
      { header: 'tokens', cell: (r) => r.tokens ?? 'n/a', numeric: true },
      { header: 'ms ÷ baseline', cell: (r) => `${r.ratio}×`, numeric: true },
    ],
    result.rows,
    [
      `Loading the vocabulary (7 MB of JSON, read, parsed and turned into the BPE tables) took ${result.loadMs} ms, once per thread. ` +
        'The text mixes invented words (thousands of distinct pieces), TypeScript, Chinese, Cyrillic, numbers and emoji; ' +
        '"fresh tokenizer" starts with empty caches, as for a document counted once.',
    ],
  )
}
