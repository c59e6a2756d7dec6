import type { TFunction } from 'i18next'
import { memo, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConversationSummary, SearchHit } from '../../../../shared/domain/conversation.ts'
import { formatDate } from '../../i18n/format.ts'
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

interface ItemProps extends Pick<ConversationListProps, 'onSelect' | 'onRename' | 'onPin' | 'onDelete'> {
  item: ConversationSummary
  selected: boolean
  /** From the list: one translation hook for the list, not one per row of thousands. */
  t: TFunction<'chat'>
}

/**
 * A row renders again only when what it shows changed: selecting a chat re-renders two rows, and the
 * list read afresh after a reply (new objects, mostly the same values) only the rows that differ.
 */
function sameRow(a: ItemProps, b: ItemProps): boolean {
  const sameItem = (Object.keys(a.item) as (keyof ConversationSummary)[]).every((key) => a.item[key] === b.item[key])
  return (
    sameItem &&
    a.selected === b.selected &&
    a.t === b.t &&
    a.onSelect === b.onSelect &&
    a.onRename === b.onRename &&
    a.onPin === b.onPin &&
    a.onDelete === b.onDelete
  )
}

const Item = memo(function Item({ item, selected, t, onSelect, onRename, onPin, onDelete }: ItemProps) {
  const [renaming, setRenaming] = useState(false)
  const [title, setTitle] = useState(item.title)
  if (renaming) {
    return (
      <li className="conversation">
        <form
          onSubmit={(event) => {
            event.preventDefault()
            setRenaming(false)
            if (title.trim() && title !== item.title) onRename(item.id, title.trim())
          }}
        >
          <label className="visually-hidden" htmlFor={`rename-${item.id}`}>
            {t('list.newName', { title: item.title })}
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
      <button type="button" className="conversation-open" onClick={() => onSelect(item.id)}>
        <span className="conversation-title">
          {item.pinned && <span className="visually-hidden">{t('list.pinned')}</span>}
          {item.title}
        </span>
        <span className="muted small conversation-meta">
          {formatDate(item.updatedAt)} · {item.model}
        </span>
      </button>
      <span className="conversation-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={t('list.rename', { title: item.title })}
          onClick={() => setRenaming(true)}
        >
          <ActionIcon name="rename" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={item.pinned ? t('list.unpin', { title: item.title }) : t('list.pin', { title: item.title })}
          aria-pressed={item.pinned}
          onClick={() => onPin(item.id, !item.pinned)}
        >
          <ActionIcon name="pin" />
        </button>
        <button type="button" className="icon-button" aria-label={t('list.delete', { title: item.title })} onClick={() => onDelete(item)}>
          <ActionIcon name="delete" />
        </button>
      </span>
    </li>
  )
}, sameRow)

/** Conversations (pinned first), a search across every message, new chat and import. */
/** Memoized: the chat screen re-renders for every streamed token, the list only when its own props change. */
export const ConversationList = memo(function ConversationList(props: ConversationListProps) {
  const { t } = useTranslation('chat')
  const importFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (file) void file.text().then(props.onImport)
  }
  return (
    <nav className="conversations" aria-label={t('list.region')}>
      <div className="conversations-head">
        <button type="button" className="button button-primary" onClick={props.onNew}>
          {t('list.newChat')}
        </button>
        <label className="button import-button">
          {t('list.import')}
          <input type="file" accept="application/json,.json" className="visually-hidden" onChange={importFile} />
        </label>
      </div>
      <label className="visually-hidden" htmlFor="conversation-search">
        {t('list.search')}
      </label>
      <input
        id="conversation-search"
        type="search"
        placeholder={t('list.search')}
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
      />
      {props.hits ? (
        <ul className="search-hits" aria-label={t('list.results')}>
          {props.hits.length === 0 && <li className="muted small">{t('list.noMatch', { query: props.query })}</li>}
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
          {props.conversations.length === 0 && <li className="muted small">{t('list.empty')}</li>}
          {props.conversations.map((item) => (
            <Item
              key={item.id}
              item={item}
              selected={item.id === props.selectedId}
              t={t}
              onSelect={props.onSelect}
              onRename={props.onRename}
              onPin={props.onPin}
              onDelete={props.onDelete}
            />
          ))}
        </ul>
      )}
    </nav>
  )
})
