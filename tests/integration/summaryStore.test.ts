import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { EventHub } from '../../src/main/ipc/eventHub.ts'
import { summaryHandlers } from '../../src/main/ipc/handlers/summaries.ts'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { HistoryStore } from '../../src/main/storage/history/HistoryStore.ts'
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/storage/history/migrations.ts'
import type { NewSummary } from '../../src/main/storage/history/SummaryStore.ts'
import { SettingsStore } from '../../src/main/storage/SettingsStore.ts'
import { createAppWorkerPool } from '../../src/main/workers/appWorker.ts'
import { DEFAULT_SYSTEM_PROMPT } from '../../src/shared/domain/chat.ts'
import { HIT_END, HIT_START } from '../../src/shared/domain/conversation.ts'
import type { SummaryChunk, SummaryResult } from '../../src/shared/domain/summary.ts'
import { AppError } from '../../src/shared/ipc/errors.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function chunk(n: number, summary: string, extra: Partial<SummaryChunk> = {}): SummaryChunk {
  return { id: `C${n}`, range: { start: (n - 1) * 4000, end: n * 4000 }, sections: [], tokens: 900, summary, cut: false, ...extra }
}

function result(summary: string, chunks: SummaryChunk[], extra: Partial<SummaryResult> = {}): SummaryResult {
  return {
    summary,
    complete: true,
    model: 'qwen2.5:7b-instruct',
    numCtx: 16_384,
    documentTokens: 1800,
    chunks,
    coverage: { parts: [], unreferenced: [] },
    calls: chunks.length + 1,
    truncated: false,
    warnings: [],
    ...extra,
  }
}

const HARBOUR: NewSummary = {
  fileName: 'harbour survey.pdf',
  format: 'pdf',
  pages: 12,
  options: { model: 'qwen2.5:7b-instruct', length: 'bullets', focus: 'water quality' },
  result: result('- Forty-two moorings were counted along the eastern quay.\n- Dissolved oxygen stayed above the threshold.', [
    chunk(1, '- Moorings counted on the quay.', { pages: { first: 1, last: 6 }, sections: ['Findings', 'Water quality'] }),
    chunk(2, '- Oxygen and turbidity readings.', { pages: { first: 7, last: 12 }, sections: ['Method'] }),
  ]),
}

const STOPPED: NewSummary = {
  fileName: 'ledger.md',
  format: 'markdown',
  options: { model: 'qwen2.5:7b-instruct', length: 'paragraph' },
  result: result('', [chunk(1, 'The ledger lists cargo tonnage by month.'), chunk(2, '')], {
    complete: false,
    truncated: true,
    coverage: { parts: [], unreferenced: ['C1', 'C2'] },
  }),
}

async function setup() {
  const dataDir = await tempDir()
  const history = HistoryStore.open(path.join(dataDir, 'history.sqlite'))
  const settings = new SettingsStore(dataDir)
  await settings.load()
  const pool = createAppWorkerPool(1)
  cleanups.push(
    () => history.close(),
    () => pool.close(),
  )
  const client = new OllamaClient({ host: 'http://127.0.0.1:9' })
  const { invoke } = summaryHandlers({ pool, client: () => client, settings, history, dataDir, events: new EventHub() })
  const signal = new AbortController().signal
  return { history, settings, invoke, signal, summaries: history.summaries() }
}

