import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Conversation, StoredMessage } from '../src/shared/domain/conversation.ts'
import { HistoryStore } from '../src/main/storage/history/HistoryStore.ts'
import { EXPORT_FORMAT, EXPORT_VERSION } from '../src/main/storage/history/exportConversation.ts'
import { summarize, type Timing } from './stats.ts'
import { markdownTable } from './table.ts'

const CONVERSATIONS = 1_000
const MESSAGES = 100_000
const BIG_CONVERSATION = 10_000
const SEARCH_ROUNDS = 5

export interface HistoryRow {
  name: string
  timing: Timing
  /** p50 ÷ the baseline's p50, measured in the same run. */
  ratioP50: number
  requirement?: string
  met?: boolean
}

export interface HistoryBenchResult {
  messages: number
  conversations: number
  textMB: number
  fileMB: number
  fillS: number
  queries: number
  rows: HistoryRow[]
}

/** A deterministic generator, so every run searches the same history. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COMMON = (
  'the of and to a in is it you that for on with as this be are or can your by not if but from at an will have ' +
  'use which more one so all when what there some how about into also than then each other may should would could ' +
  'like just first make time way because most only new these over such even here well need want work good'
).split(' ')
const TOPICS = [
  'python function variable loop list dictionary error exception import module class method return value string integer array index',
  'recipe flour sugar butter oven bake minutes dough salt pepper garlic onion sauce simmer roast chicken vegetables café crème',
  'travel flight hotel train ticket museum city river mountain beach passport itinerary Zürich Kraków São Paulo budget luggage',
  'sqlite table query index column database schema migration transaction insert select join primary foreign key',
  'garden tomato soil water compost seeds sunlight pruning roses lavender harvest season frost mulch weeds',
  'invoice budget savings interest mortgage loan taxes pension salary expenses spreadsheet quarterly revenue',
  'story character plot chapter dialogue villain hero lighthouse storm seagull dragon kingdom journey naïve',
  'health sleep exercise protein vitamins running stretching posture hydration calories résumé interview meeting',
].map((line) => line.split(' '))
const SYLLABLES = 'ka lo mi ren tu sa vo ne ri ta ul om bex dra fin gor hal jin kest lum mor nax pel quin rud syl tor vek wyn zar'.split(
  ' ',
)

/** Words with a long tail: a few hundred frequent ones, tens of thousands that turn up a handful of times. */
function vocabulary(next: () => number): string[] {
  const rare = new Set<string>()
  while (rare.size < 30_000) {
    const parts = 2 + Math.floor(next() * 3)
    rare.add(Array.from({ length: parts }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(''))
  }
  return [...rare]
}

class TextMaker {
  private readonly next: () => number
  private readonly rare: string[]

  constructor(seed: number) {
    this.next = random(seed)
    this.rare = vocabulary(this.next)
  }

  pick<T>(items: readonly T[], skew = 1): T {
    return items[Math.floor(this.next() ** skew * items.length)] as T
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  sentence(topic: readonly string[], words: number, end: string): string {
    const out: string[] = []
    for (let i = 0; i < words; i++) {
      const roll = this.next()
      out.push(roll < 0.6 ? this.pick(COMMON, 2) : roll < 0.93 ? this.pick(topic, 1.5) : this.pick(this.rare, 2.5))
    }
    const text = out.join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${end}`
  }

  question(topic: readonly string[]): string {
    return Array.from({ length: this.int(1, 2) }, (_, i) => this.sentence(topic, this.int(5, 18), i ? '?' : '.')).join(' ')
  }

  answer(topic: readonly string[]): string {
    const paragraphs = Array.from({ length: this.int(1, 3) }, () =>
      Array.from({ length: this.int(1, 4) }, () => this.sentence(topic, this.int(6, 20), '.')).join(' '),
    )
    if (this.chance(0.2))
      paragraphs.push(Array.from({ length: this.int(2, 5) }, () => `- ${this.sentence(topic, this.int(3, 8), '')}`).join('\n'))
    if (this.chance(0.1))
      paragraphs.push(`\`\`\`js\nconst ${this.pick(this.rare)} = await ${this.pick(topic)}(${this.pick(topic)}) => node:sqlite\n\`\`\``)
    return paragraphs.join('\n\n')
  }
}

/** A thread of alternating questions and answers, with a regenerated answer (a sibling branch) now and then. */
function makeConversation(text: TextMaker, size: number, startMs: number): Conversation {
  const topic = text.pick(TOPICS)
  const id = randomUUID()
  const messages: StoredMessage[] = []
  let parentId: string | null = null
  let at = startMs
  while (messages.length < size) {
    const role = messages.length % 2 ? 'assistant' : 'user'
    const sibling = role === 'assistant' && messages.length + 1 < size && text.chance(0.05)
    const message: StoredMessage = {
      id: randomUUID(),
      conversationId: id,
      parentId,
      role,
      content: role === 'user' ? text.question(topic) : text.answer(topic),
      state: 'complete',
      createdAt: (at += text.int(2_000, 60_000)),
    }
    messages.push(message)
    if (sibling) messages.push({ ...message, id: randomUUID(), content: text.answer(topic), createdAt: (at += 5_000) })
    parentId = messages[messages.length - 1]?.id ?? null
  }
  return {
    id,
    title: text.sentence(topic, text.int(2, 6), ''),
    model: 'qwen2.5:7b-instruct',
    systemPrompt: 'You are a helpful and concise assistant.',
    options: {},
    pinned: text.chance(0.02),
    createdAt: startMs,
    updatedAt: at,
    messageCount: messages.length,
    messages,
    activeLeafId: parentId,
  }
}

type QueryKind = 'common word' | 'rare word' | 'several words' | 'prefix while typing' | 'odd input'

/** ~200 queries of the kinds people type, drawn from the stored text so most of them find something. */
function makeQueries(text: TextMaker, samples: string[]): { kind: QueryKind; query: string }[] {
  const wordsOf = (content: string): string[] => content.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2)
  const sampleWords = (): string[] => wordsOf(text.pick(samples))
  const queries: { kind: QueryKind; query: string }[] = []
  const add = (kind: QueryKind, count: number, make: () => string | undefined): void => {
    for (let made = 0; made < count;) {
      const query = make()
      if (query) {
        queries.push({ kind, query })
        made++
      }
    }
  }
  add('common word', 40, () => text.pick([...COMMON, ...TOPICS.flat()], 1.5))
  add('rare word', 40, () => sampleWords().sort((a, b) => b.length - a.length)[0])
  add('several words', 40, () => {
    const words = sampleWords()
    const start = text.int(0, Math.max(0, words.length - 3))
    return words.slice(start, start + text.int(2, 3)).join(' ')
  })
  add('prefix while typing', 50, () => {
    const word = text.pick(sampleWords())
    return word?.slice(0, text.int(1, Math.min(5, word.length - 1)))
  })
  const odd = ['"unclosed', 'NEAR(table', 'c++', 'node:sqlite', '-minus', 'a*b', 'cafe', 'zurich', 'recipe OR python', 'xylophonequartz']
  add('odd input', 30, () => odd[queries.length % odd.length])
  return queries
}

