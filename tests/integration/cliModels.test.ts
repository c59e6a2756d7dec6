import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli, type CliIo } from '../../src/main/cli/index.ts'
import { ModelDetails, type ModelSummary } from '../../src/shared/domain/models.ts'
import { PullJob } from '../../src/shared/domain/pull.ts'
import { FakeOllama, QWEN, type FakeModel } from '../support/fakeOllama.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()

const QWEN_TEXT: FakeModel = {
  ...QWEN,
  name: 'qwen2.5:7b-text',
  size: 4_683_073_184,
  template: '{{ .Prompt }}',
  capabilities: ['completion'],
}

let fake: FakeOllama

beforeEach(async () => {
  fake = await new FakeOllama({ models: [QWEN, QWEN_TEXT] }).start()
})
afterEach(() => fake.stop())

interface RunOptions {
  env?: NodeJS.ProcessEnv
  /** Pretend stdout is an 80-column terminal; raw writes land in `out` too. */
  tty?: boolean
  onInterrupt?: CliIo['onInterrupt']
  /** Free space where the models go; by default unknown, so the check never refuses. */
  freeBytes?: number
}

async function run(args: string[], options: RunOptions = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    // Never the real data folder: its settings would choose the server.
    env: { INSTRUCT_DESK_DATA_DIR: await tempDir(), ...options.env },
    terminal: options.tty ? { write: (t) => (out += t), columns: 80 } : undefined,
    onInterrupt: options.onInterrupt,
    // This machine's free disk space must not decide whether a test of 4.7 GB of fake bytes passes.
    pullOptions: {
      retryDelaysMs: [10, 20, 40],
      storage: async () => (options.freeBytes === undefined ? undefined : { dir: '/home/me/.ollama/models', freeBytes: options.freeBytes }),
    },
  }
  const code = await runCli(args, io)
  return { code, out, err }
}

const models = (...args: string[]) => run(['models', ...args, '--host', fake.host])

/** Loads a model the way a chat does, so `/api/ps` lists it. */
async function loadModel(name: string): Promise<void> {
  await fetch(`${fake.host}/api/chat`, { method: 'POST', body: JSON.stringify({ model: name, messages: [], stream: false }) })
}

function pullRequests() {
  return fake.requests.filter((r) => r.path === '/api/pull')
}

describe('the CLI and the app agree on the server', () => {
  it('uses the address and extra headers saved in the app’s settings when --host is absent', async () => {
    const dataDir = await tempDir()
    await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ ollamaHost: fake.host, ollamaHeaders: { 'X-Route': 'gpu' } }))
    const { code, out } = await run(['models', 'list'], { env: { INSTRUCT_DESK_DATA_DIR: dataDir, OLLAMA_HOST: '127.0.0.1:1' } })
    expect(code).toBe(0)
    expect(out).toContain('qwen2.5:7b-instruct')
    expect(fake.requests.at(-1)?.headers['x-route']).toBe('gpu')
  })
})

describe('instruct-desk models list', () => {
  it('prints a table with kind, context length, size and which models are loaded', async () => {
    await loadModel(QWEN.name)
    const { code, out } = await models('list')
    expect(code).toBe(0)
    const [header, ...rows] = out.trim().split('\n')
    expect(header?.split(/\s+/)).toEqual(['NAME', 'KIND', 'PARAMS', 'QUANT', 'CONTEXT', 'SIZE', 'MODIFIED', 'LOADED'])
    expect(rows.find((r) => r.startsWith('qwen2.5:7b-instruct '))?.split(/\s+/)).toEqual([
      'qwen2.5:7b-instruct',
      'instruct',
      '7.6B',
      'Q4_K_M',
      '32768',
      '4.7',
      'GB',
      '2026-10-01',
      'yes',
    ])
    expect(rows.find((r) => r.startsWith('qwen2.5:7b-text '))?.split(/\s+/)).toEqual(
      expect.arrayContaining(['base', '32768', '2026-10-01']) as string[],
    )
    expect(rows.find((r) => r.startsWith('qwen2.5:7b-text '))).not.toContain('yes')
  })

  it('prints the summaries as JSON with --json', async () => {
    const { code, out } = await models('list', '--json')
    expect(code).toBe(0)
    const list = JSON.parse(out) as (ModelSummary & { loaded: boolean })[]
    expect(list).toEqual([
      expect.objectContaining({ name: QWEN.name, kind: 'instruct', contextLength: 32_768, sizeBytes: QWEN.size, loaded: false }),
      expect.objectContaining({ name: QWEN_TEXT.name, kind: 'base', contextLength: 32_768, loaded: false }),
    ])
  })

  it('suggests the pull command when nothing is installed, and takes the host from OLLAMA_HOST', async () => {
    fake.models = []
    const { code, out } = await run(['models', 'list'], { env: { OLLAMA_HOST: `127.0.0.1:${fake.port}` } })
    expect(code).toBe(0)
    expect(out).toContain('instruct-desk models pull qwen2.5:7b-instruct')
    expect(JSON.parse((await models('list', '--json')).out)).toEqual([])
  })
})

