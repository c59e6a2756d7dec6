import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { BridgeClient } from './bridgeClient.ts'

const ENTRY = path.resolve(import.meta.dirname, '../../src/main/web/main.ts')
const MEMORY_PROBE = pathToFileURL(path.join(import.meta.dirname, 'hostMemoryProbe.ts')).href

/** The host process's memory in bytes, after a full garbage collection; `peakRss` since it started. */
export interface HostMemory {
  rss: number
  heapUsed: number
  heapTotal: number
  peakRss: number
}

/**
 * The web host (`npm run web`'s entry, from source) as an OS process of its own, so a test can
 * kill it for real: its own data folder, and the given Ollama (the fake) as its server.
 */
export class WebHostProcess {
  readonly port: number
  readonly token: string
  /** The signal that ended the process, or null when it exited by itself. */
  readonly ended: Promise<NodeJS.Signals | null>
  private readonly child: ChildProcess
  private readonly memoryLines: AsyncIterator<string>

  private constructor(child: ChildProcess, url: URL, ended: Promise<NodeJS.Signals | null>) {
    this.child = child
    this.port = Number(url.port)
    this.token = url.searchParams.get('token') ?? ''
    this.ended = ended
    this.memoryLines = createInterface({ input: child.stdio[3] as Readable })[Symbol.asyncIterator]()
  }

  static async start(options: { dataDir: string; ollamaHost: string }): Promise<WebHostProcess> {
    const child = spawn(process.execPath, ['--expose-gc', '--import', MEMORY_PROBE, ENTRY, '--ollama-host', options.ollamaHost], {
      env: { ...process.env, INSTRUCT_DESK_DATA_DIR: options.dataDir },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    })
    let output = ''
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /Instruct Desk web preview: (\S+)/.exec(output)
        if (match?.[1]) resolve(new URL(match[1]))
      })
      void ended.then(() => reject(new Error(`The web host ended before it was ready:\n${output}`)))
    })
    return new WebHostProcess(child, url, ended)
  }

  connect(): Promise<BridgeClient> {
    return BridgeClient.connect(this)
  }

  async memory(): Promise<HostMemory> {
    this.child.kill('SIGUSR2')
    const line = await this.memoryLines.next()
    if (line.done) throw new Error('The web host ended before it reported its memory.')
    return JSON.parse(line.value) as HostMemory
  }

  /** Sends the signal and answers the one the process ended by. */
  kill(signal: NodeJS.Signals): Promise<NodeJS.Signals | null> {
    this.child.kill(signal)
    return this.ended
  }

  /** Ends the process if it is still running, as Ctrl-C would. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) await this.kill('SIGTERM')
  }
}
