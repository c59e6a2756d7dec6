// The far side of the pull and chat benches, run as a child process (see peerProcess.ts): the fake
// Ollama, and a renderer stand-in that counts the pull broadcasts the web bridge delivers to its
// socket. Ollama is a process of its own: here the fake's pace does not depend on how busy the app's
// event loop is, and the bench's process.cpuUsage() counts the app's work only.
import WebSocket from 'ws'
import type { PullJob } from '../src/shared/domain/pull.ts'
import type { ServerFrame } from '../src/shared/ipc/transport.ts'
import { WEB_SOCKET_PATH } from '../src/main/web/WebBridge.ts'
import { FakeOllama, type FakeOllamaOptions } from '../tests/support/fakeOllama.ts'

export type PeerRequest =
  /** Replaces the fake with a fresh one (so the next pull starts from zero bytes on the fake's disk). */
  | { type: 'fake'; options: FakeOllamaOptions }
  /** The text the fake streams as the next chat replies. */
  | { type: 'reply'; text: string }
  /** Connects a socket to the web bridge, as a browser tab would, and starts counting pull broadcasts. */
  | { type: 'watch'; port: number; token: string }
  /** Waits for the broadcast that ends the pull, then closes the socket and reports. */
  | { type: 'collect' }
  | { type: 'exit' }

export type PeerReply =
  | { type: 'fake'; host: string }
  | { type: 'replying' }
  | { type: 'watching' }
  /** Every models:pullProgress broadcast that arrived, timed on this process's clock. */
  | { type: 'collected'; arrivals: Arrival[]; last: PullJob | undefined }
  | { type: 'error'; message: string }

export interface Arrival {
  atMs: number
  state: PullJob['state']
}

const FINAL_STATES = new Set(['done', 'failed', 'cancelled'])

let fake: FakeOllama | undefined
let socket: WebSocket | undefined
let arrivals: Arrival[] = []
let last: PullJob | undefined
let ended: (() => void) | undefined
let endedAlready = false

function reply(message: PeerReply): void {
  process.send?.(message)
}

async function handle(request: PeerRequest): Promise<void> {
  if (request.type === 'fake') {
    await fake?.stop()
    fake = await new FakeOllama(request.options).start()
    return reply({ type: 'fake', host: fake.host })
  }
  if (request.type === 'reply') {
    if (!fake) throw new Error('No fake to reply with: ask for one first.')
    fake.reply = request.text
    return reply({ type: 'replying' })
  }
  if (request.type === 'watch') {
    arrivals = []
    last = undefined
    endedAlready = false
    const origin = `http://127.0.0.1:${request.port}`
    const ws = new WebSocket(`ws://127.0.0.1:${request.port}${WEB_SOCKET_PATH}?token=${request.token}`, { origin })
    socket = ws
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame
      if (frame.kind !== 'broadcast' || frame.channel !== 'models:pullProgress') return
      last = frame.payload as PullJob
      arrivals.push({ atMs: performance.now(), state: last.state })
      if (FINAL_STATES.has(last.state)) {
        endedAlready = true
        ended?.()
      }
    })
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    return reply({ type: 'watching' })
  }
  if (request.type === 'collect') {
    if (!endedAlready) await new Promise<void>((resolve) => (ended = resolve))
    ended = undefined
    socket?.close()
    socket = undefined
    return reply({ type: 'collected', arrivals, last })
  }
  socket?.close()
  await fake?.stop()
  process.disconnect?.()
}

process.on('message', (request: PeerRequest) => {
  handle(request).catch((error: unknown) => reply({ type: 'error', message: String(error) }))
})
// Without the IPC channel (the bench died) there is nobody to serve.
process.on('disconnect', () => process.exit(0))