describe('instruct-desk models show', () => {
  it('prints the details, the license first line and the template', async () => {
    const { code, out } = await models('show', QWEN.name)
    expect(code).toBe(0)
    expect(out).toMatch(/kind\s+instruct/)
    expect(out).toMatch(/context length\s+32768/)
    expect(out).toMatch(/capabilities\s+completion, tools/)
    expect(out).toMatch(/license\s+Apache License\n/)
    expect(out).not.toContain('Version 2.0')
    expect(out).toContain('<|im_start|>assistant')
    expect(out).toMatch(/Modelfile parameters:\n {2}\(none\)/)
  })

  it('prints ModelDetails as JSON with --json', async () => {
    const { code, out } = await models('show', QWEN_TEXT.name, '--json')
    expect(code).toBe(0)
    expect(ModelDetails.parse(JSON.parse(out))).toMatchObject({ name: QWEN_TEXT.name, kind: 'base', template: '{{ .Prompt }}' })
  })

  it('exits 1 with the reason and a hint for a model that is not installed', async () => {
    const { code, out, err } = await models('show', 'nope:1b')
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err).toContain(`The model "nope:1b" is not installed on ${fake.host}.`)
    expect(err).toContain('Pull it')
  })
})

describe('instruct-desk models rm', () => {
  it('deletes the model, which then is no longer listed; a second rm exits 1', async () => {
    expect(await models('rm', QWEN.name)).toMatchObject({ code: 0, out: `Deleted ${QWEN.name}\n` })
    const list = JSON.parse((await models('list', '--json')).out) as ModelSummary[]
    expect(list.map((m) => m.name)).toEqual([QWEN_TEXT.name])
    expect(await models('rm', QWEN.name)).toMatchObject({ code: 1, err: expect.stringContaining('is not installed') })
  })
})

