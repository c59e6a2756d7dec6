import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  StreamChannel,
  StreamEvent,
  StreamRequest,
  StreamResponse,
} from '../../../shared/ipc/contract.ts'
import type { Envelope, ErrorInfo } from '../../../shared/ipc/errors.ts'
import type { RawBridge } from '../../../shared/ipc/transport.ts'
import { createWebSocketBridge } from './webSocketBridge.ts'

declare global {
  interface Window {
    api?: RawBridge
  }
}

/** A failed call, carrying the envelope's error so screens can show message, hint and fix. */
export class CallError extends Error {
  readonly info: ErrorInfo
  constructor(info: ErrorInfo) {
    super(info.message)
    this.name = 'CallError'
    this.info = info
  }
}

function unwrap<T>(envelope: Envelope<unknown>): T {
  if (envelope.ok) return envelope.data as T
  throw new CallError(envelope.error)
}

const reconnectListeners = new Set<() => void>()

function pickBridge(): RawBridge {
  if (window.api) return window.api
  const token = new URLSearchParams(window.location.search).get('token') ?? ''
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const url = `${scheme}://${window.location.host}/ipc?token=${encodeURIComponent(token)}`
  return createWebSocketBridge(url, () => reconnectListeners.forEach((listener) => listener()))
}

const bridge = pickBridge()

export interface TypedStream<C extends StreamChannel> {
  result: Promise<StreamResponse<C>>
  cancel(): void
}

/** Typed access to main: the contract decides names, payloads and answers. */
export const api = {
  async invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    return unwrap(await bridge.invoke(channel, request))
  },
  stream<C extends StreamChannel>(channel: C, request: StreamRequest<C>, onEvents: (events: StreamEvent<C>[]) => void): TypedStream<C> {
    const handle = bridge.stream(channel, request, (events) => onEvents(events as StreamEvent<C>[]))
    return { result: handle.result.then((envelope) => unwrap<StreamResponse<C>>(envelope)), cancel: handle.cancel }
  },
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void {
    return bridge.on(channel, (payload) => listener(payload as EventPayload<C>))
  },
  /** Called after the web bridge socket comes back, so screens can refresh what they show. */
  onReconnect(listener: () => void): () => void {
    reconnectListeners.add(listener)
    return () => reconnectListeners.delete(listener)
  },
}

export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof CallError) return error.info
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}
