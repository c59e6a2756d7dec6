import { useLayoutEffect, useState } from 'react'

type Callbacks = Record<string, (...args: never[]) => unknown>

/** Forwards each call to the newest version of the callbacks, which the effect below keeps up to date. */
class CallbackForwarder<T extends Callbacks> {
  private latest: T
  readonly stable: T

  constructor(callbacks: T) {
    this.latest = callbacks
    this.stable = Object.fromEntries(
      Object.keys(callbacks).map((key) => [key, (...args: never[]) => (this.latest[key] as (...a: never[]) => unknown)(...args)]),
    ) as T
  }

  follow(callbacks: T): void {
    this.latest = callbacks
  }
}

/**
 * Callbacks whose identity never changes yet always run the latest render's version, so a memoized
 * child (the conversation list) is not re-rendered for every streamed token just because its
 * handlers were recreated.
 */
export function useStableCallbacks<T extends Callbacks>(callbacks: T): T {
  const [forwarder] = useState(() => new CallbackForwarder(callbacks))
  useLayoutEffect(() => {
    forwarder.follow(callbacks)
  })
  return forwarder.stable
}
