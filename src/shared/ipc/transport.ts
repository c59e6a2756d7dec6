import type { Envelope } from './errors.ts'

/**
 * The wire under the contract. Electron uses three fixed ipc channel names and a MessagePort per
 * stream; the web bridge multiplexes the same frames over one WebSocket.
 */
export const ELECTRON_INVOKE = 'instruct-desk:invoke'
export const ELECTRON_STREAM = 'instruct-desk:stream'
export const ELECTRON_EVENT = 'instruct-desk:event'

/** Largest single IPC message accepted by either host. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024

/** Frames main sends down a stream's port or socket. */
export type StreamFrame = { kind: 'events'; events: unknown[] } | { kind: 'end'; envelope: Envelope<unknown> }

/** What the renderer sees of a running stream. */
export interface StreamHandle<R = unknown> {
  result: Promise<Envelope<R>>
  cancel(): void
}

/** The untyped surface both hosts provide to the renderer (`window.api` in Electron). */
export interface RawBridge {
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>>
  stream(channel: string, payload: unknown, onEvents: (events: unknown[]) => void): StreamHandle
  on(channel: string, listener: (payload: unknown) => void): () => void
}

/** Messages on the web bridge socket, client → server. */
export type ClientFrame =
  | { kind: 'invoke'; id: number; channel: string; payload: unknown }
  | { kind: 'stream'; id: number; channel: string; payload: unknown }
  | { kind: 'cancel'; id: number }

/** Messages on the web bridge socket, server → client. */
export type ServerFrame =
  | { kind: 'result'; id: number; envelope: Envelope<unknown> }
  | ({ id: number } & StreamFrame)
  | { kind: 'broadcast'; channel: string; payload: unknown }
