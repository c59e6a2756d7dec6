import { useEffect, useState } from 'react'
import { useInvoke } from '../../ipc/hooks.ts'

/** Earlier summaries, newest first, searched by main while a query is typed. */
export function useSummaryHistory() {
  const [query, setQuery] = useState('')
  const [searched, setSearched] = useState('')
  const text = query.trim()

  useEffect(() => {
    // A short pause so each keystroke does not start a search of its own.
    const timer = setTimeout(() => setSearched(text), 150)
    return () => clearTimeout(timer)
  }, [text])

  const list = useInvoke('summaries:list', searched ? { query: searched } : {})
  return { items: list.data, error: list.error, reload: list.reload, query, setQuery, searching: searched !== '' }
}
