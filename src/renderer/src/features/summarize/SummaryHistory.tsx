import { useTranslation } from 'react-i18next'
import type { SummaryListItem } from '../../../../shared/domain/summaryJobs.ts'
import type { ErrorInfo } from '../../../../shared/ipc/errors.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { formatDate } from '../../i18n/format.ts'
import { MarkedSnippet } from '../../ui/MarkedSnippet.tsx'
import { formatLabel } from './labels.ts'

/** The snippet is the summary's Markdown: its list marker and emphasis would show as stray characters in one line. */
function plainSnippet(snippet: string): string {
  return snippet.replace(/^\s*[-*+]\s+/, '').replace(/\*\*|__/g, '')
}

/** Earlier summaries with a search across their text; choosing one opens it. */
export function SummaryHistory({
  items,
  error,
  query,
  searching,
  selectedId,
  onQuery,
  onSelect,
  onRetry,
}: {
  items: SummaryListItem[] | undefined
  error: ErrorInfo | undefined
  query: string
  searching: boolean
  selectedId: string | undefined
  onQuery: (query: string) => void
  onSelect: (id: string) => void
  onRetry: () => void
}) {
  const { t } = useTranslation('summarize')
  const empty = searching ? t('history.noMatch', { query: query.trim() }) : t('history.empty')
  return (
    <nav className="conversations summary-history" aria-label={t('history.region')}>
      <h2 className="summary-history-title">{t('history.title')}</h2>
      <label className="visually-hidden" htmlFor="summary-search">
        {t('history.search')}
      </label>
      <input id="summary-search" type="search" placeholder={t('history.search')} value={query} onChange={(e) => onQuery(e.target.value)} />
      {error && <ErrorNotice error={error} onRetry={onRetry} />}
      <ul className="conversation-list" aria-label={searching ? t('history.results') : t('history.list')}>
        {items?.length === 0 && <li className="muted small">{empty}</li>}
        {items?.map((item) => (
          <li key={item.id} className="conversation" aria-current={item.id === selectedId ? 'true' : undefined}>
            <button type="button" className="conversation-open" onClick={() => onSelect(item.id)}>
              <span className="conversation-title">{item.fileName}</span>
              <span className="muted small conversation-meta">
                {[
                  formatDate(item.createdAt),
                  formatLabel(item.format, t),
                  item.model,
                  ...(item.complete ? [] : [t('history.incomplete')]),
                ].join(' · ')}
              </span>
              <span className="small hit-snippet summary-snippet">
                <MarkedSnippet text={plainSnippet(item.snippet)} />
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
