import type { StoredMessage } from '../../../../shared/domain/conversation.ts'
import { MarkdownView } from './markdown/MarkdownView.tsx'

/** The message's text: replies are Markdown (rendered as they stream), the user's words are shown as typed. */
export function MessageContent({ message }: { message: StoredMessage }) {
  if (!message.content && message.state === 'streaming') return <div className="turn-text muted">…</div>
  if (message.role === 'user') return <div className="turn-text">{message.content}</div>
  return <MarkdownView source={message.content} streaming={message.state === 'streaming'} className="turn-markdown" />
}
