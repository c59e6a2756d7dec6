import { execFile } from 'node:child_process'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { conversationAsCode, type SnippetInput } from '../../src/shared/codeSnippets.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const run = promisify(execFile)
const tempDir = useTempDirs()

/** Python is optional on developer machines: its assertions are skipped, not failed, without it. */
async function findPython(): Promise<string | undefined> {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      await run(candidate, ['--version'], { timeout: 10_000 })
      return candidate
    } catch {
      // not there (or a shim without a version); try the next
    }
  }
  return undefined
}
const python = await findPython()

/** Everything that breaks naive string building in one place. */
const TRICKY = [
  'Quotes: "double" and \'single\' and `back`',
  'Backslashes: C:\\temp\\new and \\n literally and a trailing \\',
  'Newlines:\nline 2\r\nline 3\ttabbed',
  'Emoji and unicode: 😀 👩‍💻 ß 中文 \u00e9 \u200b zero-width',
  'Triple quotes: """ and \'\'\' inside',
  'Template-ish: ${x} and ${`nested`} and {{input}} and %s and {0}',
  'Separators: \u2028 and \u2029 and a NUL \u0000 and DEL \u007f',
  'Ends with a quote"',
].join('\n')

const input: SnippetInput = {
  model: 'qwen2.5:7b-instruct',
  system: 'You are a helpful and concise assistant. Say "hi" \\ ${y}',
  messages: [
    { role: 'user', content: TRICKY },
    { role: 'assistant', content: '"""\nOK ${done}\n"""' },
    { role: 'user', content: 'Again: 😀' },
  ],
  options: { temperature: 0.7, top_p: 0.9, seed: 42, num_ctx: 8192, stop: ['</s>', '\n\nUser:'], unused: undefined },
  keepAlive: '5m',
}

const expectedMessages = [{ role: 'system', content: input.system }, ...input.messages]
const expectedOptions = { temperature: 0.7, top_p: 0.9, seed: 42, num_ctx: 8192, stop: ['</s>', '\n\nUser:'] }

describe('conversationAsCode: JavaScript', () => {
  it('uses the default client, streams, and writes every part', () => {
    const code = conversationAsCode(input, 'javascript')
    expect(code).toContain('import ollama from "ollama"')
    expect(code).toContain('await ollama.chat({')
    expect(code).toContain('stream: true,')
    expect(code).toContain('for await (const part of response)')
    expect(code).toContain('keep_alive: "5m",')
    expect(code).not.toContain('unused')
  })

  it('is a module Node can parse, with tricky text', async () => {
    const file = path.join(await tempDir(), 'chat.mjs')
    await writeFile(file, conversationAsCode(input, 'javascript'))
    await expect(run(process.execPath, ['--check', file])).resolves.toBeDefined()
  })

  it('sends exactly the conversation when run against a server', async () => {
    const fake = await new FakeOllama({ tokenDelayMs: 0, reply: 'Streamed 😀 "reply"' }).start()
    try {
      const dir = await tempDir()
      // The snippet imports `ollama` as a user's project would; resolve it to ours.
      await mkdir(path.join(dir, 'node_modules'))
      await symlink(path.resolve('node_modules/ollama'), path.join(dir, 'node_modules', 'ollama'), 'dir')
      await writeFile(path.join(dir, 'chat.mjs'), conversationAsCode({ ...input, host: fake.host }, 'javascript'))
      const { stdout } = await run(process.execPath, [path.join(dir, 'chat.mjs')], { cwd: dir, timeout: 20_000 })
      expect(stdout).toBe('Streamed 😀 "reply"\n')
      const chat = fake.requests.find((r) => r.path === '/api/chat')
      expect(chat?.body).toMatchObject({
        model: input.model,
        messages: expectedMessages,
        options: expectedOptions,
        keep_alive: '5m',
        stream: true,
      })
    } finally {
      await fake.stop()
    }
  })

  it('uses a client for another host and leaves out what is not set', () => {
    const code = conversationAsCode({ model: 'm', messages: [], options: {}, host: 'http://gpu-box:11434' }, 'javascript')
    expect(code).toContain('import { Ollama } from "ollama"')
    expect(code).toContain('const ollama = new Ollama({ host: "http://gpu-box:11434" })')
    expect(code).toContain('messages: [],')
    expect(code).not.toContain('options:')
    expect(code).not.toContain('keep_alive')
  })

  it('moves keep_alive out of the options, where Ollama would ignore it, and drops values with no literal', () => {
    const code = conversationAsCode(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }], options: { keep_alive: '1h', temperature: Number.NaN } },
      'javascript',
    )
    expect(code).toContain('keep_alive: "1h",')
    expect(code).not.toContain('options:')
    expect(code).not.toContain('NaN')
  })

  it('moves the chat’s Thinking choice out of the options, beside them in the request', () => {
    const chat = { model: 'qwen3:8b', messages: [{ role: 'user' as const, content: 'hi' }], options: { think: false, temperature: 0.2 } }
    const js = conversationAsCode(chat, 'javascript')
    expect(js).toContain('  options: { temperature: 0.2 },\n  think: false,\n')
    expect(conversationAsCode(chat, 'python')).toContain('    options={"temperature": 0.2},\n    think=False,\n')
    expect(conversationAsCode({ ...chat, options: {} }, 'javascript')).not.toContain('think')
  })
})

