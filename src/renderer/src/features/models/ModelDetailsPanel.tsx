import { useTranslation } from 'react-i18next'
import { useInvoke } from '../../ipc/hooks.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'

/** What `/api/show` says about one model: the facts a user needs to pick options and prompts. */
export function ModelDetailsPanel({ model }: { model: string }) {
  const { t } = useTranslation('models')
  const details = useInvoke('models:show', { model })
  if (details.error) return <ErrorNotice error={details.error} onRetry={details.reload} />
  const d = details.data
  if (!d) return <p className="muted small">{t('details.reading')}</p>
  return (
    <div className="model-details" aria-label={t('installed.detailsOf', { model })} role="region">
      <dl className="facts">
        <dt>{t('details.contextWindow')}</dt>
        <dd>{d.contextLength ? t('details.tokens', { tokens: d.contextLength }) : t('details.notReported')}</dd>
        <dt>{t('details.capabilities')}</dt>
        <dd>{d.capabilities.length > 0 ? d.capabilities.join(', ') : '—'}</dd>
        <dt>{t('details.kind')}</dt>
        <dd>{d.kind === 'instruct' ? t('details.instruct') : d.kind === 'base' ? t('details.base') : t('details.notStated')}</dd>
        {d.license && (
          <>
            <dt>{t('details.license')}</dt>
            <dd>{d.license.split('\n')[0]}</dd>
          </>
        )}
      </dl>
      <h3>{t('details.parameters')}</h3>
      {d.parameters.trim() ? (
        <pre className="code-block">{d.parameters.trim()}</pre>
      ) : (
        <p className="muted small">{t('details.noParameters')}</p>
      )}
      <h3>{t('details.template')}</h3>
      <pre className="code-block">{d.template.trim() || t('details.noTemplate')}</pre>
    </div>
  )
}
