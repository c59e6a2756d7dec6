import type { WebSocket } from 'ws'
import type { ServerFrame } from '../../shared/ipc/transport.ts'
import type { Router, Sender } from '../ipc/router.ts'
import { parseClientFrame } from './clientFrame.ts'

/** One browser tab's socket: answers its frames through the router and owns its streams. */
export class BridgeConnection {
  private readonly streams = new Map<number, AbortController>()
  private readonly ws: WebSocket
  private readonly router: Router
  private readonly sender: Sender

  constructor(ws: WebSocket, router: Router, sender: Sender) {
    this.ws = ws
    this.router = router
    this.sender = sender
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.reject(null, 'Binary frames are not accepted.')
      void this.handle(data.toString())
    })
    ws.on('close', () => this.abortAll())
    ws.on('error', () => this.abortAll())
  }

  send(frame: ServerFrame): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame))
  }

  close(): void {
    this.abortAll()
    this.ws.close(1001, 'Server shutting down')
  }

  private reject(id: number | null, message: string): void {
    this.send({ kind: 'result', id: id ?? -1, envelope: { ok: false, error: { code: 'BAD_REQUEST', message } } })
  }

  private abortAll(): void {
    for (const controller of this.streams.values()) controller.abort()
    this.streams.clear()
  }

  private async handle(text: string): Promise<void> {
    const parsed = parseClientFrame(text)
    if (!parsed.ok) return this.reject(parsed.id, parsed.message)
    const frame = parsed.frame
    if (frame.kind === 'cancel') {
      this.streams.get(frame.id)?.abort()
      return
    }
    if (frame.kind === 'invoke') {
      const envelope = await this.router.invoke(frame.channel, frame.payload, this.sender)
      return this.send({ kind: 'result', id: frame.id, envelope })
    }
    if (this.streams.has(frame.id)) return this.reject(frame.id, `Stream id ${frame.id} is already in use.`)
    const controller = new AbortController()
    this.streams.set(frame.id, controller)
    const envelope = await this.router.stream(frame.channel, frame.payload, this.sender, {
      signal: controller.signal,
      events: (events) => this.send({ kind: 'events', id: frame.id, events }),
    })
    this.streams.delete(frame.id)
    this.send({ kind: 'end', id: frame.id, envelope })
  }
}
