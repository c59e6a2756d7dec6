import { useCallback, useRef, useState } from 'react'
import { DEFAULT_NUM_CTX, DEFAULT_SYSTEM_PROMPT, type ChatMessage, type ChatResult } from '../../../../shared/domain/chat.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf, type TypedStream } from '../../ipc/client.ts'

export interface Turn extends ChatMessage {
  id: number
  state: 'done' | 'streaming' | 'stopped' | 'failed'
  error?: ErrorInfo
  stats?: ChatResult
}

/**
 * One conversation in memory: sends the whole history, appends streamed tokens to the last
 * turn, and keeps whatever arrived when the reply is stopped or fails.
 */
export function useChat(model: string) {
  const [turns, setTurns] = useState<Turn[]>([])
  const active = useRef<TypedStream<'chat:send'> | undefined>(undefined)
  const nextId = useRef(1)

  const update = (id: number, change: (turn: Turn) => Turn): void => setTurns((all) => all.map((t) => (t.id === id ? change(t) : t)))

  const send = useCallback(
    async (text: string) => {
      const user: Turn = { id: nextId.current++, role: 'user', content: text, state: 'done' }
      const reply: Turn = { id: nextId.current++, role: 'assistant', content: '', state: 'streaming' }
      const history = [...turns.filter((t) => t.content !== ''), user].map(({ role, content }) => ({ role, content }))
      setTurns((all) => [...all, user, reply])
      const stream = api.stream(
        'chat:send',
        { model, messages: [{ role: 'system', content: DEFAULT_SYSTEM_PROMPT }, ...history], options: { num_ctx: DEFAULT_NUM_CTX } },
        (events) => {
          const text = events.map((e) => e.text).join('')
          update(reply.id, (t) => ({ ...t, content: t.content + text }))
        },
      )
      active.current = stream
      try {
        const stats = await stream.result
        update(reply.id, (t) => ({ ...t, content: stats.content, state: 'done', stats }))
      } catch (failure) {
        const error = errorInfoOf(failure)
        update(reply.id, (t) => (error.code === 'CANCELLED' ? { ...t, state: 'stopped' } : { ...t, state: 'failed', error }))
      } finally {
        active.current = undefined
      }
    },
    [model, turns],
  )

  const stop = useCallback(() => active.current?.cancel(), [])
  const clear = useCallback(() => setTurns([]), [])
  const busy = turns.some((t) => t.state === 'streaming')
  return { turns, send, stop, clear, busy }
}
