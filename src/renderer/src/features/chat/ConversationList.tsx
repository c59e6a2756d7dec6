import { memo, useState, type ChangeEvent } from 'react'
import type { ConversationSummary, SearchHit } from '../../../../shared/domain/conversation.ts'
import { formatDate } from '../../ui/format.ts'
import { MarkedSnippet } from '../../ui/MarkedSnippet.tsx'
import { ActionIcon } from '../../ui/Icon.tsx'

export interface ConversationListProps {
  conversations: ConversationSummary[]
  selectedId: string | undefined
  query: string
  hits: SearchHit[] | undefined
  onQuery(query: string): void
  onSelect(id: string, messageId?: string): void
  onNew(): void
  onRename(id: string, title: string): void
  onPin(id: string, pinned: boolean): void
  onDelete(conversation: ConversationSummary): void
  onImport(text: string): void
}

function Item({ item, selected, props }: { item: ConversationSummary; selected: boolean; props: ConversationListProps }) {
  const [renaming, setRenaming] = useState(false)
  const [title, setTitle] = useState(item.title)
  if (renaming) {
    return (
      <li className="conversation">
        <form
          onSubmit={(event) => {
            event.preventDefault()
            setRenaming(false)
            if (title.trim() && title !== item.title) props.onRename(item.id, title.trim())
          }}
        >
          <label className="visually-hidden" htmlFor={`rename-${item.id}`}>
            New name for {item.title}
          </label>
          <input
            id={`rename-${item.id}`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
            autoFocus
          />
        </form>
      </li>
    )
  }
  return (
    <li className="conversation" aria-current={selected ? 'true' : undefined}>
      <button type="button" className="conversation-open" onClick={() => props.onSelect(item.id)}>
        <span className="conversation-title">
          {item.pinned && <span className="visually-hidden">Pinned: </span>}
          {item.title}
        </span>
        <span className="muted small conversation-meta">
          {formatDate(item.updatedAt)} · {item.model}
        </span>
      </button>
      <span className="conversation-actions">
        <button type="button" className="icon-button" aria-label={`Rename ${item.title}`} onClick={() => setRenaming(true)}>
          <ActionIcon name="rename" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`${item.pinned ? 'Unpin' : 'Pin'} ${item.title}`}
          aria-pressed={item.pinned}
          onClick={() => props.onPin(item.id, !item.pinned)}
        >
          <ActionIcon name="pin" />
        </button>
        <button type="button" className="icon-button" aria-label={`Delete ${item.title}`} onClick={() => props.onDelete(item)}>
          <ActionIcon name="delete" />
        </button>
      </span>
    </li>
  )
}

/** Conversations (pinned first), a search across every message, new chat and import. */
/** Memoized: the chat screen re-renders for every streamed token, the list only when its own props change. */
export const ConversationList = memo(function ConversationList(props: ConversationListProps) {
  const importFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (file) void file.text().then(props.onImport)
  }
  return (
    <nav className="conversations" aria-label="Conversations">
      <div className="conversations-head">
        <button type="button" className="button button-primary" onClick={props.onNew}>
          New chat
        </button>
        <label className="button import-button">
          Import…
          <input type="file" accept="application/json,.json" className="visually-hidden" onChange={importFile} />
        </label>
      </div>
      <label className="visually-hidden" htmlFor="conversation-search">
        Search all messages
      </label>
      <input
        id="conversation-search"
        type="search"
        placeholder="Search all messages"
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
      />
      {props.hits ? (
        <ul className="search-hits" aria-label="Search results">
          {props.hits.length === 0 && <li className="muted small">No message matches “{props.query}”.</li>}
          {props.hits.map((hit) => (
            <li key={hit.messageId}>
              <button type="button" className="conversation-open" onClick={() => props.onSelect(hit.conversationId, hit.messageId)}>
                <span className="conversation-title">{hit.title}</span>
                <span className="small hit-snippet">
                  <MarkedSnippet text={hit.snippet} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="conversation-list">
          {props.conversations.length === 0 && <li className="muted small">No conversations yet.</li>}
          {props.conversations.map((item) => (
            <Item key={item.id} item={item} selected={item.id === props.selectedId} props={props} />
          ))}
        </ul>
      )}
    </nav>
  )
})
