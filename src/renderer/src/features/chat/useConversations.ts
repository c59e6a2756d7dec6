import { useEffect, useState } from 'react'
import type { ConversationSummary, SearchHit } from '../../../../shared/domain/conversation.ts'
import { api } from '../../ipc/client.ts'
import { useInvoke } from '../../ipc/hooks.ts'

/** The conversation list, and search across every stored message while a query is typed. */
export function useConversations() {
  const list = useInvoke('conversations:list', {})
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<{ query: string; hits: SearchHit[] }>()
  const text = query.trim()

  useEffect(() => {
    if (!text) return
    let current = true
    // A short pause so each keystroke does not start a search of its own.
    const timer = setTimeout(() => {
      void api.invoke('conversations:search', { query: text }).then(
        (hits) => current && setFound({ query: text, hits }),
        () => current && setFound({ query: text, hits: [] }),
      )
    }, 120)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [text])

  // While a new query is being searched, the previous results stay rather than flashing empty.
  const hits = text ? (found?.hits ?? []) : undefined
  const conversations: ConversationSummary[] = list.data ?? []
  return { conversations, error: list.error, loading: list.loading, reload: list.reload, query, setQuery, hits }
}
