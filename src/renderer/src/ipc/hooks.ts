import { useCallback, useEffect, useState } from 'react'
import type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse } from '../../../shared/ipc/contract.ts'
import type { ErrorInfo } from '../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from './client.ts'

export interface Query<T> {
  data: T | undefined
  error: ErrorInfo | undefined
  loading: boolean
  /** When the latest answer arrived (ms since epoch), to order it against pushed events. */
  receivedAt: number
  reload(): void
}

interface QueryState<T> {
  data?: T
  error?: ErrorInfo
  loading: boolean
  receivedAt: number
}

/** Calls a channel on mount (and on reload / reconnect) and tracks data, error and loading. */
export function useInvoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Query<InvokeResponse<C>> {
  const [state, setState] = useState<QueryState<InvokeResponse<C>>>({ loading: true, receivedAt: 0 })
  const [generation, setGeneration] = useState(0)
  const key = JSON.stringify(request)
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }))
    setGeneration((g) => g + 1)
  }, [])

  useEffect(() => {
    let current = true
    api.invoke(channel, JSON.parse(key) as InvokeRequest<C>).then(
      (data) => current && setState({ data, loading: false, receivedAt: Date.now() }),
      (error: unknown) => current && setState({ error: errorInfoOf(error), loading: false, receivedAt: Date.now() }),
    )
    return () => {
      current = false
    }
  }, [channel, key, generation])

  useEffect(() => api.onReconnect(reload), [reload])
  return { data: state.data, error: state.error, loading: state.loading, receivedAt: state.receivedAt, reload }
}

/** The latest value of a main → renderer event, seeded by an invoke of the same name. */
export function useLiveValue<C extends EventChannel & InvokeChannel>(channel: C): EventPayload<C> | undefined {
  const initial = useInvoke(channel, {} as InvokeRequest<C>)
  const [live, setLive] = useState<{ payload: EventPayload<C>; at: number }>()
  useEffect(() => api.on(channel, (payload) => setLive({ payload, at: Date.now() })), [channel])
  if (live && live.at >= initial.receivedAt) return live.payload
  return initial.data as EventPayload<C> | undefined
}