describe('instruct-desk models pull', () => {
  beforeEach(() => {
    fake.models = []
  })

  it('prints every published job as one NDJSON line with --json, the last one done', async () => {
    const { code, out } = await models('pull', QWEN.name, '--json')
    expect(code).toBe(0)
    const jobs = out
      .trim()
      .split('\n')
      .map((line) => PullJob.parse(JSON.parse(line)))
    expect(jobs.at(-1)).toMatchObject({ state: 'done', progress: { percent: 100, completedBytes: QWEN.size } })
    const percents = jobs.flatMap((j) => (j.progress.percent === undefined ? [] : [j.progress.percent]))
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(fake.models.map((m) => m.name)).toEqual([QWEN.name])
  })

  it('retries a dropped connection to the end, printing plain lines without carriage returns', async () => {
    fake.failNextPulls({ kind: 'drop-after', bytes: 1_000_000_000 })
    const { code, out } = await models('pull', QWEN.name)
    expect(code).toBe(0)
    expect(out).toMatch(/Retrying .*\(try 2\)/)
    expect(out).toContain('downloading')
    expect(out).not.toContain('\r')
    expect(out.endsWith(`Pulled ${QWEN.name}\n`)).toBe(true)
    expect(pullRequests()).toHaveLength(2)
  })

  it('draws one line redrawn in place on a terminal, and says when it corrected the name', async () => {
    fake.pullPacing.lineDelayMs = 3
    const { code, out, err } = await run(['models', 'pull', 'qwen2.5-7b-instruct', '--host', fake.host], { tty: true })
    expect(code).toBe(0)
    expect(err).toBe('qwen2.5-7b-instruct is not a valid tag; pulling qwen2.5:7b-instruct\n')
    expect(out.match(/\r\[[#-]+\]/g)?.length).toBeGreaterThan(2)
    expect(out).toMatch(/\r\[#+\] 100%\s+4\.7 GB \/ 4\.7 GB\s+done\s*\nPulled qwen2\.5:7b-instruct\n$/)
    for (const drawn of out.split(/[\r\n]/)) expect(drawn.length).toBeLessThan(80)
  })

  it('refuses a pull that cannot fit on the disk, naming the folder and the bytes needed', async () => {
    fake.models = []
    const { code, err } = await run(['models', 'pull', 'qwen2.5:7b-instruct', '--host', fake.host], { freeBytes: 1_000_000_000 })
    expect(code).toBe(1)
    expect(err).toContain(
      'Not enough disk space to pull qwen2.5:7b-instruct: it needs about 4.7 GB more in the models folder /home/me/.ollama/models (1.0 GB free).',
    )
    expect(pullRequests()).toHaveLength(0)
  })

  it('exits 1 with the reason and a hint for a name the library does not have', async () => {
    const { code, err } = await models('pull', 'qwen9:1000b')
    expect(code).toBe(1)
    expect(err).toContain('There is no model called "qwen9:1000b"')
    expect(err).toContain('colon')
  })

  it('cancels on Ctrl-C: exit 130, the request to Ollama closed, the handler removed', async () => {
    fake.pullFault = { kind: 'stall-after', bytes: 100_000_000 }
    let interrupt: (() => void) | undefined
    const result = run(['models', 'pull', QWEN.name, '--host', fake.host], {
      onInterrupt: (handler) => {
        interrupt = handler
        return () => (interrupt = undefined)
      },
    })
    await vi.waitFor(() => expect(fake.pulledBytes).toBeGreaterThanOrEqual(100_000_000))
    interrupt?.()
    const { code, err } = await result
    expect(code).toBe(130)
    expect(err).toContain('Cancelled; pulling again continues from what was downloaded.')
    expect(interrupt).toBeUndefined()
    await vi.waitFor(() => expect(pullRequests().at(-1)?.aborted).toBe(true))
  })
})

describe('instruct-desk models errors', () => {
  it('exits 1 with the reason and the fix when Ollama is down', async () => {
    await fake.stop()
    for (const args of [['list'], ['show', QWEN.name], ['rm', QWEN.name], ['pull', QWEN.name]]) {
      const { code, err } = await models(...args)
      expect(code).toBe(1)
      expect(err).toContain(`Ollama is not running at ${fake.host}. Start Ollama`)
    }
  })

  it('exits 2 with the usage for an unknown subcommand or a missing name', async () => {
    for (const args of [[], ['frobnicate'], ['show'], ['pull'], ['rm', 'a', 'b'], ['list', 'extra']]) {
      expect(await models(...args)).toMatchObject({ code: 2, err: expect.stringContaining('usage: instruct-desk models list') })
    }
  })

  it('lists the models commands in the help', async () => {
    const { out } = await run(['--help'])
    for (const command of ['models list', 'models show NAME', 'models pull NAME', 'models rm NAME']) expect(out).toContain(command)
  })
})

const root = path.resolve(import.meta.dirname, '../..')
const built = existsSync(path.join(root, 'out/main/cli.js'))

/** Async on purpose: the fake server lives in this process, so a blocking spawn would starve it. */
function runBin(args: string[], onStdout?: (text: string, child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/instruct-desk.js'), ...args])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      onStdout?.(stdout, child)
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('close', (status) => resolve({ status, stdout, stderr }))
  })
}

describe.skipIf(!built)('the built instruct-desk bin (npm run build first)', () => {
  it('lists models, and a Ctrl-C during a pull cancels it with exit code 130', async () => {
    const listed = await runBin(['models', 'list', '--host', fake.host])
    expect(listed).toMatchObject({ status: 0, stdout: expect.stringMatching(/^qwen2\.5:7b-instruct\s+instruct/m) })
    fake.models = []
    fake.pullFault = { kind: 'stall-after', bytes: 100_000_000 }
    const pulled = await runBin(['models', 'pull', QWEN.name, '--host', fake.host], (stdout, child) => {
      if (stdout.includes('downloading') && !child.killed) child.kill('SIGINT')
    })
    expect(pulled.status).toBe(130)
    expect(pulled.stderr).toContain('Cancelled;')
    await vi.waitFor(() => expect(pullRequests().at(-1)?.aborted).toBe(true))
  }, 20_000)
})
