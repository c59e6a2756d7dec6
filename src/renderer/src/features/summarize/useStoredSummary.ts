import { useCallback, useEffect, useState } from 'react'
import type { StoredSummary } from '../../../../shared/domain/summaryJobs.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf } from '../../ipc/client.ts'

type Loaded = { id: string; summary: StoredSummary } | { id: string; error: ErrorInfo }

/** The stored summary with this id, fetched whenever the id (or a reload) asks for it. */
export function useStoredSummary(id: string | undefined) {
  const [loaded, setLoaded] = useState<Loaded>()
  const [generation, setGeneration] = useState(0)
  const reload = useCallback(() => setGeneration((g) => g + 1), [])

  useEffect(() => {
    if (!id) return
    let current = true
    api.invoke('summaries:get', { id }).then(
      (summary) => current && setLoaded({ id, summary }),
      (error: unknown) => current && setLoaded({ id, error: errorInfoOf(error) }),
    )
    return () => {
      current = false
    }
  }, [id, generation])

  // An answer for another id is stale: the one asked for is still on its way.
  const mine = loaded && loaded.id === id ? loaded : undefined
  return {
    summary: mine && 'summary' in mine ? mine.summary : undefined,
    error: mine && 'error' in mine ? mine.error : undefined,
    reload,
  }
}
