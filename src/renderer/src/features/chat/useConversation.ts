import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ChatReplyAction } from '../../../../shared/domain/chatReply.ts'
import { activePath, type Conversation, type StoredMessage } from '../../../../shared/domain/conversation.ts'
import type { InvokeRequest } from '../../../../shared/ipc/contract.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { api, errorInfoOf, type TypedStream } from '../../ipc/client.ts'
import { latestLeaf, showsTheSame, upsertMessage, withPendingReply } from './conversationTree.ts'

type ReplyRequest = ChatReplyAction extends infer A ? (A extends ChatReplyAction ? Omit<A, 'conversationId'> : never) : never

/**
 * One stored conversation, live: replies stream into it, every change is already saved by main,
 * and after an error the conversation is read back so the screen shows exactly what was kept.
 */
export function useConversation(id: string | undefined, onChanged: () => void, onMissing: () => void) {
  // Kept with the id they belong to, so switching conversations never shows the previous one's state.
  const [loaded, setLoaded] = useState<{ id: string; conversation: Conversation }>()
  const [failure, setFailure] = useState<{ id: string; load?: ErrorInfo; notice?: ErrorInfo }>()
  /** Replies streaming now, by conversation: each chat has its own Stop, and one chat's reply never blocks another's. */
  const active = useRef(new Map<string, TypedStream<'chat:reply'>>())
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set())
  /** Why a reply has not started yet (Ollama's queue is full), while that lasts, by conversation. */
  const [waitingBy, setWaitingBy] = useState<ReadonlyMap<string, string>>(new Map())
  /** The reply that ended last, and how many have ended: what a screen reader is told. */
  const [ended, setEnded] = useState<{ conversationId: string; messageId: string; count: number }>()
  /** The last message deleted (with `count` messages in all, its replies included), while Undo can put it back. */
  const [deleted, setDeleted] = useState<{ conversationId: string; id: string; count: number }>()
  const conversation = loaded && loaded.id === id ? loaded.conversation : undefined
  const mine = failure && failure.id === id ? failure : undefined

  const setConversation = useCallback(
    (change: (current: Conversation | undefined) => Conversation | undefined) =>
      setLoaded((current) => {
        const next = change(current && current.id === id ? current.conversation : undefined)
        return next && id ? { id, conversation: next } : current
      }),
    [id],
  )
  /** A failure that belongs to no message (the prompt did not fit, the conversation vanished). */
  const setNotice = useCallback((notice: ErrorInfo | undefined) => id && setFailure({ id, notice }), [id])

  const loadFailed = useCallback(
    (error: unknown) => {
      if (!id) return
      const info = errorInfoOf(error)
      // Deleted elsewhere (another window, the CLI): let the screen move on.
      if (info.code === 'BAD_REQUEST') onMissing()
      else setFailure({ id, load: info })
    },
    [id, onMissing],
  )

  // The conversation on screen now: a reply that ends after the user switched away must not replace it.
  const shown = useRef(id)
  useEffect(() => {
    shown.current = id
  }, [id])

  const reload = useCallback(async (): Promise<void> => {
    if (!id) return
    await api.invoke('conversations:get', { id }).then((fresh) => {
      if (shown.current === id) setLoaded({ id, conversation: fresh })
    }, loadFailed)
  }, [id, loadFailed])

  // Opening uses the same read: a late answer for a chat the user already left never replaces the one on screen.
  useEffect(() => {
    void reload()
  }, [reload])

  const reply = useCallback(
    /** Resolves whether main stored the message: when it did not (it was refused first), the caller still holds the text. */
    async (request: ReplyRequest): Promise<boolean> => {
      if (!id || active.current.has(id)) return false
      setNotice(undefined)
      // Main forgets the last delete once its chat gets a new message; so does the Undo offer.
      setDeleted((last) => (last?.conversationId === id ? undefined : last))
      setBusyIds((ids) => new Set(ids).add(id))
      const setWaiting = (text: string | undefined): void =>
        setWaitingBy((current) => {
          if (current.get(id) === text) return current
          const next = new Map(current)
          if (text === undefined) next.delete(id)
          else next.set(id, text)
          return next
        })
      let streamingId: string | undefined
      let stored = false
      // A plain message is drawn before main answers (examples and images go through main first).
      const pending =
        request.kind === 'send' && !request.examples && !request.images
          ? { ids: { user: crypto.randomUUID(), reply: crypto.randomUUID() }, text: request.text.trim() }
          : undefined
      const action = { ...request, ...(pending && { ids: pending.ids }), conversationId: id } as ChatReplyAction
      const stream = api.stream('chat:reply', action, (events) => {
        if (events.some((e) => e.type === 'message')) stored = true
        const status = events.findLast((e) => e.type === 'status')
        if (status) setWaiting(status.text)
        if (events.some((e) => e.type === 'token' || e.type === 'thinking')) setWaiting(undefined)
        setConversation((current) => {
          let next = current
          // A batch carries dozens of tokens: the reply is copied once with all of them, not once per token.
          let text = ''
          let thinking = ''
          const addText = (): void => {
            const target = (text || thinking) && next?.messages.find((m) => m.id === streamingId)
            if (next && target) {
              const reasoned = thinking ? { thinking: (target.thinking ?? '') + thinking } : {}
              next = upsertMessage(next, { ...target, ...reasoned, content: target.content + text })
            }
            text = ''
            thinking = ''
          }
          for (const event of events) {
            if (event.type === 'message') {
              addText()
              streamingId = event.message.state === 'streaming' ? event.message.id : streamingId
              const shown = next?.messages.find((m) => m.id === event.message.id)
              const message = shown && showsTheSame(shown, event.message) ? shown : event.message
              if (next) next = { ...upsertMessage(next, message), activeLeafId: message.id }
            } else if (event.type === 'token') {
              text += event.text
            } else if (event.type === 'thinking') {
              thinking += event.text
            }
          }
          addText()
          return next
        })
      })
      active.current.set(id, stream)
      if (pending) setConversation((current) => current && withPendingReply(current, pending.ids, pending.text))
      try {
        const final = await stream.result
        setConversation((current) => (current ? upsertMessage(current, final) : current))
      } catch (failure) {
        const error = errorInfoOf(failure)
        // The reply's own failure is saved on its message; anything else is shown above the composer.
        if (!streamingId && error.code !== 'CANCELLED') setNotice(error)
      } finally {
        // Read back what main stored (final states, the title the first message gave the conversation);
        // a message refused before it was stored leaves the thread here.
        await reload()
        if (streamingId) {
          const messageId = streamingId
          setEnded((last) => ({ conversationId: id, messageId, count: (last?.count ?? 0) + 1 }))
        }
        active.current.delete(id)
        setWaiting(undefined)
        setBusyIds((ids) => {
          const next = new Set(ids)
          next.delete(id)
          return next
        })
        onChanged()
      }
      return stored
    },
    [id, reload, onChanged, setConversation, setNotice],
  )

  const update = useCallback(
    async (patch: Omit<InvokeRequest<'conversations:update'>, 'id'>): Promise<void> => {
      if (!id) return
      const updated = await api.invoke('conversations:update', { id, ...patch })
      setConversation(() => updated)
      onChanged()
    },
    [id, onChanged, setConversation],
  )

  const showVersion = useCallback(
    (message: StoredMessage) => {
      if (!conversation) return
      void update({ activeLeafId: latestLeaf(conversation.messages, message).id })
    },
    [conversation, update],
  )

  const deleteMessage = useCallback(
    async (messageId: string) => {
      if (!id) return
      const updated = await api.invoke('messages:delete', { conversationId: id, id: messageId })
      setDeleted({ conversationId: id, id: messageId, count: (conversation?.messageCount ?? 0) - updated.messageCount })
      setConversation(() => updated)
      onChanged()
    },
    [id, conversation, onChanged, setConversation],
  )

  const restoreMessage = useCallback(async () => {
    if (!id || deleted?.conversationId !== id) return
    setDeleted(undefined)
    const restored = await api.invoke('messages:restore', { conversationId: id, id: deleted.id })
    setConversation(() => restored)
    onChanged()
  }, [id, deleted, onChanged, setConversation])

  const thread = useMemo(() => (conversation ? activePath(conversation.messages, conversation.activeLeafId) : []), [conversation])
  return {
    conversation,
    thread,
    loadError: mine?.load,
    notice: mine?.notice,
    busy: id !== undefined && busyIds.has(id),
    waiting: id === undefined ? undefined : waitingBy.get(id),
    reload,
    reply,
    stop: () => {
      if (id) active.current.get(id)?.cancel()
    },
    update,
    showVersion,
    deleteMessage,
    deletedMessages: deleted && deleted.conversationId === id ? deleted.count : 0,
    endedReply: ended && ended.conversationId === id ? ended : undefined,
    restoreMessage,
    dismissNotice: () => setNotice(undefined),
  }
}
