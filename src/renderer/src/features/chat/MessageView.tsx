import type { TFunction } from 'i18next'
import { memo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { StoredMessage } from '../../../../shared/domain/conversation.ts'
import { copyText } from '../../ui/copyText.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { Thinking } from './Thinking.tsx'
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

type T = TFunction<'chat'>

function Versions({
  message,
  siblings,
  onShow,
  t,
}: {
  message: StoredMessage
  siblings: StoredMessage[]
  onShow: (m: StoredMessage) => void
  t: T
}) {
  const index = siblings.findIndex((s) => s.id === message.id)
  if (siblings.length < 2) return null
  const previous = siblings[index - 1]
  const next = siblings[index + 1]
  return (
    <span className="versions" role="group" aria-label={t('message.versions')}>
      <button
        type="button"
        className="icon-button"
        aria-label={t('message.previous')}
        disabled={!previous}
        onClick={() => previous && onShow(previous)}
      >
        <ActionIcon name="previous" />
      </button>
      <span className="small">{t('message.position', { index: index + 1, count: siblings.length })}</span>
      <button type="button" className="icon-button" aria-label={t('message.next')} disabled={!next} onClick={() => next && onShow(next)}>
        <ActionIcon name="next" />
      </button>
    </span>
  )
}

function stateNote(message: StoredMessage, t: T): string | undefined {
  if (message.state === 'stopped') return t('message.stopped')
  if (message.state === 'interrupted') return t('message.interrupted')
  return undefined
}

function statsLine(message: StoredMessage, t: T): string | undefined {
  const stats = message.stats
  if (message.state !== 'complete' || stats?.replyTokens === undefined) return undefined
  const tokens = t('message.tokens', { count: stats.replyTokens })
  const parts = [stats.totalMs === undefined ? tokens : `${tokens} ${t('message.took', { seconds: stats.totalMs / 1000 })}`]
  if (stats.model) parts.push(stats.model)
  if (stats.doneReason === 'length') parts.push(t('message.cutOff'))
  return parts.join(' · ')
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
  const { t } = useTranslation('chat')
  const mine = message.role === 'user'
  const streaming = message.state === 'streaming'
  const note = stateNote(message, t)
  const stats = statsLine(message, t)

  const copy = (): void => {
    void copyText(message.content).then((result) =>
      setCopied(result.ok ? t('message.copied') : t('message.copyFailed', { reason: result.reason })),
    )
  }
  const saveEdit = (event: FormEvent): void => {
    event.preventDefault()
    if (!draft.trim()) return
    setEditing(false)
    actions.onEdit(message, draft)
  }

  return (
    <article
      className={`turn turn-${message.role}`}
      aria-label={mine ? t('message.youSaid') : t('message.assistantSaid')}
      data-message-id={message.id}
      data-state={message.state}
    >
      <div className="turn-head">
        <span className="turn-who">{mine ? t('message.you') : t('message.assistant')}</span>
        <Versions message={message} siblings={siblings} onShow={actions.onShowVersion} t={t} />
      </div>
      {editing ? (
        <form className="edit-form" onSubmit={saveEdit}>
          <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
            {t('message.editLabel')}
          </label>
          <textarea
            id={`edit-${message.id}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={Math.min(12, draft.split('\n').length + 1)}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary button-small" disabled={actions.busy || !draft.trim()}>
              {t('message.sendEdit')}
            </button>
            <button type="button" className="button button-small" onClick={() => setEditing(false)}>
              {t('message.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {message.thinking && <Thinking text={message.thinking} active={streaming && message.content === ''} />}
          <MessageContent message={message} />
        </>
      )}
      <StoredImages message={message} />
      {message.truncatedTokens !== undefined && (
        <p className="notice notice-warn small" role="note">
          {t('message.truncated', { tokens: message.truncatedTokens })}
        </p>
      )}
      {note && <p className="turn-meta">{note}</p>}
      {stats && <p className="turn-meta">{stats}</p>}
      {message.error && (
        <>
          <ErrorNotice error={message.error} />
          {message.error.code === 'MODEL_NOT_FOUND' && (
            <button type="button" className="button button-small button-primary" onClick={() => actions.onPullModel(actions.model)}>
              {t('pull', { model: actions.model })}
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
            aria-label={mine ? t('message.copyMine') : t('message.copyReply')}
          >
            {t('message.copy')}
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => navigation.go('json', { kind: 'json-input', text: message.content })}
          >
            {t('message.toJson')}
          </button>
          {message.role === 'user' && (
            <button type="button" className="button button-small" onClick={() => setEditing(true)} disabled={actions.busy}>
              {t('message.edit')}
            </button>
          )}
          {message.role === 'user' && last && (
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => actions.onRegenerate(message)}
              disabled={actions.busy}
            >
              {t('message.getReply')}
            </button>
          )}
          {message.role === 'assistant' && message.state === 'interrupted' && (
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => actions.onContinue(message)}
              disabled={actions.busy}
            >
              {t('message.continue')}
            </button>
          )}
          {message.role === 'assistant' && (
            <button type="button" className="button button-small" onClick={() => actions.onRegenerate(message)} disabled={actions.busy}>
              {t('message.regenerate')}
            </button>
          )}
          <button type="button" className="button button-small" onClick={() => actions.onDelete(message)} disabled={actions.busy}>
            {t('message.delete')}
          </button>
          <span role="status" className="muted small">
            {copied}
          </span>
        </div>
      )}
    </article>
  )
}, sameRow)
