import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli, type CliIo } from '../../src/main/cli/index.ts'
import { describeFileStatus } from '../../src/main/cli/summaryProgressLine.ts'
import { HistoryStore } from '../../src/main/storage/history/HistoryStore.ts'
import type { StoredSummary } from '../../src/shared/domain/summaryJobs.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { fakeSummaryModel } from '../support/fakeSummaryModel.ts'
import { markedBook } from '../support/markedDocument.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let fake: FakeOllama
let dataDir: string

beforeEach(async () => {
  fake = await new FakeOllama({ tokenDelayMs: 0 }).start()
  fake.replyFor = fakeSummaryModel(fake)
  dataDir = await tempDir()
})
afterEach(() => fake.stop())

const documents = (name: string) => fileURLToPath(new URL(`../fixtures/documents/${name}`, import.meta.url))

interface Run {
  code: number
  out: string
  err: string
  drawn: string
}

async function summarize(args: string[], options: { terminal?: boolean; onInterrupt?: CliIo['onInterrupt'] } = {}): Promise<Run> {
  const result = { out: '', err: '', drawn: '' }
  const io: CliIo = {
    out: (t) => (result.out += `${t}\n`),
    err: (t) => (result.err += `${t}\n`),
    env: { INSTRUCT_DESK_DATA_DIR: dataDir },
    ...(options.terminal && { progress: { write: (t: string) => (result.drawn += t), columns: 100 } }),
    ...(options.onInterrupt && { onInterrupt: options.onInterrupt }),
  }
  const code = await runCli(['summarize', '--host', fake.host, ...args], io)
  return { code, ...result }
}

/** The summaries the runs saved, newest first. */
function stored(): StoredSummary[] {
  const history = HistoryStore.open(path.join(dataDir, 'history.sqlite'))
  try {
    const summaries = history.summaries()
    return summaries.list().map((item) => summaries.get(item.id) as StoredSummary)
  } finally {
    history.close()
  }
}