function time(calls: number, call: (i: number) => unknown): Timing {
  const durations: bigint[] = []
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint()
    call(i)
    durations.push(process.hrtime.bigint() - start)
  }
  return summarize(durations)
}

/**
 * 100,000 messages in 1,000 conversations (one of them 10,000 messages long), stored through the
 * store's own import. Measured against a point lookup by rowid on a second connection to the same
 * file: the cheapest read SQLite can do there.
 */
export async function historyBench(): Promise<HistoryBenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'instruct-desk-history-bench-'))
  const file = path.join(dir, 'history.sqlite')
  const store = HistoryStore.open(file)
  const raw = new DatabaseSync(file, { readOnly: true })
  try {
    const text = new TextMaker(42)
    const fillStart = performance.now()
    const yearAgo = Date.now() - 365 * 24 * 3600_000
    const big = store.importConversation(wrap(makeConversation(text, BIG_CONVERSATION, yearAgo)))
    const perConversation = Math.floor((MESSAGES - BIG_CONVERSATION) / (CONVERSATIONS - 1))
    const samples: string[] = []
    let textBytes = 0
    for (let i = 1; i < CONVERSATIONS; i++) {
      const size = i < CONVERSATIONS - 1 ? perConversation : MESSAGES - BIG_CONVERSATION - perConversation * (CONVERSATIONS - 2)
      const conversation = makeConversation(text, size, yearAgo + i * 30_000_000)
      for (const m of conversation.messages) textBytes += Buffer.byteLength(m.content)
      samples.push(...conversation.messages.filter(() => text.chance(0.01)).map((m) => m.content))
      store.importConversation(wrap(conversation))
    }
    const fillS = (performance.now() - fillStart) / 1000
    const stored = Number(raw.prepare('SELECT count(*) AS n FROM messages').get()?.n)
    if (stored < MESSAGES) throw new Error(`The bench stored ${stored} messages, not ${MESSAGES}.`)

    const queries = makeQueries(text, samples)
    for (const { query } of queries) store.search(query)
    const point = raw.prepare('SELECT count(*) FROM messages WHERE rowid = ?')
    const baseline = time(5_000, (i) => point.get(1 + ((i * 7919) % stored)))
    const searched = new Map<QueryKind | 'all', bigint[]>([['all', []], ...queries.map(({ kind }): [QueryKind, bigint[]] => [kind, []])])
    for (let round = 0; round < SEARCH_ROUNDS; round++) {
      for (const { kind, query } of queries) {
        const start = process.hrtime.bigint()
        store.search(query)
        const took = process.hrtime.bigint() - start
        searched.get('all')?.push(took)
        searched.get(kind)?.push(took)
      }
    }
    store.getConversation(big.id)
    const opened = time(30, () => store.getConversation(big.id))
    const listed = time(100, () => store.listConversations())
    const streaming = store.addMessage({
      conversationId: big.id,
      parentId: big.activeLeafId,
      role: 'assistant',
      content: '',
      state: 'streaming',
    })
    const reply = text.answer(TOPICS[0] ?? []).repeat(8)
    const updated = time(500, (i) => store.updateMessage(streaming.id, { content: reply.slice(0, 200 + i * 8) }))

    const rows: HistoryRow[] = [
      { name: 'point lookup by rowid, second connection (baseline)', timing: baseline, ratioP50: 1 },
      ...[...searched].map(([kind, durations]) => {
        const timing = summarize(durations)
        return kind === 'all'
          ? {
              name: `search, all ${queries.length} queries × ${SEARCH_ROUNDS}`,
              timing,
              requirement: 'p95 < 50 ms',
              met: timing.p95Us < 50_000,
            }
          : { name: `search: ${kind}`, timing }
      }),
      { name: `getConversation, ${BIG_CONVERSATION.toLocaleString('en')} messages`, timing: opened },
      { name: `listConversations, ${CONVERSATIONS.toLocaleString('en')} conversations`, timing: listed },
      { name: 'updateMessage while streaming (~2–6 KB reply)', timing: updated },
    ].map((row) => ({ ...row, ratioP50: Math.round((row.timing.p50Us / Math.max(baseline.p50Us, 0.1)) * 10) / 10 }))
    const fileMB = await databaseMB(file)
    return {
      messages: stored,
      conversations: CONVERSATIONS,
      textMB: round(textBytes / 1e6, 1),
      fileMB,
      fillS: round(fillS, 1),
      queries: queries.length,
      rows,
    }
  } finally {
    raw.close()
    store.close()
    await rm(dir, { recursive: true, force: true })
  }
}