describe('conversationAsCode: Python', () => {
  it('uses chat() from the library, streams, and prints every part', () => {
    const code = conversationAsCode(input, 'python')
    expect(code).toContain('from ollama import chat')
    expect(code).toContain('stream = chat(')
    expect(code).toContain('stream=True,')
    expect(code).toContain('keep_alive="5m",')
    expect(code).toContain('print(part["message"]["content"], end="", flush=True)')
    const hosted = conversationAsCode({ ...input, host: 'http://gpu-box:11434' }, 'python')
    expect(hosted).toContain('from ollama import Client')
    expect(hosted).toContain('client = Client(host="http://gpu-box:11434")')
    expect(hosted).toContain('stream = client.chat(')
  })

  it('writes Python keywords for booleans and null', () => {
    const code = conversationAsCode({ model: 'm', messages: [], options: { flag: true, off: false, none: null } }, 'python')
    expect(code).toContain('options={"flag": True, "off": False, "none": None},')
  })

  it.skipIf(!python)('compiles with python3 -m py_compile', async () => {
    const file = path.join(await tempDir(), 'chat.py')
    await writeFile(file, conversationAsCode(input, 'python'))
    await expect(run(python ?? 'python3', ['-m', 'py_compile', file])).resolves.toBeDefined()
  })

  it.skipIf(!python)('passes exactly the conversation to the library', async () => {
    const dir = await tempDir()
    // A stand-in for the `ollama` package that records what the snippet passes and streams one part.
    const stub = [
      'import json, os',
      'def chat(**kwargs):',
      '    with open(os.environ["CAPTURE"], "w", encoding="utf-8") as f:',
      '        json.dump(kwargs, f, ensure_ascii=False)',
      '    return iter([{"message": {"content": "part"}}])',
    ].join('\n')
    await writeFile(path.join(dir, 'ollama.py'), stub)
    await writeFile(path.join(dir, 'chat.py'), conversationAsCode(input, 'python'))
    const capture = path.join(dir, 'capture.json')
    const { stdout } = await run(python ?? 'python3', ['chat.py'], {
      cwd: dir,
      env: { ...process.env, CAPTURE: capture, PYTHONIOENCODING: 'utf-8' },
      timeout: 20_000,
    })
    expect(stdout).toBe('part\n')
    const passed = JSON.parse(await readFile(capture, 'utf8')) as Record<string, unknown>
    expect(passed).toEqual({ model: input.model, messages: expectedMessages, options: expectedOptions, keep_alive: '5m', stream: true })
  })
})
