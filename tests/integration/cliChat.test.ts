import path from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli, type CliIo } from '../../src/main/cli/index.ts'
import { HistoryStore } from '../../src/main/storage/history/HistoryStore.ts'
import { FakeOllama, QWEN, QWEN3 } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
let fake: FakeOllama
let dataDir: string

beforeEach(async () => {
  fake = await new FakeOllama({ reply: 'Lima is the capital of Peru.' }).start()
  dataDir = await tempDir()
})
afterEach(() => fake.stop())

interface Run {
  code: number
  out: string
  err: string
  written: string
}

async function chat(args: string[], options: { stdin?: string; interactive?: boolean; lines?: string[] } = {}): Promise<Run> {
  const result = { out: '', err: '', written: '' }
  const input = new PassThrough()
  const io: CliIo = {
    out: (t) => (result.out += `${t}\n`),
    err: (t) => (result.err += `${t}\n`),
    write: (t) => (result.written += t),
    env: { INSTRUCT_DESK_DATA_DIR: dataDir },
    input,
    interactive: options.interactive ?? false,
  }
  if (options.stdin !== undefined) input.end(options.stdin)
  else if (options.lines) {
    // A person typing: each line after the previous reply has had time to arrive.
    void (async () => {
      for (const line of options.lines ?? []) {
        await new Promise((resolve) => setTimeout(resolve, 150))
        input.write(`${line}\n`)
      }
      input.end()
    })()
  }
  const code = await runCli(['chat', '--host', fake.host, ...args], io)
  return { code, ...result }
}

function stored() {
  const store = HistoryStore.open(path.join(dataDir, 'history.sqlite'))
  try {
    return store.listConversations().map((c) => store.getConversation(c.id))
  } finally {
    store.close()
  }
}

describe('instruct-desk chat', () => {
  it('streams the reply to a prompt given as an argument and saves the exchange to the app’s history', async () => {
    const { code, written } = await chat(['-m', 'qwen2.5:7b-instruct', 'What is the capital of Peru?'])
    expect(code).toBe(0)
    expect(written).toBe('Lima is the capital of Peru.\n')
    const [conversation] = stored()
    expect(conversation?.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'What is the capital of Peru?'],
      ['assistant', 'Lima is the capital of Peru.'],
    ])
  })

  it('reads the prompt from piped stdin and prints JSON with --json, with the system prompt given', async () => {
    const { code, out } = await chat(['--json', '--system', 'Answer in one line.'], { stdin: 'Capital of Peru?\n' })
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({
      model: 'qwen2.5:7b-instruct',
      reply: 'Lima is the capital of Peru.',
      stats: { replyTokens: expect.any(Number) },
    })
    const sent = fake.requests.find((r) => r.path === '/api/chat')?.body as { messages: { role: string; content: string }[] }
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Answer in one line.' },
      { role: 'user', content: 'Capital of Peru?' },
    ])
  })

  it('keeps a thinking model’s reasoning off stdout: stderr says it is thinking, --json carries it', async () => {
    fake.models = [QWEN, QWEN3]
    fake.thinking = 'Peru: Lima.'
    const streamed = await chat(['-m', QWEN3.name, 'Capital of Peru?'])
    expect(streamed).toMatchObject({ code: 0, written: 'Lima is the capital of Peru.\n', err: 'qwen3:8b is thinking…\n' })
    const { out, err } = await chat(['--json', '-m', QWEN3.name, 'Capital of Peru?'])
    expect(JSON.parse(out)).toMatchObject({ reply: 'Lima is the capital of Peru.', thinking: 'Peru: Lima.' })
    expect(err).toBe('')
    expect(stored().map((c) => c?.messages.at(-1)?.thinking)).toEqual(['Peru: Lima.', 'Peru: Lima.'])
  })

  it('holds a session on a terminal: remembers the thread, /model and /clear start new conversations, /exit ends', async () => {
    const { code, out, written } = await chat([], {
      interactive: true,
      lines: ['First question', 'Second question', '/clear', 'Third', '/exit'],
    })
    expect(code).toBe(0)
    expect(out).toContain('Chatting with qwen2.5:7b-instruct.')
    expect(out).toContain('New conversation.')
    expect(written.split('Lima is the capital of Peru.').length - 1).toBe(3)
    const chats = fake.requests.filter((r) => r.path === '/api/chat').map((r) => (r.body as { messages: unknown[] }).messages.length)
    // system + first; system + first + reply + second; after /clear: system + third.
    expect(chats).toEqual([2, 4, 2])
    expect(stored()).toHaveLength(2)
  })

  it('exits 1 with the reason when the model is not installed, and 2 without a prompt outside a terminal', async () => {
    const missing = await chat(['-m', 'nope:1b', 'Hi'])
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('The model "nope:1b" is not installed')
    const noPrompt = await chat([], { stdin: '' })
    expect(noPrompt.code).toBe(2)
    expect(noPrompt.err).toContain('chat needs a prompt')
    // Only the failed exchange is in the history; the run without a prompt left no empty chat.
    expect(stored()).toHaveLength(1)
  })
})
