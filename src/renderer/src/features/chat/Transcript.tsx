import { useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { StoredMessage } from '../../../../shared/domain/conversation.ts'
import { siblingsOf } from './conversationTree.ts'
import { MessageView, type MessageActions } from './MessageView.tsx'

/**
 * Below this many messages every row is rendered (the virtualizer still positions them, so scrolling
 * works the same way): a short chat keeps all its articles for find-in-page and screen readers, and
 * virtualization only starts where the DOM would otherwise grow without bound.
 */
export const RENDER_ALL_BELOW = 50
/** A guess for rows not measured yet; real heights replace it as rows render (measureElement). */
const ESTIMATED_ROW_PX = 120
/** Rows rendered beyond each edge of the viewport, so a quick scroll does not show blank space. */
const OVERSCAN = 6
/** Matches the gap between rows in styles.css; the virtualizer adds it between its positions. */
const ROW_GAP_PX = 12
/** Closer than this to the end counts as "at the end": the transcript follows a streaming reply. */
const STICK_PX = 48

/** From the virtualizer's own measurements, without reading the layout back. */
function distanceFromEnd(virtualizer: Virtualizer<HTMLDivElement, Element>): number {
  return virtualizer.getTotalSize() - (virtualizer.scrollOffset ?? 0) - (virtualizer.scrollRect?.height ?? 0)
}

function renderAll(range: Range): number[] {
  return Array.from({ length: range.count }, (_, i) => i)
}

/**
 * The thread as a virtual list (TanStack Virtual): only the rows near the viewport are in the DOM,
 * so opening a conversation of thousands of messages costs about as much as opening a short one.
 * It follows the end while a reply streams unless the user scrolled away from it, and brings
 * `focusId` (a search hit) into view even when its row was not rendered. Mount one per
 * conversation (key it by the conversation's id): it starts at the end of the thread. Memoized: typing
 * in the composer re-renders the screen, not the thread.
 */
export const Transcript = memo(function Transcript({
  thread,
  messages,
  actions,
  focusId,
}: {
  thread: StoredMessage[]
  /** The whole conversation, every branch: what a message's version switcher counts. */
  messages: readonly StoredMessage[] | undefined
  actions: MessageActions
  focusId: string | undefined
}) {
  const { t } = useTranslation('chat')
  const scrollRef = useRef<HTMLDivElement>(null)
  const getItemKey = useCallback((index: number) => thread[index]?.id ?? index, [thread])
  // The virtualizer keeps mutable state and hands back the same instance: the compiler must not memoize around it.
  const virtualizer = useVirtualizer({
    count: thread.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey,
    overscan: OVERSCAN,
    gap: ROW_GAP_PX,
    paddingStart: 4,
    paddingEnd: 12,
    rangeExtractor: thread.length < RENDER_ALL_BELOW ? renderAll : undefined,
    // Chat behaviour: while the view is at the end, a growing reply and new messages keep it there;
    // once the user scrolls up, rows growing below leave the view alone.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: STICK_PX,
    // The first render already lays out the last rows, so opening a long thread renders no page of
    // rows from its start on the way to the end.
    initialOffset: () => Number.MAX_SAFE_INTEGER,
    // React 19 warns about flushSync from inside effects; a regular re-render is soon enough.
    useFlushSync: false,
  })

  const focusIndex = focusId ? thread.findIndex((m) => m.id === focusId) : -1
  const focusRef = useRef(focusIndex)
  useEffect(() => {
    focusRef.current = focusIndex
  }, [focusIndex])

  // Open at the end, before the first paint, unless a search hit is to be shown instead.
  useLayoutEffect(() => {
    if (focusRef.current === -1) virtualizer.scrollToEnd()
  }, [virtualizer])

  // A search hit: scrollToIndex works for rows that are not rendered (querySelector would not).
  useEffect(() => {
    if (focusIndex !== -1) virtualizer.scrollToIndex(focusIndex, { align: 'center' })
  }, [focusIndex, virtualizer])

  // Sending a message (or an edit) means the user wants to see the answer: back to the end even if
  // they had scrolled up. A user message newly at the end of the thread is that signal. Already at
  // the end (a new chat, or following), the list keeps it there by itself; a scroll command would
  // make the virtualizer read the layout back on every row it measures until the scroll lands.
  const newestUserId = thread.slice(-2).findLast((m) => m.role === 'user')?.id
  const seenUserId = useRef(newestUserId)
  useEffect(() => {
    if (newestUserId === seenUserId.current) return
    seenUserId.current = newestUserId
    if (newestUserId && distanceFromEnd(virtualizer) > STICK_PX) virtualizer.scrollToEnd()
  }, [newestUserId, virtualizer])

  const items = virtualizer.getVirtualItems()
  return (
    <div className="transcript transcript-virtual" role="region" aria-label={t('transcript.label')} ref={scrollRef}>
      {thread.length === 0 ? (
        <p className="muted empty-chat">{t('transcript.empty')}</p>
      ) : (
        <div className="transcript-space" style={{ height: virtualizer.getTotalSize() }}>
          <div className="transcript-rows" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
            {items.map((item) => {
              const message = thread[item.index]
              if (!message) return null
              const isLast = item.index === thread.length - 1
              return (
                <div
                  key={item.key}
                  className="transcript-row"
                  data-index={item.index}
                  data-last={isLast || undefined}
                  ref={virtualizer.measureElement}
                >
                  <MessageView
                    last={isLast}
                    message={message}
                    siblings={messages ? siblingsOf(messages, message) : [message]}
                    actions={actions}
                  />
                </div>
              )
            })}
          </div>
        </div>
      )}
    </div>
  )
})
