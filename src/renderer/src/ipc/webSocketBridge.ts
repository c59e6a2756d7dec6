import type { Envelope } from '../../../shared/ipc/errors.ts'
import { MAX_MESSAGE_BYTES, type ClientFrame, type RawBridge, type ServerFrame } from '../../../shared/ipc/transport.ts'
import { i18n } from '../i18n/i18n.ts'

interface Pending {
  resolve(envelope: Envelope<unknown>): void
  onEvents?: (events: unknown[]) => void
}

function disconnected(): Envelope<never> {
  return {
    ok: false,
    error: { code: 'DISCONNECTED', message: i18n.t('connection.lost'), hint: i18n.t('connection.lostHint'), retryable: true },
  }
}

/**
 * The web bridge's `window.api`: the same invoke/stream/on over one WebSocket, with request ids
 * instead of MessagePorts. Reconnects with backoff; calls in flight when the socket drops end
 * with DISCONNECTED rather than hanging.
 */
export function createWebSocketBridge(url: string, onReconnect: () => void): RawBridge {
  const pending = new Map<number, Pending>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const encoder = new TextEncoder()
  let nextId = 1
  let socket: WebSocket
  let queue: string[] = []
  let retryMs = 250
  let connectedOnce = false

  function connect(): void {
    socket = new WebSocket(url)
    socket.onopen = () => {
      retryMs = 250
      for (const text of queue) socket.send(text)
      queue = []
      if (connectedOnce) onReconnect()
      connectedOnce = true
    }
    socket.onmessage = (message: MessageEvent<string>) => receive(JSON.parse(message.data) as ServerFrame)
    socket.onclose = () => {
      for (const call of pending.values()) call.resolve(disconnected())
      pending.clear()
      setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, 5_000)
    }
  }

  function receive(frame: ServerFrame): void {
    if (frame.kind === 'broadcast') {
      for (const listener of listeners.get(frame.channel) ?? []) listener(frame.payload)
      return
    }
    const call = pending.get(frame.id)
    if (!call) return
    if (frame.kind === 'events') call.onEvents?.(frame.events)
    else {
      pending.delete(frame.id)
      call.resolve(frame.envelope)
    }
  }

  function send(frame: ClientFrame, call?: Pending): void {
    const text = JSON.stringify(frame)
    if (call && encoder.encode(text).byteLength > MAX_MESSAGE_BYTES) {
      call.resolve({
        ok: false,
        error: { code: 'PAYLOAD_TOO_LARGE', message: i18n.t('connection.tooLarge', { megabytes: MAX_MESSAGE_BYTES / 1024 / 1024 }) },
      })
      return
    }
    if (call) pending.set(frame.id, call)
    if (socket.readyState === WebSocket.OPEN) socket.send(text)
    else queue.push(text)
  }

  connect()

  return {
    invoke: (channel, payload) => new Promise((resolve) => send({ kind: 'invoke', id: nextId++, channel, payload }, { resolve })),
    stream(channel, payload, onEvents) {
      const id = nextId++
      const result = new Promise<Envelope<unknown>>((resolve) => send({ kind: 'stream', id, channel, payload }, { resolve, onEvents }))
      return { result, cancel: () => send({ kind: 'cancel', id }) }
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => set.delete(listener)
    },
  }
}
