import type { EventChannel, EventPayload } from '../../shared/ipc/contract.ts'

type Listener = (channel: EventChannel, payload: unknown) => void

/** Fan-out of main → renderer events; each host subscribes once and forwards to its windows. */
export class EventHub {
  private readonly listeners = new Set<Listener>()

  publish<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    for (const listener of this.listeners) listener(channel, payload)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
