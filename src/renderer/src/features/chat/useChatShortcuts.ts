import { useEffect } from 'react'
import { useHandoff } from '../../ui/navigation.ts'

export interface ChatShortcutActions {
  newChat(): void
  stop(): void
  busy: boolean
}

/** Where a shortcut sends the keyboard: the conversation search or the message box. */
function focus(selector: string): void {
  document.querySelector<HTMLElement>(selector)?.focus()
}

/**
 * The chat's keyboard commands: Ctrl/⌘+N, K and L arrive as handoffs from the app shell (they work
 * from any screen), and Esc stops a streaming reply when nothing else — a dialog, an edit — claims it.
 */
export function useChatShortcuts({ newChat, stop, busy }: ChatShortcutActions): void {
  const { handoff, taken } = useHandoff('chat-command')
  useEffect(() => {
    if (!handoff) return
    taken()
    if (handoff.command === 'new') newChat()
    else if (handoff.command === 'search') focus('#conversation-search')
    else focus('.composer textarea')
  }, [handoff, taken, newChat])

  useEffect(() => {
    if (!busy) return
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return
      event.preventDefault()
      stop()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [busy, stop])
}
