import { useCallback, useEffect, useRef, useState } from 'react'
import type { StreamChannel, StreamEvent, StreamRequest, StreamResponse } from '../../../../shared/ipc/contract.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf, type TypedStream } from '../../ipc/client.ts'

export type RunPhase = 'idle' | 'running' | 'done' | 'stopped' | 'failed'

export interface RunState<C extends StreamChannel, P, R> {
  phase: RunPhase
  /** What the events said so far, folded by the mode's reducer. */
  progress: P
  result?: StreamResponse<C>
  error?: ErrorInfo
  /** What the run was started with, e.g. the input text a result's offsets point into. */
  request?: R
}

export interface StreamRun<C extends StreamChannel, P, R> {
  state: RunState<C, P, R>
  start(request: StreamRequest<C>, context: R): void
  stop(): void
}

/**
 * One cancellable run of a stream channel at a time, with its live progress. Leaving the screen
 * stops the run: nobody would see its result.
 */
export function useStreamRun<C extends StreamChannel, P, R>(
  channel: C,
  initial: P,
  fold: (progress: P, events: StreamEvent<C>[]) => P,
): StreamRun<C, P, R> {
  const [state, setState] = useState<RunState<C, P, R>>({ phase: 'idle', progress: initial })
  const active = useRef<TypedStream<C> | undefined>(undefined)

  const start = useCallback(
    (request: StreamRequest<C>, context: R) => {
      active.current?.cancel()
      setState({ phase: 'running', progress: initial, request: context })
      const stream = api.stream(channel, request, (events) => {
        if (active.current === stream) setState((s) => ({ ...s, progress: fold(s.progress, events) }))
      })
      active.current = stream
      stream.result.then(
        (result) => {
          if (active.current !== stream) return
          active.current = undefined
          setState((s) => ({ ...s, phase: 'done', result }))
        },
        (failure: unknown) => {
          if (active.current !== stream) return
          active.current = undefined
          const error = errorInfoOf(failure)
          setState((s) => (error.code === 'CANCELLED' ? { ...s, phase: 'stopped' } : { ...s, phase: 'failed', error }))
        },
      )
    },
    [channel, initial, fold],
  )

  const stop = useCallback(() => active.current?.cancel(), [])
  useEffect(() => () => active.current?.cancel(), [])
  return { state, start, stop }
}
