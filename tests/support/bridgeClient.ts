import type { Envelope } from '../../src/shared/ipc/errors.ts'
import type { ServerFrame } from '../../src/shared/ipc/transport.ts'
import type { WebBridge } from '../../src/main/web/WebBridge.ts'
import { BridgeSocket } from './bridgeHarness.ts'

/** A stream's events as they arrive, with the time (performance.now()) they reached the client. */
export type EventsListener = (events: unknown[], at: number) => void

interface PendingCall {
  resolve: (envelope: Envelope<unknown>) => void
  onEvents?: EventsListener
}

/**
 * Calls over the bridge socket as the renderer makes them: numbered invokes and streams, each
 * answered as its frame arrives, so a hundred calls on one socket cost no more than one each.
 */
export class BridgeClient {
  readonly socket: BridgeSocket
  private nextId = 1
  private readonly pending = new Map<number, PendingCall>()

  constructor(socket: BridgeSocket) {
    this.socket = socket
    // Registered after the socket's own listener, so the frame that just arrived is its last one.
    socket.ws.on('message', () => this.dispatch(socket.frames.at(-1), performance.now()))
    // A host that died answers nothing more: its calls end rather than hang the test.
    socket.ws.on('close', () => {
      for (const call of this.pending.values()) call.resolve({ ok: false, error: { code: 'DISCONNECTED', message: 'The socket closed.' } })
      this.pending.clear()
    })
  }

  static async connect(bridge: Pick<WebBridge, 'port' | 'token'>): Promise<BridgeClient> {
    const socket = new BridgeSocket(bridge)
    await socket.opened()
    return new BridgeClient(socket)
  }

  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    return this.call('invoke', channel, payload)
  }

  /** The answer of a call that has to succeed for the test to go on. */
  async data<T>(channel: string, payload: unknown): Promise<T> {
    const envelope = await this.invoke(channel, payload)
    if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code}: ${envelope.error.message}`)
    return envelope.data as T
  }

  /** Resolves with the stream's end envelope. */
  stream(channel: string, payload: unknown, onEvents?: EventsListener): Promise<Envelope<unknown>> {
    return this.call('stream', channel, payload, onEvents)
  }

  close(): void {
    this.socket.close()
  }

  private call(kind: 'invoke' | 'stream', channel: string, payload: unknown, onEvents?: EventsListener): Promise<Envelope<unknown>> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onEvents })
      this.socket.send({ kind, id, channel, payload })
    })
  }

  private dispatch(frame: ServerFrame | undefined, at: number): void {
    if (!frame || frame.kind === 'broadcast') return
    const call = this.pending.get(frame.id)
    if (!call) return
    if (frame.kind === 'events') return call.onEvents?.(frame.events, at)
    this.pending.delete(frame.id)
    call.resolve(frame.envelope)
  }
}
