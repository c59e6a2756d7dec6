import { spawn, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { toErrorInfo, type ErrorInfo } from '../../shared/ipc/errors.ts'
import { isLoopbackHost } from './hostAddress.ts'
import { describePortOwner, findFreePort, isPortListening } from './portOwner.ts'

export type ServerState =
  | { state: 'idle' }
  /** Something already answered as Ollama: we use it and never start a second one. */
  | { state: 'adopted'; version: string }
  | { state: 'starting'; executable: string }
  /** A server we started and therefore stop. */
  | { state: 'running'; version: string; pid: number; executable: string }
  | { state: 'restarting'; attempt: number; delayMs: number; lastExit: string }
  /** Gave up; `suggestedPort` is a free port to offer when the configured one is taken. */
  | { state: 'failed'; error: ErrorInfo; logTail: string[]; suggestedPort?: number }
  | { state: 'stopped' }

export interface OllamaServerOptions {
  /** Normalized base URL of a host on this machine (see normalizeHost). */
  host: string
  findExecutable(): Promise<string | undefined>
  /** Resolves with the server's version or rejects; the app passes OllamaClient.version. */
  probeVersion(signal: AbortSignal): Promise<string>
  /** Base environment of `ollama serve` (default process.env). */
  env?: NodeJS.ProcessEnv
  serveEnv?: { modelsDir?: string; keepAlive?: string; contextLength?: number }
  /** How long a started server may take to answer (default 30 s). */
  startTimeoutMs?: number
  /** Waits before each restart after a crash; when they run out we give up (default 1, 2, 4 s). */
  restartDelaysMs?: number[]
  /** A run at least this long counts as healthy and resets the backoff (default 60 s). */
  stableAfterMs?: number
  platform?: NodeJS.Platform
}

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  /** The executable could not be started at all (missing, not executable). */
  error?: Error
}

interface OwnChild {
  process: ChildProcess
  executable: string
  exited: Promise<Exit>
  bindFailed: boolean
  runningSince?: number
}

type StartOutcome = { kind: 'answered'; version: string } | { kind: 'exited'; exit: Exit } | { kind: 'timeout' } | { kind: 'stopped' }

/** Go's bind error: `address already in use` on Unix, WSAEADDRINUSE's text on Windows. */
const BIND_FAILED = /address already in use|only one usage of each socket address/i
const LOG_CAPACITY = 200
const LOG_LINES_IN_STATE = 30
const POLL_MS = 200
const PROBE_TIMEOUT_MS = 2_000
const KILL_GRACE_MS = 5_000
/** After exit, how long to wait for the last lines still in the pipes (a runner may hold them open). */
const DRAIN_MS = 250

/** How to install Ollama on each OS, for the "not installed" message. */
export function installInstruction(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Download Ollama from https://ollama.com/download/mac (or run `brew install ollama`).'
  if (platform === 'win32') return 'Download and run the installer from https://ollama.com/download/windows.'
  return 'Install it with `curl -fsSL https://ollama.com/install.sh | sh`.'
}

function describeExit(exit: Exit): string {
  return exit.code !== null ? `exit code ${exit.code}` : `signal ${exit.signal ?? 'unknown'}`
}

function isTransient(state: ServerState): boolean {
  return state.state === 'starting' || state.state === 'restarting'
}

/**
 * Makes sure an Ollama server answers on a local host: adopts one that already does, otherwise
 * starts `ollama serve`, restarts it with backoff when it crashes, and stops only what it started.
 * Every state change is announced, so the status area can show starting, restarting and why it
 * gave up.
 */
export class OllamaServer {
  private state: ServerState = { state: 'idle' }
  private readonly emitter = new EventEmitter()
  private readonly options: Required<Omit<OllamaServerOptions, 'serveEnv'>> & Pick<OllamaServerOptions, 'serveEnv'>
  /** `hostname` as written in URLs and OLLAMA_HOST (`[::1]`), `socketHost` as node:net takes it (`::1`). */
  private readonly address: { hostname: string; socketHost: string; port: number }
  private readonly log: string[] = []
  private child: OwnChild | undefined
  /** Aborted by stop(): every flow started before it checks this after each wait. */
  private session = new AbortController()
  private pending: Promise<ServerState> | undefined
  private stopping: Promise<void> | undefined
  private restartTimer: ReturnType<typeof setTimeout> | undefined
  private crashes = 0

  constructor(options: OllamaServerOptions) {
    if (!isLoopbackHost(options.host)) throw new Error(`OllamaServer supervises servers on this machine, not ${options.host}`)
    this.options = {
      ...options,
      env: options.env ?? process.env,
      startTimeoutMs: options.startTimeoutMs ?? 30_000,
      restartDelaysMs: options.restartDelaysMs ?? [1_000, 2_000, 4_000],
      stableAfterMs: options.stableAfterMs ?? 60_000,
      platform: options.platform ?? process.platform,
    }
    const url = new URL(options.host)
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
    this.address = { hostname: url.hostname, socketHost: url.hostname.replace(/^\[|\]$/g, ''), port }
  }

