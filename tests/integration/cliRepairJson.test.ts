import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli, type CliIo } from '../../src/main/cli/index.ts'
import { FakeAnthropic } from '../support/fakeAnthropic.ts'
import { FakeOllama, type FakeChatRequest } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
/** Each run starts its own workers, which load ajv and jsonrepair: slow on a busy two-core machine. */
const SLOW = 30_000

const TASK = {
  type: 'object',
  properties: { title: { type: 'string' }, priority: { enum: ['low', 'medium', 'high'] } },
  required: ['title', 'priority'],
  additionalProperties: false,
}
const FENCED = "Sure! Here it is:\n```json\n{'title': 'Pay rent', 'priority': 'Low',}\n```"

let ollama: FakeOllama
let dir: string
let asked: FakeChatRequest[]

beforeEach(async () => {
  ollama = await new FakeOllama({ tokenDelayMs: 0 }).start()
  asked = []
  ollama.replyFor = (request) => {
    asked.push(request)
    return undefined
  }
  dir = await tempDir()
  await writeFile(path.join(dir, 'task.schema.json'), JSON.stringify(TASK))
})
afterEach(() => ollama.stop())

async function file(name: string, text: string): Promise<string> {
  await writeFile(path.join(dir, name), text)
  return path.join(dir, name)
}

async function run(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = { out: '', err: '' }
  const input = new PassThrough()
  if (options.stdin !== undefined) input.end(options.stdin)
  const io: CliIo = {
    out: (t) => (result.out += `${t}\n`),
    err: (t) => (result.err += `${t}\n`),
    env: { INSTRUCT_DESK_DATA_DIR: dir, ...options.env },
    input,
    interactive: false,
  }
  const code = await runCli(['repair-json', '--host', ollama.host, '--schema', path.join(dir, 'task.schema.json'), ...args], io)
  return { code, ...result }
}