// Every run starts its own worker threads, as the command does, which takes a while on a busy machine.
describe('instruct-desk summarize', { timeout: 30_000 }, () => {
  it('describes a file’s progress with the part, the tokens and the time left', () => {
    const progress = { stage: 'map', call: 3, calls: 7, tokensDone: 12_000, tokensTotal: 40_000, etaMs: 90_000 } as const
    expect(describeFileStatus({ index: 1, name: 'report.pdf', stage: 'summarizing', progress }, 3)).toBe(
      '[2/3] report.pdf  summarizing part 3 of 7  12,000 / 40,000 tokens  ETA 2 min',
    )
    expect(describeFileStatus({ index: 0, name: 'a.md', stage: 'reading' }, 1)).toBe('[1/1] a.md  reading')
  })

  it('prints the summary of a file and saves it to the app’s history', async () => {
    const { code, out, err, drawn } = await summarize([documents('report.md')])
    expect(err).toBe('')
    expect(code).toBe(0)
    const [saved, ...others] = stored()
    expect(others).toEqual([])
    expect(saved).toMatchObject({ fileName: 'report.md', options: { model: 'qwen2.5:7b-instruct', length: 'bullets' } })
    expect(saved?.result.summary).not.toBe('')
    expect(out).toBe(`${saved?.result.summary}\n`)
    expect(drawn).toBe('')
  })

  it('prints one JSON line per file with --json, in exactly the documented shape', async () => {
    const files = [documents('report.md'), documents('tides.py')]
    const { code, out } = await summarize(['--json', ...files])
    expect(code).toBe(0)
    const lines = out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    const saved = stored().reverse()
    expect(lines).toEqual(
      files.map((file, i) => ({
        file,
        summary: saved[i]?.result.summary,
        chunks: saved[i]?.result.chunks.map(({ id, range, tokens, summary }) => ({ id, range, tokens, summary })),
        calls: saved[i]?.result.calls,
        truncated: false,
        errors: [],
      })),
    )
    expect(saved.map((s) => s.result.chunks.length)).toEqual([1, 1])
  })

  it('exits 1 with each failed file’s code and message on stderr, and still summarizes the others', async () => {
    const missing = path.join(dataDir, 'missing.txt')
    const files = [documents('encrypted.pdf'), documents('report.md'), missing]
    const text = await summarize(files)
    expect(text.code).toBe(1)
    expect(text.err).toContain('instruct-desk: FILE_ENCRYPTED: encrypted.pdf is protected with a password')
    expect(text.err).toContain(`instruct-desk: BAD_REQUEST: ${missing} does not exist. Check the path.`)
    expect(text.out).toBe(`==> ${documents('report.md')} <==\n${stored()[0]?.result.summary}\n\n`)

    const json = await summarize(['--json', ...files])
    expect(json.code).toBe(1)
    const [encrypted, report, absent] = json.out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; summary: string; chunks: unknown[]; errors: { code: string; hint?: string }[] })
    expect(encrypted).toMatchObject({ file: files[0], summary: '', chunks: [], calls: 0, truncated: false })
    expect(encrypted?.errors).toEqual([expect.objectContaining({ code: 'FILE_ENCRYPTED', hint: expect.any(String) })])
    expect(report?.errors).toEqual([])
    expect(absent?.errors.map((e) => e.code)).toEqual(['BAD_REQUEST'])
  })

  it('maps the everyday lengths to the presets, takes the preset names, and refuses anything else', async () => {
    expect((await summarize(['--length', 'short', documents('utf8.txt')])).code).toBe(0)
    expect((await summarize(['--length', 'long', '--focus', 'tides', documents('utf8.txt')])).code).toBe(0)
    expect((await summarize(['--length', 'sentence', documents('utf8.txt')])).code).toBe(0)
    expect(stored().map((s) => s.options)).toEqual([
      { model: 'qwen2.5:7b-instruct', length: 'sentence' },
      { model: 'qwen2.5:7b-instruct', length: 'detailed', focus: 'tides' },
      { model: 'qwen2.5:7b-instruct', length: 'paragraph' },
    ])

    const wrong = await summarize(['--length', 'huge', documents('utf8.txt')])
    expect(wrong.code).toBe(2)
    expect(wrong.err).toContain('--length takes short, medium or long (or sentence, paragraph, bullets, detailed), not "huge".')
    const none = await summarize([])
    expect(none.code).toBe(2)
    expect(none.err).toContain('usage: instruct-desk summarize FILE...')
    expect(stored()).toHaveLength(3)
  })

  it('stops on Ctrl-C, keeping the parts summarized so far in the history, and exits 130', async () => {
    const book = path.join(dataDir, 'book.md')
    await writeFile(book, markedBook({ chapters: 20, sectionsPerChapter: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3 }).markdown)
    let interrupt = () => {}
    const model = fakeSummaryModel(fake)
    let calls = 0
    // Ctrl-C while the third model call is under way.
    fake.replyFor = (request) => {
      if (++calls === 3) interrupt()
      return model(request)
    }
    const onInterrupt = (handler: () => void) => {
      interrupt = handler
      return () => (interrupt = () => {})
    }
    const { code, out, err } = await summarize(['--json', book, documents('report.md')], { onInterrupt })
    expect(code).toBe(130)
    expect(err).toContain("book.md: the parts summarized before stopping are saved in the app's history.")
    const [partial, skipped] = out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { summary: string; chunks: { summary: string }[]; errors: { code: string }[] })
    expect(partial?.summary).toBe('')
    // Summarized in reading order: the first part is done, the last never reached.
    expect(partial?.chunks[0]?.summary).not.toBe('')
    expect(partial?.chunks.at(-1)?.summary).toBe('')
    expect(partial?.errors.map((e) => e.code)).toEqual(['CANCELLED'])
    expect(skipped).toMatchObject({ chunks: [], errors: [{ code: 'CANCELLED' }] })
    expect(stored().map((s) => [s.fileName, s.result.complete])).toEqual([['book.md', false]])
  })

  it('draws progress on a terminal’s stderr, ending with a cleared line', async () => {
    const { code, drawn, err } = await summarize([documents('report.md')], { terminal: true })
    expect(code).toBe(0)
    expect(err).toBe('')
    expect(drawn).toContain('\r[1/1] report.md  reading')
    // Progress within a stage is sent at most ten times a second, so which of it was drawn depends on speed.
    expect(drawn).toContain('\r[1/1] report.md  summarizing')
    expect(drawn).toMatch(/\r *\r$/)
  })
})