  current(): ServerState {
    return this.state
  }

  onChange(listener: (state: ServerState) => void): () => void {
    this.emitter.on('change', listener)
    return () => this.emitter.off('change', listener)
  }

  /** The last lines `ollama serve` wrote (stdout and stderr, across restarts). */
  logTail(lines = LOG_CAPACITY): string[] {
    return this.log.slice(-lines)
  }

  /**
   * Adopts a server that answers or starts one, and resolves once that has settled (adopted,
   * running, failed or stopped) — through any restarts on the way.
   */
  async ensure(): Promise<ServerState> {
    await this.stopping
    // An attempt under way decides first; one that just ended in failure must not answer for this call.
    await this.pending
    if (this.session.signal.aborted) this.session = new AbortController()
    if (this.state.state !== 'running' && this.state.state !== 'restarting') await this.bringUp()
    return this.settled()
  }

  /** Starts over after giving up, with the full backoff again. */
  retry(): Promise<ServerState> {
    this.crashes = 0
    return this.ensure()
  }

  /** Stops a server we started (never an adopted one) and anything scheduled; no restarts after. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown().finally(() => {
      this.stopping = undefined
    })
    return this.stopping
  }

  private async shutDown(): Promise<void> {
    this.session.abort()
    clearTimeout(this.restartTimer)
    this.restartTimer = undefined
    await this.pending
    const child = this.child
    this.child = undefined
    if (child) await this.terminate(child)
    this.setState({ state: 'stopped' })
  }

  private settled(): Promise<ServerState> {
    return new Promise((resolve) => {
      if (!isTransient(this.state)) return resolve(this.state)
      const off = this.onChange((state) => {
        if (isTransient(state)) return
        off()
        resolve(state)
      })
    })
  }

  private bringUp(): Promise<ServerState> {
    const signal = this.session.signal
    this.pending ??= this.attempt(signal)
      .catch((error: unknown) => this.fail(toErrorInfo(error)))
      .finally(() => {
        this.pending = undefined
      })
    return this.pending
  }

  private async attempt(signal: AbortSignal): Promise<ServerState> {
    const version = await this.probe(signal, PROBE_TIMEOUT_MS)
    if (signal.aborted) return this.state
    if (version !== undefined) return this.setState({ state: 'adopted', version })
    const executable = await this.options.findExecutable()
    if (signal.aborted) return this.state
    if (!executable) {
      return this.fail({
        code: 'OLLAMA_NOT_INSTALLED',
        message: 'Ollama is not installed.',
        hint: installInstruction(this.options.platform),
      })
    }
    const { socketHost, port } = this.address
    if (await isPortListening(socketHost, port, 1_000)) return this.portTaken(signal)
    if (signal.aborted) return this.state
    return this.launch(executable, signal)
  }

  private async probe(signal: AbortSignal, timeoutMs: number): Promise<string | undefined> {
    try {
      return await this.options.probeVersion(AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]))
    } catch {
      return undefined
    }
  }

  private async launch(executable: string, signal: AbortSignal): Promise<ServerState> {
    const child = this.spawnServe(executable)
    this.child = child
    this.setState({ state: 'starting', executable })
    const outcome = await this.waitForAnswer(child, signal)
    // After stop() the child is stop()'s to end.
    if (outcome.kind === 'stopped') return this.state
    if (outcome.kind === 'exited') return this.afterExit(child, outcome.exit, signal)
    if (outcome.kind === 'timeout') {
      this.child = undefined
      await this.terminate(child)
      if (signal.aborted) return this.state
      const seconds = Math.round(this.options.startTimeoutMs / 1000)
      return this.fail({
        code: 'OLLAMA_NOT_RUNNING',
        message: `Ollama was started but did not answer within ${seconds} s.`,
        hint: 'Its last log lines are below. Press Retry; a first start on a slow disk can take longer.',
        retryable: true,
      })
    }
    child.runningSince = Date.now()
    void child.exited.then((exit) => {
      if (this.child !== child || signal.aborted) return
      this.afterExit(child, exit, signal).catch((error: unknown) => this.fail(toErrorInfo(error)))
    })
    return this.setState({ state: 'running', version: outcome.version, pid: child.process.pid ?? 0, executable })
  }

  private async waitForAnswer(child: OwnChild, signal: AbortSignal): Promise<StartOutcome> {
    const deadline = Date.now() + this.options.startTimeoutMs
    let exit: Exit | undefined
    void child.exited.then((e) => {
      exit = e
    })
    while (!signal.aborted) {
      const left = deadline - Date.now()
      if (exit) return { kind: 'exited', exit }
      if (left <= 0) return { kind: 'timeout' }
      const version = await this.probe(signal, Math.min(1_000, left))
      // An answer while our process is gone comes from someone else; the exit decides.
      if (exit) return { kind: 'exited', exit }
      if (version !== undefined) return { kind: 'answered', version }
      await Promise.race([sleep(POLL_MS, undefined, { signal }).catch(() => undefined), child.exited])
    }
    return { kind: 'stopped' }
  }

  private async afterExit(child: OwnChild, exit: Exit, signal: AbortSignal): Promise<ServerState> {
    this.child = undefined
    if (exit.error) {
      return this.fail({
        code: 'OLLAMA_NOT_RUNNING',
        message: `Could not start ${child.executable}: ${exit.error.message}`,
        hint: 'Check that this is the Ollama program and that you may run it, or reinstall Ollama.',
        retryable: true,
      })
    }
    // Restarting cannot free a port someone else holds.
    if (child.bindFailed) return this.portTaken(signal)
    if (child.runningSince !== undefined && Date.now() - child.runningSince >= this.options.stableAfterMs) this.crashes = 0
    this.crashes += 1
    const lastExit = describeExit(exit)
    const delayMs = this.options.restartDelaysMs[this.crashes - 1]
    if (delayMs === undefined) {
      return this.fail({
        code: 'OLLAMA_NOT_RUNNING',
        message: `Ollama keeps stopping (${lastExit}).`,
        hint: 'Its last log lines are below. Press Retry, or run `ollama serve` in a terminal to see what goes wrong.',
        retryable: true,
      })
    }
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined
      void this.bringUp()
    }, delayMs)
    return this.setState({ state: 'restarting', attempt: this.crashes, delayMs, lastExit })
  }

  private async portTaken(signal: AbortSignal): Promise<ServerState> {
    const { hostname, socketHost, port } = this.address
    const [owner, suggestedPort] = await Promise.all([describePortOwner(port, this.options.platform), findFreePort(socketHost, port)])
    if (signal.aborted) return this.state
    return this.setState({
      state: 'failed',
      error: {
        code: 'PORT_IN_USE',
        message: `Port ${port} is taken by ${owner ?? 'another program'}, which does not answer like Ollama.`,
        hint: `Use port ${suggestedPort}: set the Ollama address to ${hostname}:${suggestedPort} in Settings, or stop the program holding port ${port}.`,
        retryable: true,
      },
      logTail: this.logTail(LOG_LINES_IN_STATE),
      suggestedPort,
    })
  }

  private fail(error: ErrorInfo): ServerState {
    return this.setState({ state: 'failed', error, logTail: this.logTail(LOG_LINES_IN_STATE) })
  }

  private setState(next: ServerState): ServerState {
    if (JSON.stringify(next) !== JSON.stringify(this.state)) {
      this.state = next
      this.emitter.emit('change', next)
    }
    return this.state
  }

  private spawnServe(executable: string): OwnChild {
    const proc = spawn(executable, ['serve'], {
      env: this.serveEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
      windowsHide: true,
    })
    const exited = new Promise<Exit>((resolve) => {
      proc.once('error', (error) => resolve({ code: null, signal: null, error }))
      proc.once('exit', (code, signal) => {
        const timer = setTimeout(() => resolve({ code, signal }), DRAIN_MS)
        proc.once('close', () => {
          clearTimeout(timer)
          resolve({ code, signal })
        })
      })
    })
    const child: OwnChild = { process: proc, executable, exited, bindFailed: false }
    for (const stream of [proc.stdout, proc.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.record(child, line))
    }
    return child
  }

  private record(child: OwnChild, line: string): void {
    this.log.push(line)
    if (this.log.length > LOG_CAPACITY) this.log.shift()
    if (BIND_FAILED.test(line)) child.bindFailed = true
  }

  private serveEnv(): NodeJS.ProcessEnv {
    const { modelsDir, keepAlive, contextLength } = this.options.serveEnv ?? {}
    const env: NodeJS.ProcessEnv = {
      ...this.options.env,
      OLLAMA_HOST: `${this.address.hostname}:${this.address.port}`,
      // `ollama serve` deletes partial downloads at start unless told not to; a restart must not cost a pull its progress.
      OLLAMA_NOPRUNE: '1',
    }
    if (modelsDir) env.OLLAMA_MODELS = modelsDir
    if (keepAlive) env.OLLAMA_KEEP_ALIVE = keepAlive
    if (contextLength) env.OLLAMA_CONTEXT_LENGTH = String(contextLength)
    return env
  }

  private async terminate(child: OwnChild): Promise<void> {
    if (this.options.platform === 'win32') {
      // Windows has no SIGTERM; taskkill /T also ends the model runners `ollama serve` started.
      const pid = child.process.pid
      if (pid === undefined) child.process.kill()
      else spawn('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true }).on('error', () => child.process.kill())
      await child.exited
      return
    }
    child.process.kill('SIGTERM')
    const timer = setTimeout(() => child.process.kill('SIGKILL'), KILL_GRACE_MS)
    await child.exited
    clearTimeout(timer)
  }
}