describe('instruct-desk repair-json', { timeout: SLOW }, () => {
  it('prints the valid JSON from a file or stdin and exits 0, without the model when the cheap steps suffice', async () => {
    const input = await file('answer.txt', FENCED)
    const fromFile = await run([input])
    expect(fromFile).toEqual({ code: 0, out: `${JSON.stringify({ title: 'Pay rent', priority: 'low' }, null, 2)}\n`, err: '' })
    expect(await run(['-'], { stdin: FENCED })).toEqual(fromFile)
    expect(asked).toHaveLength(0)
  })

  it('--json prints {ok, value, steps, calls}', async () => {
    const { code, out } = await run(['--json', '-'], { stdin: FENCED })
    expect(code).toBe(0)
    expect(JSON.parse(out)).toEqual({
      ok: true,
      value: { title: 'Pay rent', priority: 'low' },
      steps: ['parse', 'extract', 'coerce'],
      calls: 0,
    })
  })

  it('asks the local model named by --model when needed', async () => {
    ollama.replyFor = (request) => {
      asked.push(request)
      return '{"title": "Call mum", "priority": "high"}'
    }
    const { code, out } = await run(['--model', 'qwen2.5:7b-instruct', '--json', '-'], { stdin: 'Call mum, it is urgent.' })
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({ ok: true, value: { title: 'Call mum', priority: 'high' }, calls: 1 })
    expect(asked.map((request) => request.model)).toEqual(['qwen2.5:7b-instruct'])
  })

  it('exits 2 when nothing validates, with the errors, the closest candidate and why the model could not help on stderr', async () => {
    const { code, out, err } = await run(['--model', 'llama3.1:8b', '-'], { stdin: '{"title": "Pay rent", "priority": "soon"}' })
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain('No JSON that fits the schema could be made')
    expect(err).toContain('The local model failed: ')
    expect(err).toContain('Errors:\n  /priority must be one of: low, medium, high')
    expect(err).toContain(`Closest candidate:\n${JSON.stringify({ title: 'Pay rent', priority: 'soon' }, null, 2)}`)

    const json = await run(['--no-llm', '--json', '-'], { stdin: 'call mum' })
    expect(json.code).toBe(2)
    expect(JSON.parse(json.out)).toEqual({
      ok: false,
      errors: [{ path: '', message: expect.stringContaining('is not JSON') }],
      steps: ['parse', 'syntax', 'model'],
      calls: 0,
    })
    expect(asked).toHaveLength(0)
  })

  it('--batch prints one result line per input, JSONL or CSV, and exits 2 when any failed', async () => {
    const jsonl = await file('tasks.jsonl', ['{"title": "Pay rent", "priority": "LOW"}', 'call mum'].join('\n'))
    const batch = await run(['--no-llm', '--batch', jsonl])
    expect(batch.code).toBe(2)
    expect(
      batch.out
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { line: 1, ok: true, value: { title: 'Pay rent', priority: 'low' }, step: 'coerce', calls: 0 },
      { line: 2, ok: false, errors: [{ path: '', message: expect.stringContaining('is not JSON') }], calls: 0 },
    ])
    expect(batch.err).toBe('1 valid, 1 failed.\n')

    const csv = await file('tasks.csv', 'title,priority\nPay rent,Low\n"Call mum, today",high\n')
    const rows = await run(['--no-llm', '--batch', csv])
    expect(rows.code).toBe(0)
    expect(
      rows.out
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { value: unknown }).value),
    ).toEqual([
      { title: 'Pay rent', priority: 'low' },
      { title: 'Call mum, today', priority: 'high' },
    ])
  })

  it('exits 1 with the error code on stderr for usage errors, unreadable files and a schema that is not valid', async () => {
    const cases: [string[], string][] = [
      [['a.txt', 'b.txt'], 'instruct-desk: BAD_REQUEST: one INPUT at most, not 2.'],
      [['--colour'], "instruct-desk: BAD_REQUEST: Unknown option '--colour'"],
      [[path.join(dir, 'missing.txt')], 'instruct-desk: BAD_REQUEST: Cannot read the input file'],
      [['--schema', path.join(dir, 'none.json'), '-'], 'instruct-desk: BAD_REQUEST: Cannot read the schema'],
      [
        ['--schema', await file('bad.json', '{"type": "strin"}'), '-'],
        'instruct-desk: SCHEMA_INVALID: The schema is not valid: /type must be',
      ],
      [['--schema', await file('text.json', 'type: object'), '-'], 'instruct-desk: SCHEMA_INVALID: The schema'],
    ]
    for (const [args, message] of cases) {
      const { code, out, err } = await run(args, { stdin: FENCED })
      expect({ args, code, out, err: err.slice(0, message.length) }).toEqual({ args, code: 1, out: '', err: message })
    }
  })

  it('--help prints the command’s usage, and the CLI’s help lists the command', async () => {
    const own = await run(['--help'])
    expect(own.code).toBe(0)
    expect(own.out).toContain('--claude-prompt TEXT')
    const io: CliIo = { out: (t) => (own.out = t), err: () => undefined, env: { INSTRUCT_DESK_DATA_DIR: dir } }
    expect(await runCli(['--help'], io)).toBe(0)
    expect(own.out).toContain('repair-json --schema FILE [INPUT]')
  })
})

describe('instruct-desk repair-json --claude-prompt', { timeout: SLOW }, () => {
  let anthropic: FakeAnthropic
  beforeEach(async () => {
    anthropic = await new FakeAnthropic().start()
  })
  afterEach(() => anthropic.stop())

  it('asks Claude, then repairs its answer; without a key it exits 1 with CLAUDE_NOT_CONFIGURED', async () => {
    anthropic.reply = FENCED
    const env = { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.baseURL }
    const model = ['--claude-model', 'claude-haiku-4-5-20251001']
    const { code, out } = await run([...model, '--claude-prompt', 'My rent is due; make it a task.', '--json'], { env })
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({ ok: true, value: { title: 'Pay rent', priority: 'low' }, calls: 0, answer: FENCED })

    const noKey = await run([...model, '--claude-prompt', 'Anything'], { env: { ANTHROPIC_BASE_URL: anthropic.baseURL } })
    expect(noKey).toMatchObject({ code: 1, out: '', err: expect.stringMatching(/^instruct-desk: CLAUDE_NOT_CONFIGURED: /) })
    const noModel = await run(['--claude-prompt', 'Anything'], { env })
    expect(noModel).toMatchObject({ code: 1, err: expect.stringContaining('No Claude model is chosen.') })
  })
})
