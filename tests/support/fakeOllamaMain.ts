import { writeFileSync } from 'node:fs'
import { FakeOllama } from './fakeOllama.ts'

/**
 * The program behind the fake `ollama` executable (see fakeOllamaExecutable.ts): `serve` and
 * `-v` with the real CLI's output and exit codes, so the daemon supervisor is tested against a
 * process, not a mock.
 */
export interface FakeOllamaProgram {
  version: string
}

/** OLLAMA_HOST as `ollama serve` reads it: host:port, scheme optional. */
function listenAddress(env: NodeJS.ProcessEnv): { host: string; port: number } {
  const typed = env.OLLAMA_HOST?.trim() || '127.0.0.1:11434'
  const withHost = typed.startsWith(':') ? `127.0.0.1${typed}` : typed
  const url = new URL(/^[a-z]+:\/\//i.test(withHost) ? withHost : `http://${withHost}`)
  return { host: url.hostname, port: Number(url.port || 11434) }
}

function logLine(message: string): string {
  return `time=${new Date().toISOString()} level=INFO source=routes.go:1234 msg="${message}"\n`
}

function recordEnv(file: string | undefined): void {
  if (!file) return
  const seen = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('OLLAMA_')))
  writeFileSync(file, JSON.stringify(seen))
}

async function serve(program: FakeOllamaProgram): Promise<void> {
  recordEnv(process.env.FAKE_OLLAMA_ENV_LOG)
  const { port } = listenAddress(process.env)
  const fake = new FakeOllama({ version: program.version, noPrune: Boolean(process.env.OLLAMA_NOPRUNE) })
  try {
    await fake.start(port)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    process.stderr.write(`Error: listen tcp 127.0.0.1:${port}: bind: address already in use\n`)
    process.exit(1)
  }
  process.stderr.write(logLine(`Listening on 127.0.0.1:${fake.port} (version ${program.version})`))
  const shutDown = () => void fake.stop().then(() => process.exit(0))
  process.once('SIGTERM', shutDown)
  process.once('SIGINT', shutDown)
  const crashAfterMs = Number(process.env.FAKE_OLLAMA_CRASH_AFTER_MS)
  if (crashAfterMs > 0) {
    setTimeout(() => {
      process.stderr.write('panic: runtime error: invalid memory address or nil pointer dereference\n')
      process.exit(2)
    }, crashAfterMs)
  }
  exitWhenOrphaned()
}

/** A test that dies without stopping its server must not leave fakes holding ports. */
function exitWhenOrphaned(): void {
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0)
  }, 1_000).unref()
}

async function printVersion(program: FakeOllamaProgram): Promise<void> {
  const { host, port } = listenAddress(process.env)
  try {
    const response = await fetch(`http://${host}:${port}/api/version`, { signal: AbortSignal.timeout(2_000) })
    const { version } = (await response.json()) as { version: string }
    process.stdout.write(`ollama version is ${version}\n`)
  } catch {
    process.stdout.write(`Warning: could not connect to a running Ollama instance\nWarning: client version is ${program.version}\n`)
  }
}

export async function runFakeOllama(args: string[], program: FakeOllamaProgram): Promise<void> {
  const command = args[0]
  if (command === 'serve') return serve(program)
  if (command === '-v' || command === '--version') return printVersion(program)
  process.stderr.write(`Error: unknown command "${command ?? ''}" for "ollama"\n`)
  process.exit(1)
}
