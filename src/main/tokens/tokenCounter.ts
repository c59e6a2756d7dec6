import { QWEN25_DEFAULT_SYSTEM, renderOllamaChatml, type ChatTurn } from './ollamaChatml.ts'
import { loadQwenBpe, qwenBpe, type SpecialTokenSet } from './qwenBpe.ts'

export type { ChatTurn } from './ollamaChatml.ts'
export { QWEN25_DEFAULT_SYSTEM, renderOllamaChatml } from './ollamaChatml.ts'

export interface TokenCounter {
  /** Both counts are what Ollama will count (its `prompt_eval_count` for an untruncated prompt); otherwise estimates. */
  exact: boolean
  /** `count` is exact even if the chat framing is not (a Qwen model whose Ollama template we do not know). */
  textExact: boolean
  /** What counts, for a tooltip: "Qwen2.5 tokenizer", or what the estimate is based on. */
  name: string
  /** Tokens of a piece of text; added tokens such as `<|im_end|>` in it count as one, as they do in a prompt. */
  count(text: string): number
  /** Tokens of the whole prompt Ollama builds from these messages with the model's template, generation prompt included. */
  countChat(messages: readonly ChatTurn[]): number
}

type Framing = 'ollama-qwen2.5' | 'chatml' | 'generic'

export interface TokenProfile {
  name: string
  textExact: boolean
  framing: Framing
  specials: SpecialTokenSet
}

/**
 * Without a tokenizer of their own, other models are counted with Qwen's: a 151k byte-level BPE like
 * Llama 3's (128k) or GPT-4o's, so close for prose and code in any script, far closer than
 * characters ÷ 4 for CJK. Models with 32k vocabularies (Llama 2, Mistral 7B, Phi-3) use noticeably
 * more tokens than this; the result is labelled an estimate and callers keep a margin.
 */
const GENERIC_PER_MESSAGE = 5
const GENERIC_PROMPT = 4

/**
 * The counter for an Ollama model name (`qwen2.5:7b-instruct`, `hf.co/Qwen/Qwen2.5-7B-Instruct-GGUF:Q4_K_M`),
 * optionally with `details.family` from /api/show or /api/tags (`qwen2` is the GGUF architecture, shared
 * by Qwen1.5, Qwen2, Qwen2.5 and their derivatives).
 *
 * Exact: Ollama library `qwen2.5` and `qwen2.5-coder` (tokenizer, template and default system prompt
 * all known). Text exact, chat framing estimated: other names starting qwen2.5, qwen2 or qwen3 (not
 * qwen3.5+, which has a new tokenizer). Everything else, including `qwen:` (Qwen 1.5/1.0, whose
 * special tokens and templates differ), `qwq` and models found only by family, is an estimate made
 * with the same Qwen vocabulary. See docs/decisions.md "Token counting" for the evidence.
 *
 * The vocabulary loads on the first count (about 0.7 s); call `warmUp()` earlier to avoid that pause.
 */
export function tokenizerFor(model: string, family?: string): TokenCounter {
  const profile = profileFor(model, family)
  const count = (text: string): number => qwenBpe().count(text, profile.specials)
  const countChat = (messages: readonly ChatTurn[]): number => {
    switch (profile.framing) {
      case 'ollama-qwen2.5':
        return count(renderOllamaChatml(messages, QWEN25_DEFAULT_SYSTEM))
      case 'chatml':
        return count(renderOllamaChatml(messages))
      case 'generic':
        return messages.reduce((sum, m) => sum + count(m.content) + GENERIC_PER_MESSAGE, GENERIC_PROMPT)
    }
  }
  return {
    exact: profile.textExact && profile.framing === 'ollama-qwen2.5',
    textExact: profile.textExact,
    name: profile.name,
    count,
    countChat,
  }
}

/** Loads the vocabulary now (file read off the thread, parsing on it), so the first count does not pause. */
export async function warmUp(): Promise<void> {
  await loadQwenBpe()
}

/** How a model is counted; exported for tests and for callers that want to explain an estimate. */
export function profileFor(model: string, family?: string): TokenProfile {
  const { name, library } = parseModelName(model)
  // Ollama's library names and the HF repository names of the GGUFs people pull directly.
  if (/^qwen2\.5(?!\d)/.test(name)) {
    const known = library && (name === 'qwen2.5' || name === 'qwen2.5-coder')
    return known
      ? { name: 'Qwen2.5 tokenizer', textExact: true, framing: 'ollama-qwen2.5', specials: 'qwen2.5' }
      : { name: 'Qwen2.5 tokenizer (chat template estimated)', textExact: true, framing: 'chatml', specials: 'qwen2.5' }
  }
  if (/^qwen3(?![.\d])/.test(name))
    return { name: 'Qwen3 tokenizer (chat template estimated)', textExact: true, framing: 'chatml', specials: 'qwen3' }
  if (/^qwen2(?![.\d])/.test(name))
    return { name: 'Qwen2 tokenizer (chat template estimated)', textExact: true, framing: 'chatml', specials: 'qwen2' }
  if (/^(qwen|qwq)(?![\d.])/.test(name) || /^qwen1\.5(?!\d)/.test(name)) {
    return { name: `estimate: Qwen tokenizer for ${name}`, textExact: false, framing: 'chatml', specials: 'qwen2' }
  }
  const arch = family?.toLowerCase()
  if (arch === 'qwen2' || arch === 'qwen2moe') {
    return { name: `estimate: Qwen tokenizer (family ${arch})`, textExact: false, framing: 'chatml', specials: 'qwen2.5' }
  }
  if (arch === 'qwen3' || arch === 'qwen3moe') {
    return { name: `estimate: Qwen tokenizer (family ${arch})`, textExact: false, framing: 'chatml', specials: 'qwen3' }
  }
  return { name: `estimate: Qwen2.5 tokenizer standing in for ${name}`, textExact: false, framing: 'generic', specials: 'qwen2.5' }
}

/**
 * The model part of an Ollama name `[host/][namespace/]model[:tag][@digest]`, lower-cased, and whether
 * it comes from Ollama's own library (no namespace or `library`, no host but registry.ollama.ai).
 */
export function parseModelName(model: string): { name: string; library: boolean } {
  const parts = model.trim().toLowerCase().split('@')[0]?.split('/') ?? []
  const last = parts.pop() ?? ''
  const name = last.split(':')[0] ?? ''
  const [host, namespace] = parts.length >= 2 ? parts : [undefined, parts[0]]
  const library = (namespace === undefined || namespace === 'library') && (host === undefined || host === 'registry.ollama.ai')
  return { name, library }
}
