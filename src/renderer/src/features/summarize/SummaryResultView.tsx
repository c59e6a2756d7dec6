import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StoredSummary } from '../../../../shared/domain/summaryJobs.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { copyText } from '../../ui/copyText.ts'
import { formatDate } from '../../i18n/format.ts'
import { useNavigation } from '../../ui/navigation.ts'
import { saveFile } from '../../ui/saveFile.ts'
import { useAction } from '../../ui/useAction.ts'
import { MarkdownView } from '../chat/markdown/MarkdownView.tsx'
import { CoverageMap } from './CoverageMap.tsx'
import { formatLabel, lengthLabel, receiptText } from './labels.ts'

/** One stored summary: the text, what was read to write it, where each point came from, and what can be done with it. */
export function SummaryResultView({ stored, onDeleted }: { stored: StoredSummary; onDeleted: (id: string) => void }) {
  const { t } = useTranslation('summarize')
  const { result, options } = stored
  const action = useAction()
  const navigation = useNavigation()
  const [copied, setCopied] = useState<string>()
  const [confirming, setConfirming] = useState(false)
  const details = [formatLabel(stored.format, t), result.model, lengthLabel(options.length, t), formatDate(stored.createdAt)]
  if (options.focus) details.push(t('result.focus', { focus: options.focus }))
  if (options.language) details.push(t('result.language', { language: options.language }))

  const copy = async (): Promise<void> => {
    const outcome = await copyText(result.summary)
    setCopied(outcome.ok ? t('result.copied') : t('result.copyFailed', { reason: outcome.reason }))
  }
  const exportMarkdown = (): void =>
    void action.run(async () => {
      const file = await api.invoke('summaries:export', { id: stored.id })
      saveFile(file.fileName, file.text, 'text/markdown')
    })
  const toChat = (): void =>
    void action.run(async () => {
      const { conversationId } = await api.invoke('summaries:toChat', { id: stored.id })
      navigation.go('chat', { kind: 'open-conversation', id: conversationId })
    })
  const remove = (): void =>
    void action.run(async () => {
      await api.invoke('summaries:delete', { id: stored.id })
      onDeleted(stored.id)
    })

  return (
    <article className="summary-result" aria-labelledby="summary-result-title">
      <header className="summary-result-head">
        <div>
          <h2 id="summary-result-title">
            {stored.fileName}
            {!result.complete && <span className="badge badge-incomplete">{t('result.incomplete')}</span>}
          </h2>
          <p className="muted small">{details.join(' · ')}</p>
        </div>
        <div className="screen-actions">
          <button type="button" className="button button-small" onClick={() => void copy()} disabled={result.summary === ''}>
            {t('result.copy')}
          </button>
          <button type="button" className="button button-small" onClick={exportMarkdown} disabled={action.busy}>
            {t('result.export')}
          </button>
          <button type="button" className="button button-small" onClick={toChat} disabled={action.busy}>
            {t('result.toChat')}
          </button>
          <button type="button" className="button button-small button-danger" onClick={() => setConfirming(true)} disabled={action.busy}>
            {t('result.delete')}
          </button>
        </div>
      </header>
      <p className="muted small summary-copied" role="status">
        {copied}
      </p>
      {confirming && (
        <div className="notice notice-warn" role="group" aria-label={t('result.confirmLabel')}>
          <p className="notice-title">{t('result.confirmTitle', { name: stored.fileName })}</p>
          <p className="notice-hint">{t('result.confirmHint')}</p>
          <div className="form-actions">
            <button type="button" className="button button-small button-danger" onClick={remove} autoFocus>
              {t('result.confirmDelete')}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              {t('result.keep')}
            </button>
          </div>
        </div>
      )}
      {action.error && <ErrorNotice error={action.error} />}
      <p className={`receipt small${result.complete && !result.truncated ? '' : ' receipt-warn'}`} data-testid="summary-receipt">
        {receiptText(result, t)}
      </p>
      {result.warnings.length > 0 && (
        <ul className="summary-warnings small">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {result.summary ? (
        <MarkdownView source={result.summary} className="summary-text" />
      ) : (
        <p className="empty summary-text">{t('result.noSummary')}</p>
      )}
      <CoverageMap result={result} />
    </article>
  )
}
