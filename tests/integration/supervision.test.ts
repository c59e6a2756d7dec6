import { writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { OllamaStatus } from '../../src/shared/domain/ollamaStatus.ts'
import { createApp, type App, type AppOptions } from '../../src/main/app.ts'
import { findFreePort, isPortListening } from '../../src/main/ollama/portOwner.ts'
import { FakeOllama } from '../support/fakeOllama.ts'
import { fakeOllamaScript, writeFakeOllama } from '../support/fakeOllamaExecutable.ts'
import { FakeRelease } from '../support/fakeRelease.ts'
import { useTempDirs } from '../support/tempDir.ts'

const tempDir = useTempDirs()
const LINUX_X64 = process.platform === 'linux' && process.arch === 'x64'
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const signal = () => new AbortController().signal

/** The address goes in the settings file, as a user would set it, so the app may change it. */
async function startApp(
  options: Partial<AppOptions> & { env: NodeJS.ProcessEnv; port: number; settings?: Record<string, unknown> },
): Promise<App> {
  const { port, settings, ...rest } = options
  const dataDir = await tempDir()
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ ollamaHost: `127.0.0.1:${port}`, ...settings }))
  const app = await createApp({
    host: 'web',
    dataDir,
    superviseOllama: true,
    statusIntervals: { upMs: 100, downMs: 100 },
    serverTimings: { restartDelaysMs: [50, 100], startTimeoutMs: 15_000 },
    ...rest,
  })
  cleanups.push(() => app.dispose())
  app.ollama.start()
  return app
}

/** PATH holds only a fake `ollama`, as if it were installed. */
async function installedEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const dir = await tempDir()
  await writeFakeOllama(dir, { version: '0.12.7' })
  return { PATH: dir, HOME: await tempDir(), ...extra }
}

function statusOf(app: App, accept: (status: OllamaStatus) => boolean, timeoutMs = 20_000): Promise<OllamaStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`status stayed ${JSON.stringify(app.ollama.current())}`)), timeoutMs)
    const check = (status: OllamaStatus): void => {
      if (!accept(status)) return
      clearTimeout(timer)
      off()
      resolve(status)
    }
    const off = app.ollama.onChange(check)
    check(app.ollama.current())
  })
}

