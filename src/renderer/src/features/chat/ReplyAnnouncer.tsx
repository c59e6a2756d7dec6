import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StoredMessage } from '../../../../shared/domain/conversation.ts'

/** A reply up to this long is read out whole when it ends; a longer one by its length. */
const READ_OUT_CHARS = 400

function announcementFor(reply: StoredMessage, t: TFunction<'chat'>): string {
  // A failed reply shows its error as an alert, which is read out already.
  if (reply.state === 'failed') return ''
  if (reply.state === 'stopped') return t('message.stopped')
  if (reply.state === 'interrupted') return t('message.interrupted')
  if (reply.content.length <= READ_OUT_CHARS) return t('transcript.finished', { text: reply.content })
  return t('transcript.finishedLong', { count: reply.content.split(/\s+/).filter(Boolean).length })
}

/**
 * What a screen reader hears when a reply in this chat ends. The transcript itself is no live
 * region: the virtualizer adds rows as they scroll into view, and a streaming reply changes thirty
 * times a second, so a live transcript would read out old messages on scroll and fragments of the
 * new one while it streams.
 */
/** Changes when the last message does: another message, or the same one continued or ended. */
function signature(message: StoredMessage | undefined): string {
  return message ? `${message.id}:${message.state}:${message.content.length}` : ''
}

export function ReplyAnnouncer({
  conversationId,
  busy,
  last,
}: {
  conversationId: string | undefined
  busy: boolean
  last: StoredMessage | undefined
}) {
  const { t } = useTranslation('chat')
  const [seen, setSeen] = useState({ conversationId, busy, before: signature(last) })
  const [announcement, setAnnouncement] = useState('')
  // Adjusted while rendering (React's pattern for following a prop): this chat was replying at the
  // last render and no longer is, and its last message changed meanwhile (a send refused before
  // anything was stored leaves the previous reply last, which did not just end). Switching chats is
  // not a reply ending.
  if (seen.conversationId !== conversationId || seen.busy !== busy) {
    setSeen({ conversationId, busy, before: busy ? signature(last) : seen.before })
    const ended = seen.conversationId === conversationId && seen.busy && !busy && signature(last) !== seen.before
    setAnnouncement(ended && last?.role === 'assistant' ? announcementFor(last, t) : '')
  }
  return (
    <p className="visually-hidden" role="status">
      {announcement}
    </p>
  )
}
