import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server } from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { OllamaClient } from '../../src/main/ollama/OllamaClient.ts'
import { OllamaServer, type OllamaServerOptions, type ServerState } from '../../src/main/ollama/OllamaServer.ts'
import { findFreePort, isPortListening } from '../../src/main/ollama/portOwner.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { writeFakeOllama } from '../support/fakeOllamaExecutable.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const supervisors: OllamaServer[] = []
const fakes: FakeOllama[] = []
const squatters: Server[] = []
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.stop()))
  await Promise.all(fakes.splice(0).map((f) => f.stop()))
  await Promise.all(squatters.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

interface Setup {
  server: OllamaServer
  port: number
  host: string
  envLog: string
  /** Every state announced, in order. */
  seen: ServerState[]
  /** The base environment; read again at every spawn. */
  env: NodeJS.ProcessEnv
}

async function setup(
  options: { executable?: boolean; version?: string; port?: number } & Partial<OllamaServerOptions> = {},
): Promise<Setup> {
  const { executable = true, version, port: fixedPort, ...overrides } = options
  const dir = await tempDir()
  const file = executable ? await writeFakeOllama(dir, { version }) : undefined
  const port = fixedPort ?? (await findFreePort())
  const host = `http://127.0.0.1:${port}`
  const envLog = path.join(dir, 'env.json')
  const env = { ...process.env, FAKE_OLLAMA_ENV_LOG: envLog }
  const server = new OllamaServer({
    host,
    findExecutable: async () => file,
    probeVersion: (signal) => new OllamaClient({ host }).version(signal),
    env,
    startTimeoutMs: 10_000,
    restartDelaysMs: [50, 100],
    ...overrides,
  })
  supervisors.push(server)
  const seen: ServerState[] = []
  server.onChange((state) => seen.push(state))
  return { server, port, host, envLog, seen, env }
}

function waitFor(server: OllamaServer, predicate: (state: ServerState) => boolean): Promise<ServerState> {
  return new Promise((resolve) => {
    if (predicate(server.current())) return resolve(server.current())
    const off = server.onChange((state) => {
      if (!predicate(state)) return
      off()
      resolve(state)
    })
  })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function squat(port: number, server: Server = createServer((socket) => socket.destroy())): Promise<void> {
  squatters.push(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
}

const PANIC = 'panic: runtime error: invalid memory address or nil pointer dereference'

describe('OllamaServer', { timeout: 30_000 }, () => {
  it('adopts a server that already answers, never starts one, and leaves it running on stop', async () => {
    const fake = await new FakeOllama({ version: '0.12.7' }).start()
    fakes.push(fake)
    const { server, envLog, seen } = await setup({ port: fake.port })

    expect(await server.ensure()).toEqual({ state: 'adopted', version: '0.12.7' })
    await server.stop()

    expect(existsSync(envLog)).toBe(false)
    expect(seen.map((s) => s.state)).toEqual(['adopted', 'stopped'])
    expect(await new OllamaClient({ host: fake.host }).version()).toBe('0.12.7')
  })

  it('starts ollama serve with the app environment when none runs, and stop() ends it and frees the port', async () => {
    const dir = await tempDir()
    const { server, port, envLog, seen } = await setup({
      version: '0.13.1',
      serveEnv: { modelsDir: path.join(dir, 'models'), keepAlive: '10m', contextLength: 32_768 },
    })

    const running = await server.ensure()
    expect(running).toMatchObject({ state: 'running', version: '0.13.1', pid: expect.any(Number) })
    expect(seen.map((s) => s.state)).toEqual(['starting', 'running'])
    expect(JSON.parse(await readFile(envLog, 'utf8'))).toMatchObject({
      OLLAMA_HOST: `127.0.0.1:${port}`,
      OLLAMA_NOPRUNE: '1',
      OLLAMA_MODELS: path.join(dir, 'models'),
      OLLAMA_KEEP_ALIVE: '10m',
      OLLAMA_CONTEXT_LENGTH: '32768',
    })
    expect(server.logTail()).toContainEqual(expect.stringContaining(`Listening on 127.0.0.1:${port} (version 0.13.1)`))

    const pid = (running as { pid: number }).pid
    expect(isAlive(pid)).toBe(true)
    await server.stop()
    expect(server.current()).toEqual({ state: 'stopped' })
    expect(isAlive(pid)).toBe(false)
    expect(await isPortListening('127.0.0.1', port, 1_000)).toBe(false)
  })

  it('announces a restart after a crash and comes back with a new process', async () => {
    const { server, env } = await setup()
    env.FAKE_OLLAMA_CRASH_AFTER_MS = '2500'

    const first = await server.ensure()
    expect(first.state).toBe('running')
    expect(await waitFor(server, (s) => s.state === 'restarting')).toEqual({
      state: 'restarting',
      attempt: 1,
      delayMs: 50,
      lastExit: 'exit code 2',
    })
    const second = await waitFor(server, (s) => s.state === 'running')
    expect((second as { pid: number }).pid).not.toBe((first as { pid: number }).pid)
    expect(server.logTail()).toContain(PANIC)
  })

  it('gives up when it keeps crashing, shows the last log lines, and starts again on retry', async () => {
    const { server, env, seen } = await setup()
    env.FAKE_OLLAMA_CRASH_AFTER_MS = '100'

    void server.ensure()
    const failed = await waitFor(server, (s) => s.state === 'failed')
    expect(failed).toMatchObject({
      error: { code: 'OLLAMA_NOT_RUNNING', message: 'Ollama keeps stopping (exit code 2).', retryable: true },
    })
    expect((failed as { logTail: string[] }).logTail).toContain(PANIC)
    expect(seen.filter((s) => s.state === 'restarting')).toEqual([
      { state: 'restarting', attempt: 1, delayMs: 50, lastExit: 'exit code 2' },
      { state: 'restarting', attempt: 2, delayMs: 100, lastExit: 'exit code 2' },
    ])
    expect(seen.filter((s) => s.state === 'starting')).toHaveLength(3)

    // Whatever made it crash is gone now.
    delete env.FAKE_OLLAMA_CRASH_AFTER_MS
    expect(await server.retry()).toMatchObject({ state: 'running' })
  })

  it('reports a port held by something that is not Ollama, with its owner and a free port to use instead', async () => {
    const port = await findFreePort()
    await squat(
      port,
      createHttpServer((_req, res) => res.writeHead(404).end('not found')),
    )
    const { server, envLog } = await setup({ port })

    const failed = await server.ensure()
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'PORT_IN_USE', message: expect.stringContaining(`Port ${port} `) } })
    const { suggestedPort, error } = failed as Extract<ServerState, { state: 'failed' }>
    expect(suggestedPort).toEqual(expect.any(Number))
    expect(suggestedPort).not.toBe(port)
    expect(error.hint).toContain(`Use port ${suggestedPort}`)
    expect(await isPortListening('127.0.0.1', suggestedPort ?? 0, 1_000)).toBe(false)
    if (process.platform === 'linux') expect(error.message).toContain(`(pid ${process.pid})`)
    expect(existsSync(envLog)).toBe(false)
  })

  it('stops at PORT_IN_USE, without restarting, when ollama serve exits with the bind error', async () => {
    const { server, port, seen } = await setup()
    // Takes the port after the check, before the child (which needs a moment to boot) binds it.
    server.onChange((state) => {
      if (state.state === 'starting') void squat(port)
    })

    const failed = await server.ensure()
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'PORT_IN_USE' }, suggestedPort: expect.any(Number) })
    expect((failed as { logTail: string[] }).logTail).toContain(`Error: listen tcp 127.0.0.1:${port}: bind: address already in use`)
    expect(seen.map((s) => s.state)).toEqual(['starting', 'failed'])
  })

  it('says how to install Ollama when there is no executable', async () => {
    const linux = await setup({ executable: false, platform: 'linux' })
    expect(await linux.server.ensure()).toMatchObject({
      state: 'failed',
      error: { code: 'OLLAMA_NOT_INSTALLED', hint: expect.stringContaining('curl -fsSL https://ollama.com/install.sh | sh') },
    })
    const mac = await setup({ executable: false, platform: 'darwin' })
    expect(await mac.server.ensure()).toMatchObject({
      error: { code: 'OLLAMA_NOT_INSTALLED', hint: expect.stringContaining('brew install ollama') },
    })
  })
})

describe('fake ollama -v', { timeout: 30_000 }, () => {
  const run = promisify(execFile)

  it('prints the server version when one answers, and the two warnings when none does', async () => {
    const file = await writeFakeOllama(await tempDir(), { version: '0.12.6' })
    const port = await findFreePort()
    const env = { ...process.env, OLLAMA_HOST: `127.0.0.1:${port}` }
    expect((await run(file, ['-v'], { env })).stdout).toBe(
      'Warning: could not connect to a running Ollama instance\nWarning: client version is 0.12.6\n',
    )
    const fake = await new FakeOllama({ version: '0.12.7' }).start(port)
    fakes.push(fake)
    expect((await run(file, ['--version'], { env })).stdout).toBe('ollama version is 0.12.7\n')
  })
})