function wrap(conversation: Conversation): unknown {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, conversation }
}

async function databaseMB(file: string): Promise<number> {
  const sizes = await Promise.all(
    [file, `${file}-wal`].map((f) =>
      stat(f).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  )
  return round(sizes.reduce((a, b) => a + b, 0) / 1e6, 1)
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits
const ms = (us: number): string => (us / 1000).toFixed(us < 1000 ? 3 : 1)

export function historyTable(result: HistoryBenchResult): string {
  return markdownTable(
    `Chat history (SQLite, node:sqlite): ${result.messages.toLocaleString('en')} messages in ${result.conversations.toLocaleString('en')} conversations`,
    [
      { header: 'operation', cell: (r) => r.name },
      { header: 'p50 (ms)', cell: (r) => ms(r.timing.p50Us), numeric: true },
      { header: 'p95 (ms)', cell: (r) => ms(r.timing.p95Us), numeric: true },
      { header: 'p50 ÷ baseline', cell: (r) => `${r.ratioP50}×`, numeric: true },
      { header: 'requirement', cell: (r) => (r.requirement ? `${r.requirement}: ${r.met ? 'met' : 'NOT met'}` : '') },
      { header: 'samples', cell: (r) => r.timing.samples, numeric: true },
    ],
    result.rows,
    [
      `${result.textMB} MB of generated text (a long-tailed vocabulary, lists and code blocks; 5% of replies regenerated) stored through ` +
        `\`importConversation\` in ${result.fillS} s; the database with its full-text index (file + WAL) is ${result.fileMB} MB. Queries are drawn from the stored text: ` +
        `single common and rare words, runs of 2–3 words, first 1–5 letters of a word (prefix search while typing), and odd input (FTS syntax, ` +
        `accents, nothing found). Search returns at most 50 hits, newest first, with snippets.`,
      'The requirement is absolute (p95 < 50 ms), so times are shown in ms; the ratio is against a point lookup by rowid on a second ' +
        'connection to the same file in the same run.',
    ],
  )
}
