import { tokenizerFor } from '../../src/main/tokens/tokenCounter.ts'
import type { FakeChatRequest, FakeOllama, FakeReply } from './fakeOllama.ts'

const counter = tokenizerFor('qwen2.5:7b-instruct')
const MARKER = /\[\[p\d+\]\]/g
const BRACKETS = /\[([^[\]]*)\]/g
const LABEL = /C\d+/g
const MARKERS_PER_BULLET = 8
const LABELS_PER_BULLET = 3

/**
 * A model for summary tests, as `FakeOllama.replyFor`: it "summarizes" by echoing the `[[pN]]`
 * markers it read (map calls) or citing the `[Cn]` labels of the summaries it read (reduce calls).
 * Like the real runner it reads only what fits: a prompt over num_ctx loses its oldest tokens,
 * counted the way the server counts them (its `countTokens` override when set). Its answer stops
 * at num_predict tokens with `done_reason: length`.
 */
export function fakeSummaryModel(server: Pick<FakeOllama, 'countTokens'>): (request: FakeChatRequest) => FakeReply {
  return (request) => {
    const seen = visiblePrompt(request, server.countTokens)
    const end = seen.lastIndexOf('</summaries>')
    const summaries = end >= 0 ? seen.slice(seen.lastIndexOf('<summaries>', end) + 1, end) : ''
    const labels = unique(Array.from(summaries.matchAll(BRACKETS)).flatMap((m) => m[1]?.match(LABEL) ?? []))
    const markers = unique(seen.match(MARKER) ?? [])
    const answer =
      labels.length > 0
        ? bullets(labels, LABELS_PER_BULLET, (some) => `The document's points [${some.join(', ')}]`)
        : bullets(markers, MARKERS_PER_BULLET, (some) => `The text covers ${some.join(', ')}.`)
    return withinLimit(answer || '- Nothing readable.', request.options?.num_predict)
  }
}

/**
 * For `FakeOllama.countTokens`: texts containing `marker` count `factor` times their real tokens,
 * so the server sees more than the app counted and cuts. The extra token per message makes other
 * prompts count as Ollama's ChatML template does (the fake adds 4 per message, the template 5).
 */
export function inflatedTokens(marker: string, factor: number): (text: string) => number {
  return (text) => (text.includes(marker) ? factor : 1) * counter.count(text) + 1
}

/** The prompt text the model gets to read: all of it, or the part after what the server dropped. */
export function visiblePrompt(request: FakeChatRequest, countTokens?: (text: string) => number): string {
  const numCtx = request.options?.num_ctx ?? 4096
  const contents = request.messages.map((m) => m.content)
  const total = countTokens
    ? contents.reduce((sum, c) => sum + countTokens(c) + 4, 3)
    : counter.countChat(request.messages.map((m) => ({ role: m.role, content: m.content })))
  const text = contents.join('\n')
  if (total <= numCtx) return text
  const count = countTokens ?? ((t: string) => counter.count(t))
  const dropped = shortestPrefix(text, (prefix) => count(prefix) >= total - numCtx)
  return text.slice(dropped)
}

/** The answer cut at num_predict tokens, as a generation stopped by its limit. */
function withinLimit(answer: string, numPredict: number | undefined): FakeReply {
  if (numPredict === undefined || numPredict < 0 || counter.count(answer) <= numPredict) return answer
  const end = shortestPrefix(answer, (prefix) => counter.count(prefix) > numPredict) - 1
  return { content: answer.slice(0, Math.max(0, end)), doneReason: 'length' }
}

/** The smallest length whose prefix satisfies a test that stays true for longer prefixes (text.length if none). */
function shortestPrefix(text: string, enough: (prefix: string) => boolean): number {
  let low = 0
  let high = text.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (enough(text.slice(0, mid))) high = mid
    else low = mid + 1
  }
  return low
}

function bullets(items: string[], perBullet: number, line: (some: string[]) => string): string {
  const lines: string[] = []
  for (let i = 0; i < items.length; i += perBullet) lines.push(`- ${line(items.slice(i, i + perBullet))}`)
  return lines.join('\n')
}

function unique(items: Iterable<string>): string[] {
  return [...new Set(items)]
}
