import { useCallback, useEffect, useState } from 'react'
import type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse } from '../../../shared/ipc/contract.ts'
import type { ErrorInfo } from '../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from './client.ts'

export interface Query<T> {
  data: T | undefined
  error: ErrorInfo | undefined
  loading: boolean
  reload(): void
}

/** Calls a channel on mount (and on reload / reconnect) and tracks data, error and loading. */
export function useInvoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Query<InvokeResponse<C>> {
  const [state, setState] = useState<{ data?: InvokeResponse<C>; error?: ErrorInfo; loading: boolean }>({ loading: true })
  const [generation, setGeneration] = useState(0)
  const key = JSON.stringify(request)
  const reload = useCallback(() => setGeneration((g) => g + 1), [])

  useEffect(() => {
    let current = true
    setState((s) => ({ ...s, loading: true }))
    api.invoke(channel, JSON.parse(key) as InvokeRequest<C>).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: errorInfoOf(error), loading: false }),
    )
    return () => {
      current = false
    }
  }, [channel, key, generation])

  useEffect(() => api.onReconnect(reload), [reload])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}

/** The latest payload of a main → renderer event, seeded by an invoke so it is never blank. */
export function useLiveValue<C extends EventChannel & InvokeChannel>(channel: C): EventPayload<C> | undefined {
  const initial = useInvoke(channel, {} as InvokeRequest<C>)
  const [live, setLive] = useState<EventPayload<C>>()
  useEffect(() => api.on(channel, setLive), [channel])
  useEffect(() => setLive(undefined), [initial.data])
  return live ?? (initial.data as EventPayload<C> | undefined)
}