describe('the app runs Ollama itself', { timeout: 60_000 }, () => {
  it('starts `ollama serve` when nothing answers, says it did, and stops it when the app quits', async () => {
    const port = await findFreePort()
    const app = await startApp({ env: await installedEnv(), port })
    const seen: string[] = []
    app.ollama.onChange((s) => seen.push(s.state))
    expect(await statusOf(app, (s) => s.state === 'running' && s.managed === true)).toEqual({
      state: 'running',
      host: `http://127.0.0.1:${port}`,
      version: '0.12.7',
      managed: true,
    })
    expect(seen).toContain('starting')
    await app.dispose()
    expect(await isPortListening('127.0.0.1', port, 1_000)).toBe(false)
  })

  it('adopts a server that is already running and leaves it running on quit', async () => {
    const fake = await new FakeOllama({ version: '0.12.6' }).start()
    cleanups.push(() => fake.stop())
    const app = await startApp({ env: await installedEnv(), port: fake.port })
    expect(await statusOf(app, (s) => s.state === 'running')).toEqual({ state: 'running', host: fake.host, version: '0.12.6' })
    await app.dispose()
    expect(await isPortListening('127.0.0.1', fake.port, 1_000)).toBe(true)
  })

  it('takes over when an adopted server goes away', async () => {
    const fake = await new FakeOllama({ version: '0.12.6' }).start()
    const app = await startApp({ env: await installedEnv(), port: fake.port })
    await statusOf(app, (s) => s.state === 'running')
    await fake.stop()
    expect(await statusOf(app, (s) => s.state === 'running' && s.managed === true)).toMatchObject({ version: '0.12.7' })
  })

  it('reports a port held by something that is not Ollama, and "use port N" moves there and starts', async () => {
    const port = await findFreePort()
    const squatter: Server = createServer((_req, res) => res.writeHead(200).end('<html>not ollama</html>'))
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => squatter.close(resolve)))
    const app = await startApp({ env: await installedEnv(), port })
    const failed = await statusOf(app, (s) => s.state === 'failed')
    if (failed.state !== 'failed') throw new Error('unreachable')
    expect(failed.error).toMatchObject({ code: 'PORT_IN_USE', message: expect.stringContaining(`Port ${port} is taken`) })
    expect(failed.suggestedPort).toBeGreaterThan(1023)
    const moved = await app.handlers.invoke['ollama:usePort']({ port: failed.suggestedPort ?? 0 }, signal())
    expect(moved.host).toBe(`http://127.0.0.1:${failed.suggestedPort}`)
    const pinned = await createApp({ host: 'web', dataDir: await tempDir(), ollamaHost: `127.0.0.1:${port}`, env: {} })
    cleanups.push(() => pinned.dispose())
    await expect(pinned.handlers.invoke['ollama:usePort']({ port: 20_000 }, signal())).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
      hint: expect.stringContaining('--ollama-host'),
    })
    expect(app.settings.get().ollamaHost).toBe(`127.0.0.1:${failed.suggestedPort}`)
    expect(await statusOf(app, (s) => s.state === 'running' && s.managed === true)).toMatchObject({
      host: `http://127.0.0.1:${failed.suggestedPort}`,
    })
  })

  it('restarts a server that crashes, gives up with the last log lines when it keeps crashing, and Retry starts again', async () => {
    const env = await installedEnv({ FAKE_OLLAMA_CRASH_AFTER_MS: '300' })
    const app = await startApp({ env, port: await findFreePort() })
    const seen: OllamaStatus[] = []
    app.ollama.onChange((s) => seen.push(s))
    const failed = await statusOf(app, (s) => s.state === 'failed')
    expect(seen.some((s) => s.state === 'restarting' && s.lastExit === 'exit code 2')).toBe(true)
    if (failed.state !== 'failed') throw new Error('unreachable')
    expect(failed.error.message).toBe('Ollama keeps stopping (exit code 2).')
    expect(failed.logTail.join('\n')).toContain('panic:')
    delete env.FAKE_OLLAMA_CRASH_AFTER_MS
    await app.handlers.invoke['ollama:retry']({}, signal())
    expect(await statusOf(app, (s) => s.state === 'running' && s.managed === true)).toMatchObject({ version: '0.12.7' })
  })

  it('says how to install Ollama on this OS when it is missing', async () => {
    const app = await startApp({ env: { PATH: '', HOME: await tempDir() }, port: await findFreePort() })
    expect(await statusOf(app, (s) => s.state === 'not-installed')).toMatchObject({
      instruction: expect.stringContaining(process.platform === 'linux' ? 'curl -fsSL https://ollama.com/install.sh | sh' : 'ollama.com'),
    })
  })

  // The fake release holds the Linux x64 archive, and its `ollama` is a script for a POSIX shell.
  it.runIf(LINUX_X64)('installs Ollama with the managed install and then runs it', async () => {
    const release = new FakeRelease({
      assets: { 'ollama-linux-amd64.tar.zst': [{ path: 'bin/ollama', content: fakeOllamaScript({ version: '0.12.8' }), mode: 0o755 }] },
    })
    await release.start()
    cleanups.push(() => release.stop())
    const app = await startApp({ env: { PATH: '', HOME: await tempDir() }, port: await findFreePort(), releaseBaseUrl: release.latestUrl })
    await statusOf(app, (s) => s.state === 'not-installed')
    expect(await app.handlers.invoke['ollama:install']({}, signal())).toMatchObject({ state: 'running' })
    expect(await statusOf(app, (s) => s.state === 'running' && s.managed === true)).toMatchObject({ version: '0.12.8' })
    expect(await app.handlers.invoke['ollama:installState']({}, signal())).toMatchObject({ state: 'done', version: '0.12.6' })
  })

  it('never supervises when the setting says not to', async () => {
    const port = await findFreePort()
    const app = await startApp({ env: await installedEnv(), port, settings: { manageOllama: false } })
    expect(await statusOf(app, (s) => s.state === 'not-running')).toMatchObject({ executable: expect.stringMatching(/ollama$/) })
    expect(await isPortListening('127.0.0.1', port, 500)).toBe(false)
  })
})