describe('summaries in the history', () => {
  it('keeps a summary whole, lists the newest first with its first words, and deletes it', async () => {
    const { summaries, invoke, signal } = await setup()
    const first = summaries.add(HARBOUR)
    const second = summaries.add(STOPPED)
    expect(await invoke['summaries:get']({ id: first.id }, signal)).toEqual({ ...HARBOUR, id: first.id, createdAt: first.createdAt })
    expect(summaries.get(second.id)).not.toHaveProperty('pages')

    const listed = await invoke['summaries:list']({}, signal)
    expect(listed.map((s) => [s.fileName, s.format, s.model, s.complete])).toEqual([
      ['ledger.md', 'markdown', 'qwen2.5:7b-instruct', false],
      ['harbour survey.pdf', 'pdf', 'qwen2.5:7b-instruct', true],
    ])
    // A stopped job has no final summary: its list entry shows the notes on the parts it finished.
    expect(listed.map((s) => s.snippet)).toEqual([
      'The ledger lists cargo tonnage by month.',
      '- Forty-two moorings were counted along the eastern quay. - Dissolved oxygen stayed above the threshold.',
    ])

    expect(await invoke['summaries:delete']({ id: first.id }, signal)).toBe(true)
    expect(await invoke['summaries:delete']({ id: first.id }, signal)).toBe(false)
    await expect(invoke['summaries:get']({ id: first.id }, signal)).rejects.toThrow(/no longer exists/)
    expect((await invoke['summaries:list']({}, signal)).map((s) => s.id)).toEqual([second.id])
  })

  it('cuts a long summary’s list entry at a word', async () => {
    const { summaries } = await setup()
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ')
    summaries.add({ ...HARBOUR, result: { ...HARBOUR.result, summary: words } })
    const [item] = summaries.list()
    expect(item?.snippet.length).toBeLessThanOrEqual(201)
    expect(item?.snippet).toMatch(/^word0 word1 .* word\d+…$/)
    expect(words.startsWith(item?.snippet.slice(0, -1) ?? '-')).toBe(true)
  })

  it('finds summaries by the words of the text or the file name, with the match marked', async () => {
    const { summaries, invoke, signal } = await setup()
    const harbour = summaries.add(HARBOUR)
    const ledger = summaries.add(STOPPED)
    const [hit, ...others] = await invoke['summaries:list']({ query: 'moorings' }, signal)
    expect(others).toEqual([])
    expect(hit).toMatchObject({ id: harbour.id, complete: true })
    expect(hit?.snippet).toContain(`${HIT_START}moorings${HIT_END}`)
    // The last word is a prefix while typed; accents do not matter.
    expect((await invoke['summaries:list']({ query: 'tonnâ' }, signal)).map((s) => s.id)).toEqual([ledger.id])
    expect((await invoke['summaries:list']({ query: 'survey' }, signal)).map((s) => s.id)).toEqual([harbour.id])
    expect(await invoke['summaries:list']({ query: 'heron' }, signal)).toEqual([])
    expect(await invoke['summaries:list']({ query: '"*' }, signal)).toEqual([])
  })

  it('exports Markdown with the settings, the summary and every part with its place in the document', async () => {
    const { summaries, invoke, signal } = await setup()
    const { fileName, text } = await invoke['summaries:export']({ id: summaries.add(HARBOUR).id }, signal)
    expect(fileName).toBe('Summary of harbour survey.pdf.md')
    expect(text).toBe(
      [
        '# Summary of harbour survey.pdf',
        '- File: harbour survey.pdf (pdf, 12 pages)\n- Model: qwen2.5:7b-instruct\n- Length: bullets · Focus: water quality · Context window: 16,384 tokens',
        '## Summary',
        HARBOUR.result.summary,
        '## Parts',
        '### Part 1 · pages 1–6 · characters 0–4,000',
        'Sections: Findings, Water quality',
        '- Moorings counted on the quay.',
        '### Part 2 · pages 7–12 · characters 4,000–8,000',
        'Sections: Method',
        '- Oxygen and turbidity readings.',
      ].join('\n\n') + '\n',
    )
  })

  it('says in the export when the job was stopped or text was not read, and which parts have no notes', async () => {
    const { summaries, invoke, signal } = await setup()
    const { text } = await invoke['summaries:export']({ id: summaries.add(STOPPED).id }, signal)
    expect(text).toContain('> **Incomplete:** the job was stopped before the end.')
    expect(text).toContain('> **Not all text was read:**')
    expect(text).not.toContain('## Summary')
    expect(text).toContain('### Part 1 · characters 0–4,000\n\nThe ledger lists cargo tonnage by month.')
    expect(text).toContain('### Part 2 · characters 4,000–8,000\n\n*Not summarized.*')
  })

  it('starts a chat about a summary, with the summary as context in the system prompt', async () => {
    const { history, settings, summaries, invoke, signal } = await setup()
    await settings.update({ defaultModel: 'llama3.2:3b-instruct' })
    const { conversationId } = await invoke['summaries:toChat']({ id: summaries.add(HARBOUR).id }, signal)
    const conversation = history.getConversation(conversationId)
    expect(conversation).toMatchObject({ title: 'About harbour survey.pdf', model: 'llama3.2:3b-instruct', messages: [] })
    expect(conversation?.systemPrompt.startsWith(DEFAULT_SYSTEM_PROMPT)).toBe(true)
    expect(conversation?.systemPrompt).toContain(`<summary>\n${HARBOUR.result.summary}\n</summary>`)
    expect(history.listConversations().map((c) => c.id)).toEqual([conversationId])

    const stopped = await invoke['summaries:toChat']({ id: summaries.add(STOPPED).id }, signal)
    expect(history.getConversation(stopped.conversationId)?.systemPrompt).toContain(
      'Part 1 · characters 0–4,000:\nThe ledger lists cargo tonnage by month.',
    )
    const missing = await invoke['summaries:toChat']({ id: 'gone' }, signal).catch((error: unknown) => error)
    expect(missing).toBeInstanceOf(AppError)
    expect(missing).toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('adds the summaries table to a version 3 history without touching its conversations', async () => {
    const file = path.join(await tempDir(), 'history.sqlite')
    const raw = new DatabaseSync(file)
    for (const step of MIGRATIONS.slice(0, 3)) raw.exec(step)
    raw.exec(`
      INSERT INTO conversations (id, title, model, system_prompt, options, pinned, active_leaf_id, created_at, updated_at)
        VALUES ('c1', 'Old chat', 'm', '', '{}', 0, 'm1', 100, 100);
      INSERT INTO messages VALUES ('m1', 'c1', NULL, 'user', 'What is a heron?', 'complete', NULL, NULL, NULL, 100);
      PRAGMA user_version = 3;
    `)
    raw.close()

    const history = HistoryStore.open(file)
    cleanups.push(() => history.close())
    const stored = history.summaries().add(HARBOUR)
    history.summaries().delete(history.summaries().add(STOPPED).id)
    expect(
      history
        .summaries()
        .list('moorings')
        .map((s) => s.id),
    ).toEqual([stored.id])
    expect(history.search('heron').map((h) => h.messageId)).toEqual(['m1'])
    expect(history.getConversation('c1')?.messages).toHaveLength(1)
    const check = new DatabaseSync(file)
    try {
      expect(check.prepare('PRAGMA user_version').get()?.user_version).toBe(SCHEMA_VERSION)
      // FTS5 compares its index with the table and throws on any difference.
      check.exec("INSERT INTO summaries_fts (summaries_fts, rank) VALUES ('integrity-check', 1)")
    } finally {
      check.close()
    }
  })
})
