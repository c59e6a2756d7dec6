import { memo, useState, type FormEvent } from 'react'
import type { StoredMessage } from '../../../../shared/domain/conversation.ts'
import { copyText } from '../../ui/copyText.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { ActionIcon } from '../../ui/Icon.tsx'
import { useNavigation } from '../../ui/navigation.ts'
import { StoredImages } from './images/StoredImages.tsx'
import { MessageContent } from './MessageContent.tsx'

export interface MessageActions {
  busy: boolean
  /** The conversation's model, for the offer to pull it when it is missing. */
  model: string
  onEdit(message: StoredMessage, text: string): void
  onRegenerate(message: StoredMessage): void
  onContinue(message: StoredMessage): void
  onDelete(message: StoredMessage): void
  onShowVersion(message: StoredMessage): void
  onPullModel(model: string): void
}

function Versions({
  message,
  siblings,
  onShow,
}: {
  message: StoredMessage
  siblings: StoredMessage[]
  onShow: (m: StoredMessage) => void
}) {
  const index = siblings.findIndex((s) => s.id === message.id)
  if (siblings.length < 2) return null
  const previous = siblings[index - 1]
  const next = siblings[index + 1]
  return (
    <span className="versions" role="group" aria-label="Versions">
      <button
        type="button"
        className="icon-button"
        aria-label="Previous version"
        disabled={!previous}
        onClick={() => previous && onShow(previous)}
      >
        <ActionIcon name="previous" />
      </button>
      <span className="small">
        {index + 1} / {siblings.length}
      </span>
      <button type="button" className="icon-button" aria-label="Next version" disabled={!next} onClick={() => next && onShow(next)}>
        <ActionIcon name="next" />
      </button>
    </span>
  )
}

function stateNote(message: StoredMessage): string | undefined {
  if (message.state === 'stopped') return 'Stopped — the text above is what arrived.'
  if (message.state === 'interrupted') return 'Interrupted — the connection to Ollama was lost; what arrived is kept.'
  return undefined
}

function statsLine(message: StoredMessage): string | undefined {
  const stats = message.stats
  if (message.state !== 'complete' || stats?.replyTokens === undefined) return undefined
  const time = stats.totalMs === undefined ? '' : ` in ${(stats.totalMs / 1000).toFixed(1)} s`
  const length = stats.doneReason === 'length' ? ' · cut off at the reply limit (num_predict)' : ''
  return `${stats.replyTokens} tokens${time}${stats.model ? ` · ${stats.model}` : ''}${length}`
}

interface MessageViewProps {
  message: StoredMessage
  siblings: StoredMessage[]
  actions: MessageActions
  /** The end of the thread: a user message there has no reply yet. */
  last: boolean
}

/** Rows whose message, versions and actions are unchanged skip re-rendering: while a reply streams, only its own row does. */
function sameRow(a: MessageViewProps, b: MessageViewProps): boolean {
  return (
    a.message === b.message &&
    a.last === b.last &&
    a.actions === b.actions &&
    a.siblings.length === b.siblings.length &&
    a.siblings.every((sibling, i) => sibling === b.siblings[i])
  )
}

/** One message with what can be done to it: copy, edit (a new branch), regenerate, continue, delete, switch versions. */
export const MessageView = memo(function MessageView({ message, siblings, actions, last }: MessageViewProps) {
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(message.content)
  const [copied, setCopied] = useState('')
  const navigation = useNavigation()
  const who = message.role === 'user' ? 'You' : 'Assistant'
  const streaming = message.state === 'streaming'

  const copy = (): void => {
    void copyText(message.content).then((result) => setCopied(result.ok ? 'Copied' : `Copy failed: ${result.reason}`))
  }
  const saveEdit = (event: FormEvent): void => {
    event.preventDefault()
    if (!draft.trim()) return
    setEditing(false)
    actions.onEdit(message, draft)
  }

  return (
    <article className={`turn turn-${message.role}`} aria-label={`${who} said`} data-message-id={message.id} data-state={message.state}>
      <div className="turn-head">
        <span className="turn-who">{who}</span>
        <Versions message={message} siblings={siblings} onShow={actions.onShowVersion} />
      </div>
      {editing ? (
        <form className="edit-form" onSubmit={saveEdit}>
          <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
            Edit your message
          </label>
          <textarea
            id={`edit-${message.id}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={Math.min(12, draft.split('\n').length + 1)}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary button-small" disabled={actions.busy || !draft.trim()}>
              Send as a new version
            </button>
            <button type="button" className="button button-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <MessageContent message={message} />
      )}
      <StoredImages message={message} />
      {message.truncatedTokens !== undefined && (
        <p className="notice notice-warn small" role="note">
          The model did not see {message.truncatedTokens.toLocaleString()} earlier tokens: Ollama dropped the start of this conversation to
          fit its window. Raise the context window in this chat’s options, or start a new chat.
        </p>
      )}
      {stateNote(message) && <p className="turn-meta">{stateNote(message)}</p>}
      {statsLine(message) && <p className="turn-meta">{statsLine(message)}</p>}
      {message.error && (
        <>
          <ErrorNotice error={message.error} />
          {message.error.code === 'MODEL_NOT_FOUND' && (
            <button type="button" className="button button-small button-primary" onClick={() => actions.onPullModel(actions.model)}>
              Pull {actions.model}
            </button>
          )}
        </>
      )}
      {!streaming && !editing && (
        <div className="turn-actions">
          <button
            type="button"
            className="button button-small"
            onClick={copy}
            aria-label={`Copy ${who === 'You' ? 'your message' : 'the reply'}`}
          >
            Copy
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => navigation.go('json', { kind: 'json-input', text: message.content })}
          >
            Extract as JSON…
          </button>
          {message.role === 'user' && (
            <button type="button" className="button button-small" onClick={() => setEditing(true)} disabled={actions.busy}>
              Edit
            </button>
          )}
          {message.role === 'user' && last && (
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => actions.onRegenerate(message)}
              disabled={actions.busy}
            >
              Get a reply
            </button>
          )}
          {message.role === 'assistant' && message.state === 'interrupted' && (
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => actions.onContinue(message)}
              disabled={actions.busy}
            >
              Continue
            </button>
          )}
          {message.role === 'assistant' && (
            <button type="button" className="button button-small" onClick={() => actions.onRegenerate(message)} disabled={actions.busy}>
              Regenerate
            </button>
          )}
          <button type="button" className="button button-small" onClick={() => actions.onDelete(message)} disabled={actions.busy}>
            Delete
          </button>
          <span role="status" className="muted small">
            {copied}
          </span>
        </div>
      )}
    </article>
  )
}, sameRow)
