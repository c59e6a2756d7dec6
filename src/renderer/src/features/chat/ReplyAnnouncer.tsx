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
 * region: the virtualizer adds rows as they scroll into view, and a streaming reply changes twenty
 * times a second, so a live transcript would read out old messages on scroll and fragments of the
 * new one while it streams. Mount one per conversation (key it by id): what ended before it was
 * mounted is not news.
 */
export function ReplyAnnouncer({
  ended,
  reply,
  busy,
}: {
  ended: { count: number } | undefined
  reply: StoredMessage | undefined
  busy: boolean
}) {
  const { t } = useTranslation('chat')
  const [seen, setSeen] = useState({ count: ended?.count, busy })
  const [announcement, setAnnouncement] = useState('')
  // Adjusted while rendering (React's pattern for following a prop): another reply has ended, or a
  // new one starts (the last announcement is old news then).
  if (ended?.count !== seen.count || busy !== seen.busy) {
    setSeen({ count: ended?.count, busy })
    if (ended?.count !== seen.count) setAnnouncement(reply?.role === 'assistant' ? announcementFor(reply, t) : '')
    else if (busy) setAnnouncement('')
  }
  return (
    <p className="visually-hidden" role="status">
      {announcement}
    </p>
  )
}
