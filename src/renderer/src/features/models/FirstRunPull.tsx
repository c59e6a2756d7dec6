import { Trans, useTranslation } from 'react-i18next'
import { RECOMMENDED_MODELS } from '../../../../shared/domain/models.ts'
import { api } from '../../ipc/client.ts'
import { ErrorNotice } from '../../ui/ErrorNotice.tsx'
import { useAction } from '../../ui/useAction.ts'
import { PullRow } from './PullRow.tsx'
import { usePulls } from './usePulls.ts'

/** Shown where a model is needed and none is installed: the default model, one click away. */
export function FirstRunPull({ onInstalled }: { onInstalled: () => void }) {
  const { t } = useTranslation('models')
  const { pulls, dismiss } = usePulls(onInstalled)
  const { run, error } = useAction()
  const [first, ...smaller] = RECOMMENDED_MODELS
  if (!first) return null
  const job = pulls.find((p) => p.model === first.name)
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('firstRun.title')}</h2>
      <p>
        <Trans t={t} i18nKey="firstRun.offer" values={{ name: first.name, size: first.sizeBytes }} components={{ strong: <strong /> }} />{' '}
        {first.why}
      </p>
      {job ? (
        <ul className="pulls" aria-label={t('pull.list')}>
          <PullRow job={job} onDismiss={dismiss} />
        </ul>
      ) : (
        <button
          type="button"
          className="button button-primary"
          onClick={() => void run(() => api.invoke('models:pull', { model: first.name }))}
        >
          {t('firstRun.download', { model: first.name })}
        </button>
      )}
      {error && <ErrorNotice error={error} />}
      <p className="muted small">
        {t('firstRun.smaller', {
          models: smaller
            .filter((m) => m.kind === 'instruct')
            .map((m) => t('sized', { name: m.name, size: m.sizeBytes }))
            .join(', '),
        })}
      </p>
    </section>
  )
}
